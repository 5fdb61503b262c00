"""Alembic environment and migration scripts of the catalogue (see ``catalogue_api.migrate``)."""
