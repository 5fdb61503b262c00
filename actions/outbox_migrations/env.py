"""Alembic environment of the lead outbox.

`actions.outbox_migrate.upgrade_database` hands over a connection inside its transaction;
`actions.outbox_migrate.prepare` runs first on it (lock, then adopt an outbox made before
migrations existed). The outbox has no `alembic` command of its own: start-up migrates.
"""

from __future__ import annotations

from alembic import context

from actions import outbox_migrate
from actions.outbox_store import metadata

config = context.config
connection = config.attributes["connection"]
outbox_migrate.prepare(connection, context.script)
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=outbox_migrate.VERSION_TABLE,
    compare_type=True,
    # prepare() opened a real SQLite transaction (BEGIN IMMEDIATE): DDL rolls back too.
    transactional_ddl=True if connection.dialect.name == "sqlite" else None,
)
with context.begin_transaction():
    context.run_migrations()
