"""Migration scripts, one per revision: ``NNNN_<what>.py`` with ``revision = "NNNN"``."""
