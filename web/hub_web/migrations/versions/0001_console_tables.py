"""Baseline: the console's tables as ``create_all`` made them before migrations existed.

:data:`BASELINE` is that schema, frozen here. An empty database gets it whole. A console
database made before migrations (no ``alembic_version`` table) has had its existing tables
checked by :func:`hub_web.migrate.adopt_unversioned_database` (the columns of each must be
these); this revision then creates only what that database lacks, the tables (and indexes)
of the areas added after it was made, as ``create_all`` did at every start, and touches no
row.

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

BASELINE = sa.MetaData()

sa.Table(
    "console_consumer_offsets",
    BASELINE,
    sa.Column("source", sa.String(length=255), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("source"),
)
sa.Table(
    "console_conversations",
    BASELINE,
    sa.Column("sender_id", sa.String(length=255), nullable=False),
    sa.Column("language", sa.String(length=16), nullable=True),
    sa.Column("first_event_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_event_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("paused", sa.Boolean(), nullable=False),
    sa.Column("last_user_message", sa.Text(), nullable=True),
    sa.Column("last_user_message_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("user_messages", sa.Integer(), nullable=False),
    sa.Column("bot_messages", sa.Integer(), nullable=False),
    sa.Column("staff_messages", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("sender_id"),
    sa.Index("ix_console_conversations_language", "language"),
    sa.Index("ix_console_conversations_paused", "paused"),
)
sa.Table(
    "console_messages",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("sender_id", sa.String(length=255), nullable=False),
    sa.Column("kind", sa.String(length=8), nullable=False),
    sa.Column("event_time", sa.Float(), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("intent", sa.String(length=100), nullable=True),
    sa.Column("confidence", sa.Float(), nullable=True),
    sa.Column("ranking", sa.JSON(), nullable=True),
    sa.Column("entities", sa.JSON(), nullable=True),
    sa.Column("language", sa.String(length=16), nullable=True),
    sa.Column("unsupported_language", sa.String(length=16), nullable=True),
    sa.Column("action", sa.String(length=100), nullable=True),
    sa.Column("fallback", sa.Boolean(), nullable=False),
    sa.Column("in_form", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_console_messages_confidence", "confidence"),
    sa.Index("ix_console_messages_event", "sender_id", "kind", "event_time"),
    sa.Index("ix_console_messages_fallback", "fallback"),
    sa.Index("ix_console_messages_intent", "intent"),
    sa.Index("ix_console_messages_sender_order", "sender_id", "id"),
    sa.Index("ix_console_messages_unsupported_language", "unsupported_language"),
)
sa.Table(
    "console_feedback",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("sender_id", sa.String(length=255), nullable=False),
    sa.Column("message_id", sa.Integer(), nullable=False),
    sa.Column("user_message_id", sa.Integer(), nullable=True),
    sa.Column("rating", sa.String(length=4), nullable=False),
    sa.Column("comment", sa.Text(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["message_id"], ["console_messages.id"]),
    sa.ForeignKeyConstraint(["user_message_id"], ["console_messages.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("message_id"),
    sa.Index("ix_console_feedback_rating", "rating"),
    sa.Index("ix_console_feedback_sender_id", "sender_id"),
    sa.Index("ix_console_feedback_user_message_id", "user_message_id"),
)
sa.Table(
    "console_form_runs",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("sender_id", sa.String(length=255), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("consent_given", sa.Boolean(), nullable=False),
    sa.Column("last_user_message_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["last_user_message_id"], ["console_messages.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_console_form_runs_last_user_message_id", "last_user_message_id"),
    sa.Index("ix_console_form_runs_sender_id", "sender_id"),
)
sa.Table(
    "console_review_decisions",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("message_id", sa.Integer(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("intent", sa.String(length=100), nullable=True),
    sa.Column("entities", sa.JSON(), nullable=True),
    sa.Column("reviewed_by", sa.String(length=255), nullable=False),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["message_id"], ["console_messages.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("message_id"),
    sa.Index("ix_console_review_decisions_status", "status"),
)
sa.Table(
    "console_event_log",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("sender_id", sa.String(length=255), nullable=False),
    sa.Column("timestamp", sa.Float(), nullable=True),
    sa.Column("data", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_console_event_log_sender_id", "sender_id"),
    sa.Index("ix_console_event_log_timestamp", "timestamp"),
)
sa.Table(
    "console_skipped_events",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("source", sa.String(length=255), nullable=False),
    sa.Column("position", sa.Integer(), nullable=True),
    sa.Column("reason", sa.String(length=200), nullable=False),
    sa.Column("skipped_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id"),
)
sa.Table(
    "console_audit_log",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(length=255), nullable=False),
    sa.Column("action", sa.String(length=16), nullable=False),
    sa.Column("outcome", sa.String(length=16), nullable=False),
    sa.Column("lead_id", sa.Integer(), nullable=True),
    sa.Column("subject", sa.String(length=16), nullable=True),
    sa.Column("detail", sa.String(length=300), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_console_audit_log_action", "action"),
    sa.Index("ix_console_audit_log_at", "at"),
    sa.Index("ix_console_audit_log_lead_id", "lead_id"),
)
sa.Table(
    "console_staff_sessions",
    BASELINE,
    sa.Column("id_hash", sa.String(length=64), nullable=False),
    sa.Column("username", sa.String(length=64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id_hash"),
    sa.Index("ix_console_staff_sessions_created_at", "created_at"),
    sa.Index("ix_console_staff_sessions_username", "username"),
)
sa.Table(
    "console_staff_alert_cursor",
    BASELINE,
    sa.Column("name", sa.String(length=32), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("name"),
)
sa.Table(
    "console_staff_alerts",
    BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("source_event_id", sa.Integer(), nullable=False),
    sa.Column("handle", sa.String(length=32), nullable=True),
    sa.Column("lead_id", sa.Integer(), nullable=True),
    sa.Column("event_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("email_state", sa.String(length=16), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("source_event_id"),
    sa.Index("ix_console_staff_alerts_email_state", "email_state"),
    sa.Index("ix_console_staff_alerts_handle", "handle"),
)


def upgrade() -> None:
    """Create the tables and indexes the database does not have yet."""
    connection = op.get_bind()
    BASELINE.create_all(connection, checkfirst=True)
    inspector = sa.inspect(connection)
    for table in BASELINE.sorted_tables:
        present = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(connection)


def downgrade() -> None:
    """Drop every console table (and all their rows)."""
    BASELINE.drop_all(op.get_bind())
