"""Alembic scripts of the console's database (see :mod:`hub_web.migrate`)."""
