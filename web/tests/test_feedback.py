"""Visitors rate the bot's answers: ``POST /chat/feedback`` and the reading functions."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from review_stream import ANSWER_TIME, CONFIDENT, STREAM, T0, UNSURE
from web_support import publish

from hub_web.feedback import rating_counts, read_ratings


@pytest.fixture
def visitor(client: TestClient, tmp_path: Path) -> TestClient:
    """The website, with the conversations of the fixed stream in Rasa's event broker."""
    publish(tmp_path / "events.db", STREAM)
    return client


def rate(client: TestClient, **fields: object):
    body = {"sender_id": CONFIDENT, "message_id": ANSWER_TIME, "rating": "down", **fields}
    return client.post("/chat/feedback", json=body)


def test_a_rating_is_stored_once_against_the_answer(visitor: TestClient) -> None:
    response = rate(visitor, comment="  I asked about\nlaw firms,  not visas ")
    assert response.status_code == 201, response.text
    assert response.json() == {"message_id": ANSWER_TIME, "rating": "down"}

    (rating,) = read_ratings(visitor.app.state.console_store.engine)
    assert (rating.sender_id, rating.message_id, rating.rating) == (CONFIDENT, ANSWER_TIME, "down")
    assert rating.comment == "I asked about law firms, not visas"
    assert rating.answer_action == "utter_service" and rating.language == "en"
    assert rating.answer_text.startswith("We work with law firms.")

    again = rate(visitor, rating="up")
    assert again.status_code == 409
    assert again.json() == {"detail": "This answer has already been rated."}
    assert rating_counts(visitor.app.state.console_store.engine) == {"up": 0, "down": 1}


def test_a_thumbs_up_without_a_comment(visitor: TestClient) -> None:
    assert rate(visitor, rating="up").status_code == 201
    engine = visitor.app.state.console_store.engine
    assert read_ratings(engine)[0].comment is None
    assert rating_counts(engine) == {"up": 1, "down": 0}
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert rating_counts(engine, since=tomorrow) == {"up": 0, "down": 0}
    assert read_ratings(engine, since=tomorrow) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"message_id": T0 + 3.5},  # another conversation's answer
        {"message_id": T0 + 2},  # the visitor's own message, not an answer
        {"message_id": ANSWER_TIME + 0.01},
        {"sender_id": "nobody"},
    ],
)
def test_only_an_answer_of_the_same_conversation_can_be_rated(
    visitor: TestClient, fields: dict[str, object]
) -> None:
    response = rate(visitor, **fields)
    assert response.status_code == 404
    assert response.json() == {"detail": "This conversation has no such answer."}


def test_the_other_conversation_can_rate_its_own_answer(visitor: TestClient) -> None:
    assert rate(visitor, sender_id=UNSURE, message_id=T0 + 3.5).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"sender_id": CONFIDENT, "message_id": ANSWER_TIME, "rating": "meh"},
        {"sender_id": CONFIDENT, "message_id": ANSWER_TIME, "rating": "down", "comment": "x" * 301},
        {"sender_id": CONFIDENT, "message_id": "soon", "rating": "up"},
        {"sender_id": "", "message_id": ANSWER_TIME, "rating": "up"},
        {"sender_id": CONFIDENT, "rating": "up"},
        {"sender_id": CONFIDENT, "message_id": ANSWER_TIME, "rating": "up", "extra": 1},
        ["not", "an", "object"],
    ],
)
def test_bad_input_is_a_clear_422(visitor: TestClient, body: object) -> None:
    response = visitor.post("/chat/feedback", json=body)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert read_ratings(visitor.app.state.console_store.engine) == []


def test_a_body_that_is_not_json_is_refused(visitor: TestClient) -> None:
    response = visitor.post(
        "/chat/feedback", content=b"rating=up", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 422


def test_the_page_tells_the_widget_where_to_send_ratings(client: TestClient) -> None:
    page = client.get("/ru/").text
    config = json.loads(re.search(r'id="hub-chat-config">(.*?)</script>', page).group(1))
    assert config["feedbackUrl"] == "/chat/feedback"
    assert config["text"]["rate_label"] == "Был ли этот ответ полезен?"
