"""Project catalogue and lead intake API of the hub (FastAPI)."""

__version__ = "0.1.0"
