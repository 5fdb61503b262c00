"""Rasa's events folded into one :class:`ConversationFacts` per conversation (no I/O here).

A conversation is a Rasa sender id with at least one visitor message other than the opening
payload the website's widget sends by itself (:data:`OPENING_PAYLOAD`). It starts with that
message (days are the hub's local days, Qingdao time by default) and its language is the
last ``language`` slot. :mod:`hub_web.console.analytics` turns the facts into charts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from hub_web.events.store import UNKNOWN_LANGUAGE

#: What the widget sends for a new session (``hub_web.public.INIT_PAYLOAD``): not the visitor's.
OPENING_PAYLOAD = "/greet"
FALLBACK_ACTIONS = frozenset({"action_fallback", "action_default_fallback"})
FALLBACK_INTENTS = frozenset({"nlu_fallback"})
#: Intents that ask about projects or services.
ASKING_INTENTS = frozenset({"search_projects", "project_details", "ask_service"})
LEAD_FORM = "lead_form"
PROJECT_KEYS = frozenset({"project", "discussed_projects"})
SERVICE_KEYS = frozenset({"service", "discussed_services"})


@dataclass
class ConversationFacts:
    """What one conversation's events say, for the analytics."""

    sender_id: str
    started_at: datetime | None = None
    language: str = UNKNOWN_LANGUAGE
    visitor_messages: int = 0
    #: Visitor messages answered by a fallback (low confidence, not understood).
    fallbacks: int = 0
    #: A person took over: the conversation was paused (handoff) or staff wrote in it.
    handed_over: bool = False
    asked_about_offer: bool = False
    form_started: bool = False
    intents: Counter[str] = field(default_factory=Counter)
    projects: set[str] = field(default_factory=set)
    services: set[str] = field(default_factory=set)
    #: The hub's time zone, for :attr:`day`.
    zone: tzinfo = UTC

    @property
    def day(self) -> date | None:
        """The day (in the hub's time zone) the conversation started, if known."""
        return self.started_at.astimezone(self.zone).date() if self.started_at else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item]
    return []


def _moment(event: Mapping[str, Any]) -> datetime | None:
    value = event.get("timestamp")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def _note_interest(facts: ConversationFacts, key: str, values: list[str]) -> None:
    if key in PROJECT_KEYS:
        facts.projects.update(values)
    elif key in SERVICE_KEYS:
        facts.services.update(values)
    else:
        return
    facts.asked_about_offer = facts.asked_about_offer or bool(values)


def _visitor_message(facts: ConversationFacts, event: Mapping[str, Any]) -> bool:
    """Count a visitor message; return whether the NLU already fell back on it."""
    parse_data = _mapping(event.get("parse_data"))
    intent = _mapping(parse_data.get("intent")).get("name")
    facts.visitor_messages += 1
    if facts.started_at is None:
        facts.started_at = _moment(event)
    if isinstance(intent, str) and intent:
        facts.intents[intent] += 1
        facts.asked_about_offer = facts.asked_about_offer or intent in ASKING_INTENTS
    for entity in parse_data.get("entities") or []:
        entity = _mapping(entity)
        _note_interest(facts, str(entity.get("entity")), _values(entity.get("value")))
    fell_back = intent in FALLBACK_INTENTS
    facts.fallbacks += fell_back
    return fell_back


def conversation_facts(
    events: Iterable[Mapping[str, Any]], zone: tzinfo = UTC
) -> list[ConversationFacts]:
    """Fold events into one :class:`ConversationFacts` per conversation.

    A visitor message counts as one fallback when the NLU fell back on it or a fallback
    action answered it (or both).

    Args:
        events: Rasa events with ``sender_id``, in the order Rasa published them.
        zone: The hub's time zone: a conversation's day is its local day there.

    Returns:
        The conversations with a visitor message, in the order they started.
    """
    found: dict[str, ConversationFacts] = {}
    #: Senders whose latest visitor message may still turn out to be a fallback.
    awaiting_fallback: set[str] = set()
    for event in events:
        sender_id = event.get("sender_id")
        if not isinstance(sender_id, str) or not sender_id:
            continue
        facts = found.setdefault(sender_id, ConversationFacts(sender_id, zone=zone))
        kind, name = event.get("event"), event.get("name")
        if kind == "user":
            awaiting_fallback.discard(sender_id)
            if event.get("text") != OPENING_PAYLOAD and not _visitor_message(facts, event):
                awaiting_fallback.add(sender_id)
        elif kind == "action" and name in FALLBACK_ACTIONS and sender_id in awaiting_fallback:
            awaiting_fallback.discard(sender_id)
            facts.fallbacks += 1
        elif kind == "slot" and name == "language":
            value = event.get("value")
            facts.language = value if isinstance(value, str) and value else UNKNOWN_LANGUAGE
        elif kind == "slot":
            _note_interest(facts, str(name), _values(event.get("value")))
        elif kind == "active_loop" and name == LEAD_FORM:
            facts.form_started = True
        elif kind == "pause" or (
            kind == "bot" and _mapping(event.get("metadata")).get("from_staff")
        ):
            facts.handed_over = True
    started = [facts for facts in found.values() if facts.visitor_messages]
    far_future = datetime.max.replace(tzinfo=UTC)
    return sorted(started, key=lambda facts: facts.started_at or far_future)
