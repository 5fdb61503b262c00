"""The lead outbox's table, in any database SQLAlchemy reaches (`LEAD_OUTBOX_URL`).

One SQLite file per action server by default (`LEAD_OUTBOX_PATH`); one PostgreSQL
database shared by every action server when scaled out, so that a lead outlives the
server that took it. Several servers may open the same database at once: it is migrated
under a lock at start-up (`actions.outbox_migrate`), and a lead is delivered by whoever
claims it first (`claimed_until`, see `actions.outbox`).
"""

from __future__ import annotations

import sqlalchemy as sa

#: States of a lead the outbox no longer sends: their rows keep no personal data.
SETTLED_STATES = ("delivered", "rejected")
#: What a settled row keeps of the lead: nothing (its reference and the catalogue's id are
#: columns of their own), and no conversation either.
SCRUBBED = {"payload": "{}", "conversation_id": None}

metadata = sa.MetaData()
lead_outbox = sa.Table(
    "lead_outbox",
    metadata,
    sa.Column("client_reference", sa.Text, primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("lead_id", sa.Integer),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    # Added after the first release (see `actions.outbox_migrate`): the conversation the
    # lead comes from, and until when a server delivering it holds it (0: nobody).
    sa.Column("conversation_id", sa.Text),
    sa.Column("claimed_until", sa.Float, nullable=False, server_default="0"),
    sa.CheckConstraint("state IN ('pending', 'delivered', 'rejected')", name="lead_outbox_state"),
)
conversation_index = sa.Index(
    "ix_lead_outbox_conversation", lead_outbox.c.conversation_id, lead_outbox.c.created_at
)
pending_index = sa.Index("ix_lead_outbox_state", lead_outbox.c.state, lead_outbox.c.created_at)
