"""Alembic environment of the catalogue.

Start-up (:func:`catalogue_api.migrate.upgrade_database`) hands over a connection inside its
transaction. The ``alembic`` command opens its own, on ``-x url=...``, else ``sqlalchemy.url``,
else ``DATABASE_URL`` (through :mod:`catalogue_api.settings`). Either way
:func:`catalogue_api.migrate.prepare` runs first: lock, and stamp a database made by
``create_all`` at ``0001``.
"""

from __future__ import annotations

import logging

from alembic import context
from sqlalchemy import Connection

from catalogue_api import migrate
from catalogue_api.db import make_engine
from catalogue_api.models import Base
from catalogue_api.settings import load_settings, normalise_database_url

config = context.config
target_metadata = Base.metadata


def _database_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url and config.file_config.has_option(config.config_ini_section, "sqlalchemy.url"):
        url = config.get_main_option("sqlalchemy.url")
    return normalise_database_url(url) if url else load_settings().database_url


def _run(connection: Connection) -> None:
    migrate.prepare(connection, context.script)
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=migrate.VERSION_TABLE,
        compare_type=True,
        # prepare() opened a real SQLite transaction (BEGIN IMMEDIATE): DDL rolls back too.
        transactional_ddl=True if connection.dialect.name == "sqlite" else None,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """``--sql``: write the SQL instead of running it."""
    context.configure(
        url=_database_url(),
        target_metadata=target_metadata,
        version_table=migrate.VERSION_TABLE,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new one in one transaction."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_database_url())
    try:
        with engine.begin() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


if config.cmd_opts is not None and not logging.getLogger().handlers:
    # The alembic command (no logging section without an .ini file): show its progress.
    logging.basicConfig(level=logging.INFO, format="%(levelname)-5.5s [%(name)s] %(message)s")

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
