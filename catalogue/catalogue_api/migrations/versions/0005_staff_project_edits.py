"""Staff edit projects: a project may carry a staff source, and every change is logged.

``projects`` gets ``source_date`` and ``source_title``: the source of facts staff add (a
document's title and date, or, with no title, "hub staff" and the date). Seed projects keep
``source`` (the seed files) and get NULL in both. ``project_changes`` records who changed which
field of which project, when, from what to what; its ``project_id`` has no foreign key, so the
log outlives a replacement of the project catalogue.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the staff source columns of ``projects`` and the table ``project_changes``."""
    op.add_column("projects", sa.Column("source_date", sa.Date(), nullable=True))
    op.add_column("projects", sa.Column("source_title", sa.String(length=300), nullable=True))
    op.create_table(
        "project_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("from_value", sa.Text(), nullable=True),
        sa.Column("to_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_project_changes_project_id"), "project_changes", ["project_id"], unique=False
    )


def downgrade() -> None:
    """Drop the change log and the staff source columns (staff sources are lost)."""
    op.drop_index(op.f("ix_project_changes_project_id"), table_name="project_changes")
    op.drop_table("project_changes")
    # A plain DROP COLUMN (SQLite 3.35+): recreating ``projects`` in batch mode would cascade
    # to ``project_sectors`` and empty it.
    op.drop_column("projects", "source_title")
    op.drop_column("projects", "source_date")
