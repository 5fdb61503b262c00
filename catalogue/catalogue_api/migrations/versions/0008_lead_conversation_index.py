"""Leads get an index on ``conversation_id``: the console's funnel matches conversations to leads.

``POST /staff/lead-counts/conversations`` counts the leads of up to 500 conversation ids per
statement, and the personal data of a lead are those of its conversation; without an index
both read the whole table. No row changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the index ``ix_leads_conversation_id``."""
    op.create_index(op.f("ix_leads_conversation_id"), "leads", ["conversation_id"], unique=False)


def downgrade() -> None:
    """Drop the index (the leads stay)."""
    op.drop_index(op.f("ix_leads_conversation_id"), table_name="leads")
