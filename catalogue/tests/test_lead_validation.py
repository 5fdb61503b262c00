"""POST /leads: every validation rule; a refused body stores nothing."""

from __future__ import annotations

import pytest
from conftest import count_leads
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"name": None}, "body field 'name'"),
        ({"name": ""}, "body field 'name'"),
        ({"name": "   "}, "body field 'name'"),
        ({"name": "x" * 201}, "body field 'name'"),
        ({"name": 42}, "body field 'name'"),
        ({"name": "a\x00b"}, "control characters"),
        ({"name": "a\nb"}, "control characters"),
        ({"email": None, "phone": None}, "at least one of email or phone"),
        ({"email": "", "phone": "  "}, "at least one of email or phone"),
        ({"email": "not-an-email"}, "body field 'email'"),
        ({"email": "a@b"}, "body field 'email'"),
        ({"email": "x" * 250 + "@example.com"}, "body field 'email'"),
        ({"phone": "call me"}, "body field 'phone'"),
        ({"phone": "123"}, "body field 'phone'"),
        ({"phone": "1" * 41}, "body field 'phone'"),
        ({"consent": False}, "body field 'consent'"),
        ({"consent": "true"}, "body field 'consent'"),
        ({"consent": 1}, "body field 'consent'"),
        ({"consent": None}, "body field 'consent'"),
        ({"company": "c" * 201}, "body field 'company'"),
        ({"country": "c" * 101}, "body field 'country'"),
        ({"interest": "i" * 2001}, "body field 'interest'"),
        ({"interest": "bad\x07bell"}, "control characters"),
        ({"conversation_id": "c" * 201}, "body field 'conversation_id'"),
        ({"client_reference": "r" * 129}, "body field 'client_reference'"),
        ({"language": "de"}, "body field 'language'"),
        ({"language": "EN"}, "body field 'language'"),
        ({"projects": "lantern-plaza-area"}, "body field 'projects'"),
        ({"projects": ["Not An Id"]}, "body field 'projects[0]'"),
        ({"projects": ["p"] * 21}, "body field 'projects'"),
        ({"services": ["massage"]}, "body field 'services[0]'"),
        ({"services": ["legal"] * 21}, "body field 'services'"),
        ({"handoff": "yes"}, "body field 'handoff'"),
        ({"unknown_field": 1}, "body field 'unknown_field': unknown field"),
        ({"country_code": "kz"}, "body field 'country_code'"),
        ({"country_code": "KAZ"}, "body field 'country_code'"),
        ({"country_code": "K1"}, "body field 'country_code'"),
        ({"country_code": "КЗ"}, "body field 'country_code'"),
        ({"country_code": 7}, "body field 'country_code'"),
    ],
)
def test_lead_validation(
    client: TestClient,
    db,
    lead_body: dict,
    change: dict,
    expected: str,
) -> None:
    """Invalid lead bodies are a 422 naming the field."""
    body = {**lead_body}
    for key, value in change.items():
        if value is None and key in {"name", "consent"}:
            body.pop(key)
        else:
            body[key] = value
    response = client.post("/leads", json=body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert expected in detail, detail
    assert count_leads(db) == 0


def test_unknown_project_ids_are_422(client: TestClient, db, lead_body: dict) -> None:
    """Project ids the catalogue lacks are a 422 listing them."""
    response = client.post(
        "/leads", json={**lead_body, "projects": ["lantern-plaza-area", "moon-base", "mars-base"]}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "body field 'projects': unknown project id(s) moon-base, mars-base; see GET /projects"
    )
    assert count_leads(db) == 0


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b'{"name": "x",', "application/json", "invalid JSON"),
        (b"not json at all", "application/json", "invalid JSON"),
        (b"[1, 2, 3]", "application/json", "expected a JSON object"),
        (b'"just a string"', "application/json", "expected a JSON object"),
        (b"", "application/json", "a JSON object is required"),
        (
            b'{"name": "x", "email": "x@example.com", "consent": true}',
            "text/plain",
            "expected a JSON object",
        ),
        (b"\xff\xfe\x00garbage", "application/json", "invalid JSON"),
    ],
)
def test_broken_bodies_are_4xx(
    client: TestClient,
    db,
    content: bytes,
    content_type: str,
    expected: str,
) -> None:
    """Broken JSON, wrong content types and non-objects are a 4xx storing nothing."""
    response = client.post("/leads", content=content, headers={"Content-Type": content_type})
    assert 400 <= response.status_code < 500, response.text
    assert expected in response.json()["detail"]
    assert count_leads(db) == 0
