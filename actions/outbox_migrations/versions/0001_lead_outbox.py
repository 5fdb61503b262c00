"""Baseline: the lead outbox as `create_all` and its hand-written upgrade left it.

An outbox made before migrations existed (no version table) is brought to this schema and
stamped at this revision on start-up (`actions.outbox_migrate`), so it is never run on one.

Revision ID: 0001
Revises: -
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the outbox's table and its two indexes."""
    op.create_table(
        "lead_outbox",
        sa.Column("client_reference", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.Column("conversation_id", sa.Text(), nullable=True),
        sa.Column("claimed_until", sa.Float(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'delivered', 'rejected')", name="lead_outbox_state"
        ),
        sa.PrimaryKeyConstraint("client_reference"),
    )
    op.create_index("ix_lead_outbox_conversation", "lead_outbox", ["conversation_id", "created_at"])
    op.create_index("ix_lead_outbox_state", "lead_outbox", ["state", "created_at"])


def downgrade() -> None:
    """Drop the outbox's table (and every lead waiting in it)."""
    op.drop_index("ix_lead_outbox_state", table_name="lead_outbox")
    op.drop_index("ix_lead_outbox_conversation", table_name="lead_outbox")
    op.drop_table("lead_outbox")
