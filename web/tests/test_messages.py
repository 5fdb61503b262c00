"""Each message and each lead-form run, folded from Rasa's events into the console's tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_stream import (
    ANSWER_TIME,
    CONFIDENT,
    FALLBACK,
    FORM,
    LEGAL_QUESTION,
    SIGNED,
    STREAM,
    T0,
    TURKISH,
    UNSURE,
    bot,
    event,
    user,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from hub_web.events import ConsoleStore
from hub_web.events.messages import ConversationMessage, LeadFormRun


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConsoleStore]:
    console = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    yield console
    console.close()


def messages(store: ConsoleStore, sender_id: str) -> list[ConversationMessage]:
    with Session(store.engine) as session:
        query = select(ConversationMessage).where(ConversationMessage.sender_id == sender_id)
        return list(session.scalars(query.order_by(ConversationMessage.id)))


def runs(store: ConsoleStore, sender_id: str) -> list[LeadFormRun]:
    with Session(store.engine) as session:
        return list(session.scalars(select(LeadFormRun).where(LeadFormRun.sender_id == sender_id)))


def test_messages_keep_what_the_nlu_made_of_them(store: ConsoleStore) -> None:
    store.apply_events(STREAM)
    greet, hello, question, answer = messages(store, CONFIDENT)
    assert [m.kind for m in (greet, hello, question, answer)] == ["user", "bot", "user", "bot"]
    assert (question.text, question.intent, question.confidence) == (
        LEGAL_QUESTION,
        "ask_service",
        0.97,
    )
    assert question.ranking == [
        {"name": "ask_service", "confidence": 0.97},
        {"name": "ask_contact", "confidence": 0.02},
    ]
    assert question.entities[0] == {
        "entity": "service",
        "value": "legal",
        "start": 17,
        "end": 20,
        "extractor": "VocabularyEntityExtractor",
    }
    assert question.language == "en" and question.unsupported_language is None
    assert question.fallback is False
    # The bot's answer: its event time is its id, its response name is kept.
    assert answer.event_time == ANSWER_TIME
    assert (answer.action, answer.language) == ("utter_service", "en")
    assert answer.text.startswith("We work with law firms.")
    # A greeting before the language slot was set takes the language from the detector.
    assert greet.language is None and hello.language == "en"


def test_fallbacks_and_other_languages_are_flagged(store: ConsoleStore) -> None:
    store.apply_events(STREAM)
    assert messages(store, FALLBACK)[0].fallback is True
    assert messages(store, UNSURE)[0].fallback is False
    turkish = messages(store, TURKISH)[0]
    assert (turkish.fallback, turkish.unsupported_language) == (True, "tr")


def test_a_core_fallback_marks_the_message_before_it(store: ConsoleStore) -> None:
    store.apply_events(
        [
            user("core", 1, "what's the weather", "ask_hub_info", 0.8),
            event("core", 1.1, "action", name="action_fallback"),
        ]
    )
    assert messages(store, "core")[0].fallback is True


def test_lead_form_runs_know_whether_consent_was_given(store: ConsoleStore) -> None:
    store.apply_events(STREAM)
    (stopped,) = runs(store, FORM)
    assert stopped.ended_at is not None and stopped.consent_given is False
    assert stopped.last_user_message_id == messages(store, FORM)[2].id  # "stop"
    (signed,) = runs(store, SIGNED)
    assert signed.consent_given is True and signed.ended_at is not None
    asked, name, consent = messages(store, SIGNED)[:3]
    assert (asked.in_form, name.in_form, consent.in_form) == (False, True, True)

    store.apply_events(
        [
            user("idle", 1, "my details please", "leave_contact", 0.99),
            event("idle", 1.1, "active_loop", name="lead_form"),
            event("restarted", 1, "active_loop", name="lead_form"),
            event("restarted", 2, "restart"),
        ]
    )
    (idle,) = runs(store, "idle")
    assert idle.ended_at is None and idle.last_user_message_id == messages(store, "idle")[0].id
    assert runs(store, "restarted")[0].ended_at is not None


def test_staff_replies_are_their_own_kind_and_a_redelivery_adds_nothing(
    store: ConsoleStore,
) -> None:
    reply = bot(CONFIDENT, 30, "Hello, this is the hub team.", None, from_staff="alice")
    store.apply_events([*STREAM, reply])
    store.apply_events([STREAM[5], STREAM[6], reply])  # RabbitMQ may deliver twice
    kinds = [m.kind for m in messages(store, CONFIDENT)]
    assert kinds == ["user", "bot", "user", "bot", "staff"]


def test_odd_events_are_tolerated(store: ConsoleStore) -> None:
    store.apply_events(
        [
            {"sender_id": "odd", "event": "user", "text": "no time"},
            {"sender_id": "odd", "event": "user", "timestamp": T0, "parse_data": "broken"},
            {"sender_id": "odd", "event": "bot", "timestamp": T0 + 1, "metadata": ["x"]},
            {"sender_id": "odd", "event": "user", "timestamp": T0 + 2, "text": "y" * 5000},
            {"sender_id": "odd", "event": "active_loop", "timestamp": T0 + 3, "name": None},
        ]
    )
    rows = messages(store, "odd")
    assert [(m.kind, m.intent, m.entities) for m in rows[:2]] == [
        ("user", None, []),
        ("bot", None, None),
    ]
    assert len(rows[2].text) == 2000
