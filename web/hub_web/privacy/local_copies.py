"""The console's own copies of a conversation, found, exported and erased in one place.

Two places hold them:

- the console's database: every table with a ``sender_id`` column (the conversation's row,
  its messages, the analytics' event log, lead form runs, feedback, ...) and the tables whose
  rows refer to those rows (review decisions). They are found by reflecting the database, so a
  table added later is covered without a change here;
- Rasa's SQL event broker (default profile), which the console reads and nothing else does.
  Its rows of the conversation are emptied (``sender_id`` and ``data`` set to NULL) rather
  than deleted: SQLite gives a new row the id of a deleted last row, and the console reads
  the broker by increasing id, so deleting could make it skip Rasa's next event. With
  RabbitMQ the console keeps no copy beyond its tables.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import MetaData, Table, create_engine, delete, inspect, select, update
from sqlalchemy.engine import Connection, Engine

from hub_web.events.consumers import BROKER_EVENTS
from hub_web.events.store import Conversation, sqlite_file
from hub_web.settings import Settings

SENDER_COLUMN = "sender_id"


def sql_broker_url(settings: Settings) -> str | None:
    """The SQL event broker's URL when the console reads one (``EVENT_BROKER=sql``), else None."""
    return settings.event_broker_url if settings.event_broker == "sql" else None


def _plain(value: Any) -> Any:
    """A column value as JSON can hold it (times as ISO 8601 in UTC)."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return None
    return value


def _tables(connection: Connection) -> tuple[list[Table], list[tuple[Table, Any]]]:
    """The tables holding conversations, and (table, foreign key) pairs that refer to them.

    Both lists are ordered so that a table comes before the tables it refers to (children
    first), the order in which rows can be deleted.
    """
    metadata = MetaData()
    metadata.reflect(connection)
    ordered = list(reversed(metadata.sorted_tables))
    owners = [table for table in ordered if SENDER_COLUMN in table.c]
    dependents = [
        (table, key)
        for table in ordered
        if SENDER_COLUMN not in table.c
        for key in table.foreign_keys
        if SENDER_COLUMN in key.column.table.c
    ]
    return owners, dependents


def _owned_by(key: Any, sender_ids: Collection[str]) -> Any:
    """``key``'s column is one of the rows of ``sender_ids`` in the table it refers to."""
    parent = key.column.table
    return key.parent.in_(select(key.column).where(parent.c[SENDER_COLUMN].in_(list(sender_ids))))


def conversation_rows(engine: Engine, sender_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of the console's database about one conversation, by table name.

    Args:
        engine: The console's database.
        sender_id: The conversation's Rasa sender id.

    Returns:
        ``{table: [row as dict]}`` for the tables that hold any row of it.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as connection:
        owners, dependents = _tables(connection)
        queries = [
            (table, select(table).where(table.c[SENDER_COLUMN] == sender_id)) for table in owners
        ]
        queries += [
            (table, select(table).where(_owned_by(key, [sender_id]))) for table, key in dependents
        ]
        for table, query in queries:
            rows = [
                {name: _plain(value) for name, value in row._mapping.items()}
                for row in connection.execute(query)
            ]
            if rows:
                found.setdefault(table.name, []).extend(rows)
    return found


def delete_conversation_rows(engine: Engine, sender_ids: Collection[str]) -> int:
    """Delete every row of the console's database about these conversations, in one transaction.

    Args:
        engine: The console's database.
        sender_ids: Rasa sender ids.

    Returns:
        How many rows were deleted (0 when there were none: erasing again is harmless).
    """
    if not sender_ids:
        return 0
    deleted = 0
    with engine.begin() as connection:
        owners, dependents = _tables(connection)
        for table, key in dependents:  # rows referring to the conversations' rows go first
            deleted += connection.execute(delete(table).where(_owned_by(key, sender_ids))).rowcount
        for table in owners:
            where = table.c[SENDER_COLUMN].in_(list(sender_ids))
            deleted += connection.execute(delete(table).where(where)).rowcount
    return deleted


def conversations_idle_since(engine: Engine, cutoff: datetime) -> list[str]:
    """The conversations of the console whose last event is older than ``cutoff`` (UTC)."""
    naive_cutoff = cutoff.astimezone(UTC).replace(tzinfo=None)  # SQLite stores naive UTC
    query = select(Conversation.sender_id).where(
        Conversation.last_event_at.is_not(None), Conversation.last_event_at < naive_cutoff
    )
    with engine.connect() as connection:
        return list(connection.scalars(query.order_by(Conversation.sender_id)))


def redact_broker_rows(broker_url: str | None, sender_ids: Collection[str]) -> int:
    """Empty the SQL event broker's rows of these conversations (see the module's docstring).

    Args:
        broker_url: The SQL broker's database (``EVENT_BROKER_URL``), or ``None`` when the
            console reads another broker (then nothing is stored there).
        sender_ids: Rasa sender ids.

    Returns:
        How many rows were emptied.
    """
    if not broker_url or not sender_ids:
        return 0
    path = sqlite_file(broker_url)
    if path is not None and not path.is_file():
        return 0  # Rasa has not written anything yet; never create its file
    connect_args = {"timeout": 15} if path is not None else {}
    engine = create_engine(broker_url, connect_args=connect_args, hide_parameters=True)
    try:
        with engine.begin() as connection:
            if not inspect(connection).has_table(BROKER_EVENTS.name):
                return 0
            statement = (
                update(BROKER_EVENTS)
                .where(BROKER_EVENTS.c.sender_id.in_(list(sender_ids)))
                .values(sender_id=None, data=None)
            )
            return connection.execute(statement).rowcount
    finally:
        engine.dispose()


def erase_local_copies(engine: Engine, broker_url: str | None, sender_ids: Collection[str]) -> int:
    """Erase the console's copies of conversations: the broker's rows first, then the tables.

    In this order the consumer cannot bring a row back from an event it had not read yet.

    Returns:
        How many rows of the console's database were deleted.
    """
    redact_broker_rows(broker_url, sender_ids)
    return delete_conversation_rows(engine, sender_ids)
