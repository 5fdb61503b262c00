"""The console's log of the Rasa events its analytics read, kept beside its conversation rows.

:func:`compact_event` keeps what the analytics (:mod:`hub_web.console.analytics`) need from an
event, in Rasa's own shape: intents and entities of visitor messages (the text only when it is
a payload such as ``/greet``, never what a visitor typed), actions, forms, a few slots, handoffs
and staff messages. :class:`ConsoleStore` writes one :class:`LoggedEvent` per kept event in the
transaction that applies it; :func:`read_events` gives them back in order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Float, Integer, String, Text, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: The slots the analytics read: the language and what was asked about.
LOGGED_SLOTS = frozenset(
    {"language", "project", "service", "discussed_projects", "discussed_services", "lead_id"}
)
#: Events logged with nothing but their kind, sender and time.
BARE_EVENTS = frozenset({"pause", "resume", "restart", "session_started"})
MAX_LIST_ITEMS = 50
MAX_VALUE_CHARS = 200


class LogBase(DeclarativeBase):
    """Declarative base of the event log (created with the console's other tables)."""


class LoggedEvent(LogBase):
    """One kept event of one conversation, as compact JSON."""

    __tablename__ = "console_event_log"
    # Ids are never given again, on SQLite too (migration 0002).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    #: Rasa's Unix timestamp; ``None`` when the event had none.
    timestamp: Mapped[float | None] = mapped_column(Float, index=True)
    data: Mapped[str] = mapped_column(Text)


def _short(value: Any) -> Any:
    """A slot value or entity value cut to a bounded size (strings, lists of strings)."""
    if isinstance(value, str):
        return value[:MAX_VALUE_CHARS]
    if isinstance(value, list):
        return [_short(item) for item in value[:MAX_LIST_ITEMS] if isinstance(item, str)]
    if value is None or isinstance(value, bool | int | float):
        return value
    return None


def _user_fields(event: Mapping[str, Any]) -> dict[str, Any]:
    parse_data = event.get("parse_data")
    parse_data = parse_data if isinstance(parse_data, Mapping) else {}
    intent = parse_data.get("intent")
    intent = intent if isinstance(intent, Mapping) else {}
    entities = [
        {"entity": entity["entity"], "value": _short(entity.get("value"))}
        for entity in parse_data.get("entities") or []
        if isinstance(entity, Mapping) and isinstance(entity.get("entity"), str)
    ]
    text = event.get("text")
    return {
        "text": text[:MAX_VALUE_CHARS] if isinstance(text, str) and text.startswith("/") else None,
        "parse_data": {
            "intent": {"name": _short(intent.get("name")), "confidence": intent.get("confidence")},
            "entities": entities,
        },
    }


def compact_event(event: Mapping[str, Any]) -> dict[str, Any] | None:
    """The part of a Rasa event the analytics read, or ``None`` for an event they ignore.

    Args:
        event: The event's JSON as the event broker publishes it (with ``sender_id``).

    Returns:
        A dict in Rasa's event shape (``event``, ``sender_id``, ``timestamp`` and the fields
        that matter for its kind), or ``None``.
    """
    kind = event.get("event")
    fields: dict[str, Any]
    if kind == "user":
        fields = _user_fields(event)
    elif kind in {"action", "active_loop"}:
        name = event.get("name")
        if kind == "action" and name == "action_listen":
            return None
        fields = {"name": _short(name)}
    elif kind == "slot" and event.get("name") in LOGGED_SLOTS:
        fields = {"name": event["name"], "value": _short(event.get("value"))}
    elif kind == "bot":
        metadata = event.get("metadata")
        staff = metadata.get("from_staff") if isinstance(metadata, Mapping) else None
        if not staff:
            return None
        fields = {"metadata": {"from_staff": _short(staff)}}
    elif kind in BARE_EVENTS:
        fields = {}
    else:
        return None
    timestamp = event.get("timestamp")
    if isinstance(timestamp, bool) or not isinstance(timestamp, int | float):
        timestamp = None
    return {"event": kind, "sender_id": event.get("sender_id"), "timestamp": timestamp, **fields}


def log_entry(event: Mapping[str, Any]) -> LoggedEvent | None:
    """The row to add for an event with a ``sender_id``, or ``None`` if it is not logged."""
    compact = compact_event(event)
    if compact is None or not isinstance(compact["sender_id"], str):
        return None
    return LoggedEvent(
        sender_id=compact["sender_id"],
        timestamp=compact["timestamp"],
        data=json.dumps(compact, ensure_ascii=False),
    )


def read_events(engine: Engine, since: float | None = None) -> list[dict[str, Any]]:
    """The logged events in the order they were applied.

    Args:
        engine: The console's database.
        since: Only events at or after this Unix time (and those without a time).

    Returns:
        The events as dicts (see :func:`compact_event`).
    """
    query = select(LoggedEvent.data).order_by(LoggedEvent.id)
    if since is not None:
        query = query.where(or_(LoggedEvent.timestamp >= since, LoggedEvent.timestamp.is_(None)))
    with engine.connect() as connection:
        return [json.loads(data) for data in connection.scalars(query)]
