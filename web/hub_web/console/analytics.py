"""What a hub manager asks of the conversations, computed from Rasa's events (no I/O here).

:func:`conversation_facts` folds a stream of events (as the event broker publishes them, see
:mod:`hub_web.events.event_log`) into one :class:`ConversationFacts` per conversation, and
the chart functions turn a list of them (picked by :mod:`hub_web.console.analytics_page`) into
the ``{"labels", "values", "note"}`` shape of every console chart; the funnel's leads are
counted by the catalogue, for the conversations of :func:`funnel_groups`.

A conversation is a Rasa sender id with at least one visitor message other than the opening
payload the website's widget sends by itself (:data:`OPENING_PAYLOAD`). It starts with that
message (days are the hub's local days, Qingdao time by default) and its language is the
last ``language`` slot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from hub_web.console.lead_charts import chart
from hub_web.events.store import UNKNOWN_LANGUAGE
from hub_web.labels import DIALOGUE_ONLY_INTENTS, humanise, intent_label
from hub_web.upstream import ConversationLeadCounts

#: What the widget sends for a new session (``hub_web.public.INIT_PAYLOAD``): not the visitor's.
OPENING_PAYLOAD = "/greet"
FALLBACK_ACTIONS = frozenset({"action_fallback", "action_default_fallback"})
FALLBACK_INTENTS = frozenset({"nlu_fallback"})
#: Intents that ask about projects or services.
ASKING_INTENTS = frozenset({"search_projects", "project_details", "ask_service"})
LEAD_FORM = "lead_form"
PROJECT_KEYS = frozenset({"project", "discussed_projects"})
SERVICE_KEYS = frozenset({"service", "discussed_services"})
#: The lead status (``hub_vocabulary.LEAD_STATUSES``) that means a lead is qualified.
QUALIFIED_LEAD_STATUS = "qualified"
FUNNEL_STEPS = (
    "Conversations",
    "Asked about a project or service",
    "Lead form started",
    "Lead stored",
    "Lead qualified",
)
#: The index in :data:`FUNNEL_STEPS` of "Lead stored": the first step the catalogue counts.
LEAD_STORED_STEP = 3
TOP_LIMIT = 10


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


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _days(conversations: list[ConversationFacts]) -> list[date]:
    days = [item.day for item in conversations if item.day is not None]
    if not days:
        return []
    first, last = min(days), max(days)
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def conversations_per_day(conversations: list[ConversationFacts]) -> dict[str, Any]:
    """Conversations per (local) day they started, days without any shown as zero."""
    counts = Counter(item.day for item in conversations)
    days = _days(conversations)
    note = "" if days else "No conversations in this selection."
    return chart([day.isoformat() for day in days], [counts[day] for day in days], note)


def containment(conversations: list[ConversationFacts]) -> dict[str, Any]:
    """Conversations the bot handled alone vs. those a person took over."""
    total = len(conversations)
    if not total:
        return chart([], [], "No conversations in this selection.")
    handed = sum(item.handed_over for item in conversations)
    note = f"Containment: {_percent(total - handed, total)}% of {total} conversations."
    return chart(["Ended with the bot", "Handed to a person"], [total - handed, handed], note)


def fallback_rate(conversations: list[ConversationFacts]) -> dict[str, Any]:
    """Per day, the share (%) of visitor messages answered by a fallback; overall in the note."""
    messages: Counter[date | None] = Counter()
    fallbacks: Counter[date | None] = Counter()
    for item in conversations:
        messages[item.day] += item.visitor_messages
        fallbacks[item.day] += item.fallbacks
    total, failed = sum(messages.values()), sum(fallbacks.values())
    if not total:
        return chart([], [], "No visitor messages in this selection.")
    days = _days(conversations)
    note = f"Fallback rate: {_percent(failed, total)}% of {total} visitor messages ({failed})."
    values = [_percent(fallbacks[day], messages[day]) for day in days]
    return {"labels": [day.isoformat() for day in days], "values": values, "note": note}


def step_before_lead(item: ConversationFacts) -> int:
    """The furthest step of :data:`FUNNEL_STEPS` the conversation's events show: 0, 1 or 2."""
    return 2 if item.form_started else 1 if item.asked_about_offer else 0


def funnel_groups(conversations: Iterable[ConversationFacts]) -> dict[int, list[str]]:
    """The conversations' ids by :func:`step_before_lead`, for the catalogue to match to leads."""
    groups: dict[int, list[str]] = {step: [] for step in range(LEAD_STORED_STEP)}
    for item in conversations:
        groups[step_before_lead(item)].append(item.sender_id)
    return groups


def funnel(
    conversations: list[ConversationFacts], lead_counts: Mapping[int, ConversationLeadCounts]
) -> dict[str, Any]:
    """Conversation → asked about a project or service → form started → lead → qualified lead.

    A conversation counts at every step up to the furthest it reached (a visitor who asked for
    a person straight away and left a lead is counted as having asked). Leads are matched to
    conversations by the catalogue (their ``conversation_id``, counted in its SQL).

    Args:
        conversations: The picked conversations.
        lead_counts: For each group of :func:`funnel_groups`, how many of its conversations a
            lead names, in total and per lead status; a missing group has none.
    """
    if not conversations:
        return chart([], [], "No conversations in this selection.")
    sizes = Counter(step_before_lead(item) for item in conversations)
    with_lead = Counter({step: counts.with_lead for step, counts in lead_counts.items()})
    reached = [
        sum(sizes[group] for group in range(step, LEAD_STORED_STEP))
        + sum(with_lead[group] for group in range(step))
        for step in range(LEAD_STORED_STEP)
    ]
    reached.append(sum(with_lead.values()))
    reached.append(
        sum(counts.by_status.get(QUALIFIED_LEAD_STATUS, 0) for counts in lead_counts.values())
    )
    note = f"{_percent(reached[3], reached[0])}% of conversations left a lead."
    return chart(list(FUNNEL_STEPS), reached, note)


def _ranked(counts: Counter[str], labels: Mapping[str, str], empty: str) -> dict[str, Any]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_LIMIT]
    return chart(
        [labels.get(key, key) for key, _ in ranked],
        [count for _, count in ranked],
        "" if ranked else empty,
    )


def top_intents(conversations: list[ConversationFacts]) -> dict[str, Any]:
    """The most frequent intents of visitor messages, in a manager's words.

    Intents that only steer the dialogue (yes, no, hello, thanks) are left out;
    ``nlu_fallback`` is ``Not understood`` (:data:`hub_web.labels.INTENT_LABELS`).
    """
    counts: Counter[str] = Counter()
    for item in conversations:
        counts.update(
            {name: n for name, n in item.intents.items() if name not in DIALOGUE_ONLY_INTENTS}
        )
    labels = {code: intent_label(code) for code in counts}
    return _ranked(counts, labels, "No visitor messages in this selection.")


def top_projects(
    conversations: list[ConversationFacts], project_names: Mapping[str, str]
) -> dict[str, Any]:
    """Projects by the number of conversations that asked about them."""
    counts = Counter(project for item in conversations for project in item.projects)
    return _ranked(counts, project_names, "No project was asked about in this selection.")


def top_services(conversations: list[ConversationFacts]) -> dict[str, Any]:
    """Service types by the number of conversations that asked about them."""
    counts = Counter(service for item in conversations for service in item.services)
    labels = {code: humanise(code) for code in counts}
    return _ranked(counts, labels, "No service was asked about in this selection.")


@dataclass(frozen=True)
class FeedbackVote:
    """A visitor's thumbs up (``helpful``) or down on one bot message."""

    sender_id: str
    helpful: bool


def satisfaction(
    conversations: list[ConversationFacts], votes: Iterable[FeedbackVote]
) -> dict[str, Any]:
    """Helpful vs. not helpful answers, as rated in the picked conversations."""
    picked = {item.sender_id for item in conversations}
    counted = [vote.helpful for vote in votes if vote.sender_id in picked]
    if not counted:
        return chart([], [], "No answer has been rated in this selection.")
    helpful = sum(counted)
    note = f"{_percent(helpful, len(counted))}% of {len(counted)} rated answers were helpful."
    return chart(["Helpful", "Not helpful"], [helpful, len(counted) - helpful], note)
