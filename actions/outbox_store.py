"""The lead outbox's table, in any database SQLAlchemy reaches (`LEAD_OUTBOX_URL`).

One SQLite file per action server by default (`LEAD_OUTBOX_PATH`); one PostgreSQL
database shared by every action server when scaled out, so that a lead outlives the
server that took it. Several servers may open the same database at once: the table is
created (or brought up to date) under a lock, and a lead is delivered by whoever
claims it first (`claimed_until`, see `actions.outbox`).
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

#: States of a lead the outbox no longer sends: their rows keep no personal data.
SETTLED_STATES = ("delivered", "rejected")
#: What a settled row keeps of the lead: nothing (its reference and the catalogue's id are
#: columns of their own), and no conversation either.
SCRUBBED = {"payload": "{}", "conversation_id": None}

#: Key of the PostgreSQL advisory lock held while the table is created ("outbox" in ASCII).
POSTGRES_LOCK_KEY = 0x6F7574626F78

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
    # Added after the first release (see `_upgrade`): the conversation the lead comes
    # from, and until when a server delivering it holds it (0: nobody).
    sa.Column("conversation_id", sa.Text),
    sa.Column("claimed_until", sa.Float, nullable=False, server_default="0"),
    sa.CheckConstraint("state IN ('pending', 'delivered', 'rejected')", name="lead_outbox_state"),
)
conversation_index = sa.Index(
    "ix_lead_outbox_conversation", lead_outbox.c.conversation_id, lead_outbox.c.created_at
)
pending_index = sa.Index("ix_lead_outbox_state", lead_outbox.c.state, lead_outbox.c.created_at)


def database_url(location: Path | str) -> str:
    """The SQLAlchemy URL of an outbox given as a SQLite file or as a URL.

    Args:
        location: A SQLite file (its folder is created), or a database URL.

    Returns:
        A database URL.
    """
    if isinstance(location, Path):
        location.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{location}"
    return location


def open_database(url: str) -> Engine:
    """Connects to the outbox's database and creates or updates its table.

    Args:
        url: A SQLAlchemy database URL (`sqlite:///…`, `postgresql://…`).

    Returns:
        The engine; connections are checked before use, so a database restart is survived.
    """
    options: dict[str, object] = {"future": True, "pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 10}
    engine = sa.create_engine(url, **options)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY}
            )
        metadata.create_all(connection)
        _upgrade(connection)
    return engine


def _upgrade(connection: Connection) -> None:
    """Brings a table made by an earlier release (a local SQLite file) up to date."""
    columns = {column["name"] for column in sa.inspect(connection).get_columns("lead_outbox")}
    if "conversation_id" not in columns:
        connection.exec_driver_sql("ALTER TABLE lead_outbox ADD COLUMN conversation_id TEXT")
    if "claimed_until" not in columns:
        connection.exec_driver_sql(
            "ALTER TABLE lead_outbox ADD COLUMN claimed_until FLOAT NOT NULL DEFAULT 0"
        )
    for index in (conversation_index, pending_index):
        index.create(connection, checkfirst=True)
    # Settled leads of an earlier release kept their payload (and a refusal's explanation).
    connection.execute(
        lead_outbox.update()
        .where(
            lead_outbox.c.state.in_(SETTLED_STATES), lead_outbox.c.payload != SCRUBBED["payload"]
        )
        .values(**SCRUBBED, last_error=None)
    )
    if "conversation_id" in columns:
        return
    rows = connection.execute(sa.select(lead_outbox.c.client_reference, lead_outbox.c.payload))
    for reference, payload in rows.all():
        conversation_id = json.loads(payload).get("conversation_id")
        if conversation_id:
            connection.execute(
                lead_outbox.update()
                .where(lead_outbox.c.client_reference == reference)
                .values(conversation_id=str(conversation_id))
            )
