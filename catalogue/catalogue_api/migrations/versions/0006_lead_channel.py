"""Leads get ``channel``: where the visitor wrote (``socketio``, ``rest``, ``telegram``).

A nullable, indexed code of the input channel the lead came through (staff filter and count
leads by it). Leads stored before keep every value and get NULL: their channel was not
recorded.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``leads.channel`` and its index."""
    op.add_column("leads", sa.Column("channel", sa.String(length=16), nullable=True))
    op.create_index(op.f("ix_leads_channel"), "leads", ["channel"], unique=False)


def downgrade() -> None:
    """Drop ``leads.channel`` and its index (the channels are lost; the leads stay)."""
    op.drop_index(op.f("ix_leads_channel"), table_name="leads")
    op.drop_column("leads", "channel")
