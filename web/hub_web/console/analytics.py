"""What a hub manager asks of the conversations, as charts (no I/O here).

:func:`conversation_facts` (:mod:`hub_web.console.conversation_facts`) folds a stream of events
(as the event broker publishes them, see :mod:`hub_web.events.event_log`) into one
:class:`ConversationFacts` per conversation, and the chart functions here turn a list of them
(picked by :mod:`hub_web.console.analytics_page`) into the ``{"labels", "values", "note"}``
shape of every console chart; the funnel's leads are counted by the catalogue, for the
conversations of :func:`funnel_groups`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hub_web.console.conversation_facts import (
    OPENING_PAYLOAD,
    ConversationFacts,
    conversation_facts,
)
from hub_web.console.lead_charts import chart
from hub_web.labels import DIALOGUE_ONLY_INTENTS, humanise, intent_label
from hub_web.upstream import ConversationLeadCounts

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


__all__ = [
    "FUNNEL_STEPS",
    "LEAD_STORED_STEP",
    "OPENING_PAYLOAD",
    "QUALIFIED_LEAD_STATUS",
    "TOP_LIMIT",
    "ConversationFacts",
    "FeedbackVote",
    "containment",
    "conversation_facts",
    "conversations_per_day",
    "fallback_rate",
    "funnel",
    "funnel_groups",
    "satisfaction",
    "step_before_lead",
    "top_intents",
    "top_projects",
    "top_services",
]
