"""The console's review page: the queue, staff's labels and the export download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from review_stream import ANSWER_TIME, CONFIDENT, LEGAL_QUESTION, STREAM, TURKISH_TEXT
from web_support import publish

from hub_web.review.domain import read_domain_lists
from hub_web.settings import DEFAULT_DOMAIN_DIR


@pytest.fixture
def staff(staff_client: tuple[TestClient, str], tmp_path: Path) -> tuple[TestClient, str]:
    """A signed-in client; Rasa's broker holds the stream, one answer is rated down."""
    client, csrf = staff_client
    publish(tmp_path / "events.db", STREAM)
    rated = client.post(
        "/chat/feedback",
        json={
            "sender_id": CONFIDENT,
            "message_id": ANSWER_TIME,
            "rating": "down",
            "comment": "I asked about law firms",
        },
    )
    assert rated.status_code == 201
    return client, csrf


def item_id(page: str, text: str) -> str:
    articles = re.findall(
        r'<article class="review-item" id="message-(\d+)".*?</article>', page, re.S
    )
    bodies = re.findall(r'<article class="review-item".*?</article>', page, re.S)
    return next(mid for mid, body in zip(articles, bodies, strict=True) if text in body)


def test_the_queue_needs_a_staff_session(client: TestClient) -> None:
    response = client.get("/console/review", follow_redirects=False)
    assert response.status_code == 303
    assert "/console/login" in response.headers["location"]


def test_the_queue_shows_each_message_with_its_reasons_and_context(staff) -> None:
    client, _ = staff
    page = client.get("/console/review").text
    assert page.count('data-testid="review-item"') == 5
    assert "Lead form abandoned" in page and "Unsupported language" in page
    assert TURKISH_TEXT in page and "(written in <strong>tr</strong>)" in page
    assert "I asked about law firms" in page  # the visitor's comment
    assert "ask_service (0.97)" in page
    assert "Review</a>" in page  # in the console's navigation
    # The choices come from the domain's files.
    for intent in ("search_projects", "request_human", "out_of_scope"):
        assert f'<option value="{intent}"' in page
    assert '<option value="nlu_fallback"' not in page
    reasons = client.get("/console/review?reason=rated_down").text
    assert reasons.count('data-testid="review-item"') == 1 and LEGAL_QUESTION in reasons
    assert client.get("/console/review?reason=nonsense").status_code == 422


def test_a_correction_is_saved_and_exported(staff) -> None:
    client, csrf = staff
    page = client.get("/console/review").text
    message_id = item_id(page, LEGAL_QUESTION)
    assert 'data-testid="export-' not in page  # nothing labelled yet
    response = client.post(
        f"/console/review/{message_id}",
        data={
            "csrf_token": csrf,
            "action": "save",
            "intent": "ask_contact",
            "entity_type": ["service", ""],
            "entity_text": ["law firms", ""],
            "entity_start": ["", ""],
            "back": "/console/review?show=open",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/console/review?show=open&notice=corrected"
    page = client.get("/console/review?show=open&notice=corrected").text
    assert "Saved: corrected." in page and LEGAL_QUESTION not in page
    done = client.get("/console/review?show=done").text
    assert "Corrected: ask_contact — alice" in done

    download = client.get("/console/review/export/nlu_en.yml")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="nlu_en.yml"'
    data = yaml.safe_load(download.text)
    assert data["nlu"] == [
        {
            "intent": "ask_contact",
            "examples": "- do you help with [law firms](service) in Qingdao?\n",
        }
    ]
    assert client.get("/console/review/export/nlu_zh.yml").status_code == 404


def test_out_of_scope_and_back_to_the_queue(staff) -> None:
    client, csrf = staff
    message_id = item_id(client.get("/console/review").text, TURKISH_TEXT)
    for action, notice in (("out_of_scope", "out_of_scope"), ("reopen", "reopened")):
        response = client.post(
            f"/console/review/{message_id}",
            data={"csrf_token": csrf, "action": action, "back": "https://evil.example/"},
            follow_redirects=False,
        )
        assert response.headers["location"] == f"/console/review?notice={notice}"
    assert TURKISH_TEXT in client.get("/console/review").text


@pytest.mark.parametrize(
    ("data", "status", "detail"),
    [
        ({"action": "save", "intent": "nlu_fallback"}, 422, "Choose one of the domain's intents."),
        (
            {"action": "save", "intent": "ask_service", "entity_type": "service",
             "entity_text": "visa", "entity_start": ""},
            422,
            "is not in the message",
        ),
        (
            {"action": "save", "intent": "ask_service", "entity_type": "service"},
            422,
            "The entity rows are incomplete.",
        ),
        ({"action": "delete"}, 422, ""),
    ],
)  # fmt: skip
def test_bad_decisions_are_refused_clearly(staff, data, status, detail) -> None:
    client, csrf = staff
    message_id = item_id(client.get("/console/review").text, LEGAL_QUESTION)
    response = client.post(
        f"/console/review/{message_id}",
        data={"csrf_token": csrf, **data},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == status
    assert detail in str(response.json()["detail"])


def test_a_decision_needs_the_form_s_token(staff) -> None:
    client, _ = staff
    response = client.post("/console/review/1", data={"csrf_token": "x" * 40, "action": "reopen"})
    assert response.status_code == 403


def test_the_domain_loader_reads_the_project_s_domain() -> None:
    lists = read_domain_lists(DEFAULT_DOMAIN_DIR)
    assert {"greet", "ask_service", "leave_contact", "out_of_scope"} <= set(lists.intents)
    assert "nlu_fallback" not in lists.intents
    assert {"service", "sector", "project", "district"} <= set(lists.entities)
    assert "unsupported_language" not in lists.entities
