"""Which messages need a person, why, and staff's decisions on them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from review_stream import (
    ANSWER_TIME,
    CONFIDENT,
    FALLBACK,
    FORM,
    LEGAL_QUESTION,
    STREAM,
    T0,
    TURKISH,
    UNSURE,
    event,
    user,
)

from hub_web.events import ConsoleStore
from hub_web.feedback.store import store_rating
from hub_web.review.decisions import (
    CorrectionError,
    EntityRow,
    entity_spans,
    mark_out_of_scope,
    reopen,
    save_label,
    suggested_label,
)
from hub_web.review.domain import DomainLists
from hub_web.review.queue import DONE, QueueRules, queue_counts, review_items

DOMAIN = DomainLists(
    intents=("greet", "ask_service", "ask_contact", "ask_hub_info", "search_projects"),
    entities=("service", "project", "language"),
)
RULES = QueueRules(confidence_threshold=0.6, form_idle=timedelta(minutes=30))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConsoleStore]:
    console = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    console.apply_events(STREAM)
    yield console
    console.close()


def by_sender(store: ConsoleStore, **options: object) -> dict[str, object]:
    return {item.message.sender_id: item for item in review_items(store.engine, RULES, **options)}


def test_the_queue_lists_each_reason_once(store: ConsoleStore) -> None:
    items = by_sender(store)
    assert {sender: item.reasons for sender, item in items.items()} == {
        UNSURE: ["low_confidence"],
        FALLBACK: ["fallback"],
        TURKISH: ["fallback", "unsupported_language"],
        FORM: ["abandoned_form"],
    }
    assert items[FORM].message.text == "stop"
    assert queue_counts(store.engine, RULES) == {
        "": 4,
        "fallback": 2,
        "low_confidence": 1,
        "rated_down": 0,
        "unsupported_language": 1,
        "abandoned_form": 1,
    }
    assert list(by_sender(store, reason="unsupported_language")) == [TURKISH]
    assert list(by_sender(store, limit=1)) == [FORM]  # newest first


def test_a_threshold_of_zero_lists_no_low_confidence(store: ConsoleStore) -> None:
    strict = QueueRules(confidence_threshold=0.0, form_idle=RULES.form_idle)
    assert queue_counts(store.engine, strict)["low_confidence"] == 0


def test_an_answer_rated_down_brings_its_question_with_the_comment(store: ConsoleStore) -> None:
    store_rating(store.engine, CONFIDENT, ANSWER_TIME, "down", "wrong answer")
    item = by_sender(store, reason="rated_down")[CONFIDENT]
    assert item.message.text == LEGAL_QUESTION
    assert item.ratings == [
        {
            "rating": "down",
            "comment": "wrong answer",
            "answer": "We work with law firms.\n\nAsk me about visas too.",
        }
    ]
    context = [(line["kind"], line["is_item"], line["rating"]) for line in item.context]
    assert context == [
        ("user", False, None),
        ("bot", False, None),
        ("user", True, None),
        ("bot", False, "down"),
    ]


def test_a_form_left_open_counts_once_it_has_been_idle(store: ConsoleStore) -> None:
    store.apply_events(
        [
            user("idle", 100, "my details please", "leave_contact", 0.99),
            event("idle", 100.1, "active_loop", name="lead_form"),
        ]
    )
    started = datetime.fromtimestamp(T0 + 100, tz=UTC)
    soon = QueueRules(0.6, timedelta(minutes=30), now=started + timedelta(minutes=5))
    later = QueueRules(0.6, timedelta(minutes=30), now=started + timedelta(minutes=31))
    assert "idle" not in {i.message.sender_id for i in review_items(store.engine, soon)}
    assert "idle" in {i.message.sender_id for i in review_items(store.engine, later)}


def test_staff_decisions_move_items_to_done_and_back(store: ConsoleStore) -> None:
    unsure = by_sender(store)[UNSURE].message
    assert save_label(store.engine, unsure.id, "ask_hub_info", [], DOMAIN, "alice") == "confirmed"
    fallback = by_sender(store)[FALLBACK].message
    mark_out_of_scope(store.engine, fallback.id, "bob")
    assert set(by_sender(store)) == {TURKISH, FORM}
    done = by_sender(store, status=DONE)
    assert {s: i.decision.status for s, i in done.items()} == {
        UNSURE: "confirmed",
        FALLBACK: "out_of_scope",
    }
    assert done[UNSURE].decision.reviewed_by == "alice"
    reopen(store.engine, fallback.id)
    assert FALLBACK in by_sender(store)


def test_a_correction_places_the_entities_in_the_text(store: ConsoleStore) -> None:
    turkish = by_sender(store)[TURKISH]
    assert suggested_label(turkish.message, None, DOMAIN) == ("search_projects", [])
    status = save_label(
        store.engine,
        turkish.message.id,
        "search_projects",
        [EntityRow("", "ignored"), EntityRow("service", "projeleri")],
        DOMAIN,
        "alice",
    )
    assert status == "corrected"
    decision = by_sender(store, status=DONE)[TURKISH].decision
    assert decision.entities == [{"entity": "service", "start": 17, "end": 26, "text": "projeleri"}]
    assert suggested_label(turkish.message, decision, DOMAIN)[0] == "search_projects"


def test_the_model_s_entities_are_suggested_without_the_language_verdict(
    store: ConsoleStore,
) -> None:
    store_rating(store.engine, CONFIDENT, ANSWER_TIME, "down", None)
    question = by_sender(store)[CONFIDENT].message
    intent, spans = suggested_label(question, None, DOMAIN)
    assert intent == "ask_service"
    assert spans == [{"entity": "service", "start": 17, "end": 20, "text": "law"}]
    # The same label as the model's is a confirmation.
    rows = [EntityRow("service", "law", 17)]
    assert save_label(store.engine, question.id, "ask_service", rows, DOMAIN, "a") == "confirmed"


@pytest.mark.parametrize(
    ("intent", "rows", "message"),
    [
        ("nlu_fallback", [], "Choose one of the domain's intents."),
        ("ask_service", [EntityRow("sector", "law")], "“sector” is not an entity of the domain."),
        ("ask_service", [EntityRow("service", "visa")], "“visa” is not in the message"),
        ("ask_service", [EntityRow("service", " ")], "Write the words of the message"),
        (
            "ask_service",
            [EntityRow("service", "law firms"), EntityRow("project", "law")],
            "“law” is not in the message (or overlaps another entity).",
        ),
    ],
)
def test_a_wrong_correction_is_refused_with_a_reason(
    store: ConsoleStore, intent: str, rows: list[EntityRow], message: str
) -> None:
    store_rating(store.engine, CONFIDENT, ANSWER_TIME, "down", None)
    question = by_sender(store)[CONFIDENT].message
    with pytest.raises(CorrectionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        save_label(store.engine, question.id, intent, rows, DOMAIN, "alice")


def test_only_a_visitor_message_can_be_decided(store: ConsoleStore) -> None:
    with pytest.raises(CorrectionError, match="no visitor message"):
        mark_out_of_scope(store.engine, 10_000, "alice")


def test_repeated_words_are_placed_at_the_hinted_occurrence() -> None:
    text = "law or law"
    rows = [EntityRow("service", "law", 7)]
    assert entity_spans(text, rows, DOMAIN.entities)[0]["start"] == 7
    rows = [EntityRow("service", "law"), EntityRow("service", "law")]
    assert [span["start"] for span in entity_spans(text, rows, DOMAIN.entities)] == [0, 7]
