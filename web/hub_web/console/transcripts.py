"""A conversation's transcript from the console's own tables, not from Rasa's tracker.

The messages are :class:`~hub_web.events.messages.ConversationMessage` rows (the visitor's,
the bot's and staff's, as Rasa's event stream gave them); the hand-overs and hand-backs are
the ``pause``/``resume`` events of the console's event log. Only the one conversation asked
for is read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from hub_web.events.event_log import LoggedEvent
from hub_web.events.messages import BOT, STAFF, USER, ConversationMessage
from hub_web.events.store import Conversation
from hub_web.events.transcript import transcript_from_events

#: The author of a staff message (the console's tables do not keep who wrote it).
STAFF_AUTHOR = "Staff"
_KINDS = {USER: "user", BOT: "bot", STAFF: "bot"}


def conversation_events(engine: Engine, sender_id: str, limit: int) -> list[dict[str, Any]]:
    """The latest ``limit`` messages of one conversation and its hand-overs, as Rasa events."""
    messages = (
        select(ConversationMessage)
        .where(ConversationMessage.sender_id == sender_id)
        .order_by(ConversationMessage.id.desc())
        .limit(limit)
    )
    handovers = select(LoggedEvent.data).where(LoggedEvent.sender_id == sender_id)
    with engine.connect() as connection:
        rows = connection.execute(messages).mappings().all()
        logged = [json.loads(data) for data in connection.scalars(handovers)]
    events: list[dict[str, Any]] = [
        {
            "event": _KINDS.get(row["kind"], "bot"),
            "text": row["text"],
            "timestamp": row["event_time"],
            **({"metadata": {"from_staff": STAFF_AUTHOR}} if row["kind"] == STAFF else {}),
        }
        for row in reversed(rows)
    ]
    first = events[0]["timestamp"] if len(rows) == limit and events else None
    events += [
        {"event": item["event"], "timestamp": item.get("timestamp")}
        for item in logged
        if item.get("event") in {"pause", "resume"}
        and isinstance(item.get("timestamp"), int | float)
        and (first is None or item["timestamp"] >= first)
    ]
    return sorted(events, key=lambda event: event["timestamp"] or 0.0)


def conversation_transcript(
    engine: Engine,
    sender_id: str,
    limit: int,
    names: Mapping[str, str] | None = None,
    zone: tzinfo | None = None,
) -> list[dict[str, Any]]:
    """Transcript lines of one conversation (see :mod:`hub_web.events.transcript`)."""
    events = conversation_events(engine, sender_id, limit)
    if zone is None:
        return transcript_from_events(events, limit, names)
    return transcript_from_events(events, limit, names, zone)


def paused_conversations(engine: Engine) -> list[str]:
    """The ids of the conversations the console's tables say are paused (waiting for staff)."""
    with engine.connect() as connection:
        query = select(Conversation.sender_id).where(Conversation.paused.is_(True))
        return list(connection.scalars(query))
