"""Ids are never given again: the tables with a numeric id become AUTOINCREMENT on SQLite.

Without ``AUTOINCREMENT`` SQLite gives a new row the largest id plus one, so after the newest
row is deleted (retention, erasure) the next one gets its id: ``/console/review/{message_id}``
or an audit entry would then name another visitor's message, and the staff alerts' cursor
(an event log id) would skip the events that reuse an id. With it, SQLite remembers the
largest id ever used (table ``sqlite_sequence``). PostgreSQL's ``SERIAL`` never gives a
number twice already; there this revision changes nothing.

SQLite declares ``AUTOINCREMENT`` only in ``CREATE TABLE``, so each table is recreated
(Alembic's batch mode: new table, rows copied with their ids, old table dropped, new one
renamed). The console does not enforce foreign keys on SQLite and none cascades, so the rows
that refer to ``console_messages`` stay as they are.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: The tables with a numeric id (the others are keyed by a name, a hash or a sender).
NUMBERED_TABLES = (
    "console_messages",
    "console_feedback",
    "console_form_runs",
    "console_review_decisions",
    "console_event_log",
    "console_skipped_events",
    "console_audit_log",
    "console_staff_alerts",
)


def _recreate(autoincrement: bool) -> None:
    """Recreate the numbered tables on SQLite, with or without ``AUTOINCREMENT``."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in NUMBERED_TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    """SQLite: recreate the numbered tables with ``AUTOINCREMENT``; next ids follow the largest."""
    _recreate(autoincrement=True)


def downgrade() -> None:
    """SQLite: recreate them without ``AUTOINCREMENT`` (ids may be reused again)."""
    _recreate(autoincrement=False)
