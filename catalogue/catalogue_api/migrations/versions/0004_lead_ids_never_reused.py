"""Lead ids are never given again: ``leads`` becomes an AUTOINCREMENT table on SQLite.

Without ``AUTOINCREMENT`` SQLite gives a new row the largest id plus one, so after the newest
lead is erased the next lead gets its id: the audit log's "erase lead 62" would then name two
people, and a retried erase would remove a different person. With it, SQLite remembers the
largest id ever used (table ``sqlite_sequence``). PostgreSQL's ``SERIAL`` sequence never gives
a number twice already; there this revision changes nothing.

SQLite declares ``AUTOINCREMENT`` only in ``CREATE TABLE``, so the table is recreated (Alembic's
batch mode: new table, rows copied with their ids, old table dropped, new one renamed). The
migration runs in one transaction with foreign keys enforced, and dropping the old ``leads``
would cascade to the rows that refer to it; ``lead_history``, ``lead_projects`` and
``lead_services`` are therefore copied aside first and put back after, unchanged.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: The tables whose rows refer to ``leads.id`` (``ON DELETE CASCADE``).
REFERRING_TABLES = ("lead_history", "lead_projects", "lead_services")


def _recreate_leads(autoincrement: bool) -> None:
    """Recreate ``leads`` on SQLite, with or without ``AUTOINCREMENT``, keeping every row."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in REFERRING_TABLES:
        op.execute(f"CREATE TEMP TABLE keep_{table} AS SELECT * FROM {table}")
    with op.batch_alter_table(
        "leads", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass
    for table in REFERRING_TABLES:
        # The drop of the old leads emptied the table; its rows come back as they were.
        op.execute(f"DELETE FROM {table}")
        op.execute(f"INSERT INTO {table} SELECT * FROM temp.keep_{table}")
        op.execute(f"DROP TABLE temp.keep_{table}")


def upgrade() -> None:
    """SQLite: recreate ``leads`` with ``AUTOINCREMENT``; the next id follows the largest."""
    _recreate_leads(autoincrement=True)


def downgrade() -> None:
    """SQLite: recreate ``leads`` without ``AUTOINCREMENT`` (ids may be reused again)."""
    _recreate_leads(autoincrement=False)
