"""Leads get ``country_code``: ISO 3166-1 alpha-2, nullable, indexed.

Existing leads keep their typed ``country`` and get no code (NULL).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``leads.country_code`` and its index."""
    op.add_column("leads", sa.Column("country_code", sa.String(length=2), nullable=True))
    op.create_index(op.f("ix_leads_country_code"), "leads", ["country_code"], unique=False)


def downgrade() -> None:
    """Drop ``leads.country_code`` and its index (the codes are lost; typed countries stay)."""
    op.drop_index(op.f("ix_leads_country_code"), table_name="leads")
    op.drop_column("leads", "country_code")
