"""Leads record the consent they were given: the question's text, language and version.

Three nullable columns; leads stored before keep ``consent = true`` and get NULL here (the
text they agreed to was not recorded then).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``leads.consent_text``, ``leads.consent_language`` and ``leads.consent_version``."""
    op.add_column("leads", sa.Column("consent_text", sa.Text(), nullable=True))
    op.add_column("leads", sa.Column("consent_language", sa.String(length=2), nullable=True))
    op.add_column("leads", sa.Column("consent_version", sa.String(length=32), nullable=True))


def downgrade() -> None:
    """Drop the three columns (the recorded consent texts are lost; ``consent`` stays)."""
    op.drop_column("leads", "consent_version")
    op.drop_column("leads", "consent_language")
    op.drop_column("leads", "consent_text")
