"""Alembic scripts of the lead outbox (see `actions.outbox_migrate`)."""
