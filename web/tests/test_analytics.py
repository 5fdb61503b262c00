"""The analytics on a fixed stream of Rasa events: conversations, containment, funnel, ..."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import pytest
from analytics_stream import DAY_1, LEADS, MEDICAL, STREAM, A, B, C, D, E, event, user
from lead_fakes import count_conversation_leads

from hub_vocabulary import LEAD_STATUSES
from hub_web.console import analytics
from hub_web.console.analytics import (
    FUNNEL_STEPS,
    OPENING_PAYLOAD,
    QUALIFIED_LEAD_STATUS,
    ConversationFacts,
    FeedbackVote,
    conversation_facts,
)
from hub_web.console.analytics_page import AnalyticsFilter, pick
from hub_web.public import INIT_PAYLOAD
from hub_web.upstream import ConversationLeadCounts

ALL = conversation_facts(STREAM)


def _counted(
    conversations: list[ConversationFacts], leads: Iterable[Mapping[str, object]]
) -> dict[int, ConversationLeadCounts]:
    """What the catalogue counts of ``leads`` for the funnel's groups of ``conversations``."""
    counted = {}
    for step, ids in analytics.funnel_groups(conversations).items():
        body = count_conversation_leads(leads, ids)
        by_status = {item["key"]: item["count"] for item in body["by_status"]}
        counted[step] = ConversationLeadCounts(body["conversations"], body["with_lead"], by_status)
    return counted


def _picked(**fields: object) -> list[analytics.ConversationFacts]:
    return pick(ALL, AnalyticsFilter(**fields))


def test_the_codes_match_the_website_and_the_vocabulary() -> None:
    assert OPENING_PAYLOAD == INIT_PAYLOAD
    assert QUALIFIED_LEAD_STATUS in LEAD_STATUSES


def test_a_conversation_needs_a_message_of_the_visitors_own() -> None:
    assert [item.sender_id for item in ALL] == [A, B, C, E]
    assert D not in {item.sender_id for item in ALL}
    a, b, c, e = ALL
    assert (a.language, b.language, c.language, e.language) == ("en", "zh", "ru", "en")
    assert (a.visitor_messages, b.visitor_messages, c.visitor_messages) == (3, 2, 2)
    assert a.day == date(2024, 5, 6) and c.day == date(2024, 5, 7)
    assert a.started_at.timestamp() == DAY_1 + 60  # the first message, not the opening


def test_conversations_per_day() -> None:
    assert analytics.conversations_per_day(ALL) == {
        "labels": ["2024-05-06", "2024-05-07"],
        "values": [2, 2],
        "note": "",
    }


def test_days_without_conversations_are_zero() -> None:
    later = [user("late", DAY_1 + 3 * 86400, "hi", "greet")]
    assert analytics.conversations_per_day(conversation_facts(STREAM + later))["values"] == [
        2,
        2,
        0,
        1,
    ]


def test_containment_counts_handoffs_and_staff_replies() -> None:
    assert analytics.containment(ALL) == {
        "labels": ["Ended with the bot", "Handed to a person"],
        "values": [3, 1],
        "note": "Containment: 75.0% of 4 conversations.",
    }
    staff_only = [
        user("s", DAY_1, "hello", "greet"),
        event(
            "s", DAY_1 + 1, "bot", text="Hi, this is the hub team.", metadata={"from_staff": "bob"}
        ),
    ]
    assert analytics.containment(conversation_facts(staff_only))["values"] == [0, 1]


def test_containment_without_conversations() -> None:
    assert analytics.containment([]) == {
        "labels": [],
        "values": [],
        "note": "No conversations in this selection.",
    }


def test_fallback_rate_per_day_counts_each_message_once() -> None:
    # visitor-c: nlu_fallback and action_fallback on one message; visitor-e: a core fallback.
    assert analytics.fallback_rate(ALL) == {
        "labels": ["2024-05-06", "2024-05-07"],
        "values": [0.0, 50.0],
        "note": "Fallback rate: 22.2% of 9 visitor messages (2).",
    }


def test_funnel_on_the_fixed_stream() -> None:
    assert analytics.funnel(ALL, _counted(ALL, LEADS)) == {
        "labels": list(FUNNEL_STEPS),
        "values": [4, 2, 2, 2, 1],
        "note": "50.0% of conversations left a lead.",
    }


def test_funnel_counts_a_conversation_at_every_step_up_to_its_furthest() -> None:
    straight_to_a_lead = [user("x", DAY_1, "my e-mail is x@example.org", "leave_contact")]
    conversations = conversation_facts(straight_to_a_lead)
    leads = [{"conversation_id": "x", "status": "qualified"}]
    assert analytics.funnel(conversations, _counted(conversations, leads))["values"] == [1] * 5
    assert analytics.funnel(conversations, {})["values"] == [1, 0, 0, 0, 0]


def test_funnel_of_the_picked_conversations_only() -> None:
    zh = _picked(language="zh")
    assert analytics.funnel(zh, _counted(zh, LEADS))["values"] == [1, 1, 1, 1, 0]
    assert analytics.funnel([], {})["values"] == []


def test_funnel_groups_conversations_by_their_step_before_a_lead() -> None:
    """A, B started the form; C, E only talked: the catalogue matches each group's leads."""
    assert analytics.funnel_groups(ALL) == {0: [C, E], 1: [], 2: [A, B]}


def test_top_intents_in_a_managers_words() -> None:
    """Never the widget's /greet; greetings and yes/no left out; nlu_fallback "Not understood"."""
    top = analytics.top_intents(ALL)
    assert dict(zip(top["labels"], top["values"], strict=True)) == {
        "Asked about a service": 1,
        "Left contact details": 1,
        "Not understood": 1,
        "Outside what the hub offers": 1,
        "Details": 1,
        "Asked for a person": 1,
        "Looked for projects": 1,
    }


def test_top_projects_and_services_from_entities_and_slots() -> None:
    names = {MEDICAL: "Xinhong Medical Industry Investment"}
    assert analytics.top_projects(ALL, names)["labels"] == ["Xinhong Medical Industry Investment"]
    assert analytics.top_projects(ALL, {})["labels"] == [MEDICAL]
    assert analytics.top_services(ALL) == {"labels": ["Visa"], "values": [1], "note": ""}
    entity_only = [
        user("y", DAY_1, "company registration?", "ask_service", service="company_registration")
    ]
    assert analytics.top_services(conversation_facts(entity_only))["labels"] == [
        "Company registration"
    ]


def test_top_lists_are_cut_to_the_ten_most_frequent() -> None:
    stream = [
        user(f"s{index}", DAY_1, "hi", f"intent_{index:02d}")
        for index in range(12)
        for _ in range(index + 1)
    ]
    top = analytics.top_intents(conversation_facts(stream))
    assert top["labels"] == [f"Intent {index:02d}" for index in range(11, 1, -1)]


def test_satisfaction_counts_votes_of_the_picked_conversations() -> None:
    votes = [
        FeedbackVote(A, True),
        FeedbackVote(A, True),
        FeedbackVote(B, False),
        FeedbackVote(D, True),  # not a conversation
    ]
    assert analytics.satisfaction(ALL, votes) == {
        "labels": ["Helpful", "Not helpful"],
        "values": [2, 1],
        "note": "66.7% of 3 rated answers were helpful.",
    }
    assert analytics.satisfaction(_picked(language="ru"), votes)["values"] == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, [A, B, C, E]),
        ({"language": "en"}, [A, E]),
        ({"start": date(2024, 5, 7)}, [C, E]),
        ({"end": date(2024, 5, 6)}, [A, B]),
        ({"start": date(2024, 5, 6), "end": date(2024, 5, 6), "language": "zh"}, [B]),
        ({"start": date(2024, 6, 1)}, []),
    ],
)
def test_the_filter_picks_by_day_and_language(fields: dict, expected: list[str]) -> None:
    assert [item.sender_id for item in _picked(**fields)] == expected


def test_events_of_unknown_shape_are_ignored() -> None:
    odd = [
        {"event": "user", "text": "no sender"},
        {"sender_id": "", "event": "user", "text": "empty sender"},
        {"sender_id": "z", "event": "user", "text": "no parse data", "timestamp": "yesterday"},
        {"sender_id": "z", "event": "slot", "name": "discussed_projects", "value": {"a": 1}},
        {"sender_id": "z", "event": "slot", "name": "language", "value": None},
    ]
    (only,) = conversation_facts(odd)
    assert (only.sender_id, only.day, only.language, only.projects) == ("z", None, "unknown", set())
    assert pick([only], AnalyticsFilter(start=date(2024, 5, 6))) == []
    assert pick([only], AnalyticsFilter()) == [only]


def test_days_are_the_hubs_local_days() -> None:
    """17:00 UTC on 1 May is 01:00 on 2 May in Qingdao: the conversation counts on 2 May."""
    from datetime import UTC, datetime

    from hub_web.labels import hub_zone

    at = datetime(2024, 5, 1, 17, 0, tzinfo=UTC).timestamp()
    stream = [user("late", at, "hi", "search_projects")]
    local = analytics.conversations_per_day(conversation_facts(stream, hub_zone()))
    assert local["labels"] == ["2024-05-02"]
    assert analytics.conversations_per_day(conversation_facts(stream))["labels"] == ["2024-05-01"]
