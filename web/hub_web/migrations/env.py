"""Alembic environment of the console's database.

:func:`hub_web.migrate.upgrade_database` hands over a connection inside its transaction;
:func:`hub_web.migrate.prepare` runs first on it (lock, then check a database made before
migrations existed). The console has no ``alembic`` command of its own: start-up migrates.
"""

from __future__ import annotations

from alembic import context

from hub_web import migrate
from hub_web.migrations.models import CONSOLE_METADATA

config = context.config
connection = config.attributes["connection"]
migrate.prepare(connection, context.script)
context.configure(
    connection=connection,
    target_metadata=CONSOLE_METADATA,
    version_table=migrate.VERSION_TABLE,
    compare_type=True,
    # prepare() opened a real SQLite transaction (BEGIN IMMEDIATE): DDL rolls back too.
    transactional_ddl=True if connection.dialect.name == "sqlite" else None,
    # SQLite recreates a table to change it (0002); batch mode does that.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
