"""Staff edit services, contacts and the hub's dated facts, with their own sources and a log.

``services``, ``contacts`` and ``events`` get ``source_date`` and ``source_title``: the source
staff give when they save (a document's title and date, or, with no title, "hub staff" and the
date). Seed rows keep ``source`` (the seed files) and get NULL in both. ``content_changes``
records who changed which field of which item, when, from what to what; its ``item_id`` has no
foreign key, so the log outlives the item.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The tables that get a staff source.
TABLES = ("services", "contacts", "events")


def upgrade() -> None:
    """Add the staff source columns and the table ``content_changes``."""
    for table in TABLES:
        op.add_column(table, sa.Column("source_date", sa.Date(), nullable=True))
        op.add_column(table, sa.Column("source_title", sa.String(length=300), nullable=True))
    op.create_table(
        "content_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("from_value", sa.Text(), nullable=True),
        sa.Column("to_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_content_changes_item_id"), "content_changes", ["item_id"], unique=False
    )


def downgrade() -> None:
    """Drop the change log and the staff source columns (staff sources are lost)."""
    op.drop_index(op.f("ix_content_changes_item_id"), table_name="content_changes")
    op.drop_table("content_changes")
    # A plain DROP COLUMN (SQLite 3.35+), as 0005: a batch copy would cascade to dependants.
    for table in TABLES:
        op.drop_column(table, "source_title")
        op.drop_column(table, "source_date")
