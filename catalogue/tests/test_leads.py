"""POST /leads: storage, idempotency and every validation rule."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from catalogue_api.models import Lead, LeadHistory

STAFF = {"X-API-Key": "test-staff-key"}


def count_leads(db) -> int:
    """How many leads are stored."""
    with db.factory() as session:
        return session.scalar(select(func.count()).select_from(Lead)) or 0


def test_create_lead_stores_everything(client: TestClient, staff: dict) -> None:
    """A full lead is stored as sent, with its creation in the history."""
    body = {
        "name": "  Иван Петров  ",
        "company": "ООО «Пример»",
        "country": "Russia",
        "email": "Ivan.Petrov@Example.COM",
        "phone": "+7 (495) 123-45-67",
        "interest": "Cold chain logistics.\nTrade with Russia.",
        "consent": True,
        "conversation_id": "conv-123",
        "language": "ru",
        "projects": ["frostline-cold-chain-park", "lantern-plaza-area"],
        "services": ["legal", "visa", "platform"],
        "handoff": True,
        "client_reference": "outbox-0001",
    }
    response = client.post("/leads", json=body)
    assert response.status_code == 201
    answer = response.json()
    assert answer["status"] == "new" and answer["created"] is True
    assert answer["client_reference"] == "outbox-0001"
    stored = client.get(f"/staff/leads/{answer['id']}", headers=staff).json()
    assert stored["name"] == "Иван Петров"
    assert stored["email"] == "Ivan.Petrov@example.com"  # domain normalised, local part kept
    assert stored["phone"] == "+7 (495) 123-45-67"
    assert stored["interest"] == "Cold chain logistics.\nTrade with Russia."
    assert stored["projects"] == ["frostline-cold-chain-park", "lantern-plaza-area"]
    assert stored["services"] == ["legal", "visa", "platform"]
    assert stored["handoff"] is True and stored["consent"] is True
    assert stored["language"] == "ru" and stored["status"] == "new"
    assert stored["assigned_to"] is None
    assert stored["created_at"].endswith("Z") or stored["created_at"].endswith("+00:00")
    assert [
        (h["changed_by"], h["field"], h["from_value"], h["to_value"]) for h in stored["history"]
    ] == [("intake", "status", None, "new")]


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ({"country_code": "KZ"}, "KZ"),
        ({"country_code": " KZ "}, "KZ"),
        ({"country_code": ""}, None),
        ({}, None),
    ],
)
def test_country_code_is_stored_and_returned(
    client: TestClient, staff: dict, make_lead: Callable, sent: dict, stored: str | None
) -> None:
    """``country_code`` is stored and returned; the typed country stays as typed."""
    lead = make_lead(country="Казахстан", **sent)
    answer = client.get(f"/staff/leads/{lead['id']}", headers=staff).json()
    assert answer["country"] == "Казахстан"  # the typed country is kept as sent
    assert answer["country_code"] == stored
    listed = client.get("/staff/leads", headers=staff).json()["items"]
    assert listed[0]["country_code"] == stored


def test_country_code_is_documented(client: TestClient) -> None:
    """The OpenAPI schema documents ``country_code``."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    field = schemas["LeadCreate"]["properties"]["country_code"]
    pattern = next(option["pattern"] for option in field["anyOf"] if option["type"] == "string")
    assert [bool(re.match(pattern, code)) for code in ("KZ", " KZ ", "", "kz", "KAZ")] == [
        True,
        True,
        True,  # blank: no code
        False,
        False,
    ]
    assert "ISO 3166-1 alpha-2" in field["description"] and field["examples"] == ["KZ"]
    assert "country_code" not in schemas["LeadCreate"].get("required", [])
    assert "country_code" in schemas["LeadPublic"]["properties"]


def test_minimal_lead_with_phone_only(client: TestClient) -> None:
    """A phone number is enough when there is no e-mail address."""
    response = client.post(
        "/leads", json={"name": "Li Wei", "phone": "13800138000", "consent": True}
    )
    assert response.status_code == 201


def test_duplicate_items_are_stored_once(client: TestClient, staff: dict, make_lead) -> None:
    """Repeated projects and services are stored once."""
    lead = make_lead(projects=["lantern-plaza-area", "lantern-plaza-area"], services=["hr", "hr"])
    stored = client.get(f"/staff/leads/{lead['id']}", headers=staff).json()
    assert stored["projects"] == ["lantern-plaza-area"] and stored["services"] == ["hr"]


def test_client_reference_is_idempotent(client: TestClient, db, make_lead) -> None:
    """A known ``client_reference`` returns the stored lead (200, not created)."""
    first = make_lead(client_reference="ref-42")
    again = client.post(
        "/leads",
        json={
            "name": "Someone else",
            "phone": "+86 532 1234 5678",
            "consent": True,
            "client_reference": "ref-42",
        },
    )
    assert again.status_code == 200
    assert again.json() == {
        "id": first["id"],
        "status": "new",
        "created": False,
        "client_reference": "ref-42",
    }
    assert count_leads(db) == 1
    other = make_lead(client_reference="ref-43")
    assert other["id"] != first["id"]
    assert count_leads(db) == 2


def test_leads_without_reference_are_all_stored(client: TestClient, db, make_lead) -> None:
    """Leads without ``client_reference`` are never merged."""
    make_lead()
    make_lead()
    assert count_leads(db) == 2


def test_idempotent_answer_keeps_current_status(client: TestClient, staff: dict, make_lead) -> None:
    """A redelivery answers with the lead's current status."""
    lead = make_lead(client_reference="ref-status")
    client.patch(
        f"/staff/leads/{lead['id']}",
        headers=staff,
        json={"status": "contacted", "changed_by": "anna"},
    )
    again = client.post(
        "/leads",
        json={
            "name": "x",
            "email": "x@example.com",
            "consent": True,
            "client_reference": "ref-status",
        },
    )
    assert again.status_code == 200 and again.json()["status"] == "contacted"


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


def test_known_service_type_without_catalogue_entry_is_accepted(
    client: TestClient, staff: dict, make_lead: Callable
) -> None:
    """A canonical service type without a catalogue entry is accepted (hand-off)."""
    lead = make_lead(services=["banking"], handoff=True)
    assert client.get(f"/staff/leads/{lead['id']}", headers=staff).json()["services"] == ["banking"]


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


def test_creation_is_one_transaction(client: TestClient, db, lead_body: dict, monkeypatch) -> None:
    """A write that fails half-way (history row violates NOT NULL) leaves nothing behind."""
    from catalogue_api.models import LeadProject
    from catalogue_api.routers import leads as leads_module

    monkeypatch.setattr(leads_module, "INTAKE_ACTOR", None)
    response = client.post("/leads", json={**lead_body, "projects": ["lantern-plaza-area"]})
    assert response.status_code == 503
    assert response.json() == {"detail": "database unavailable, try again later"}
    assert count_leads(db) == 0
    with db.factory() as session:
        assert session.scalar(select(func.count()).select_from(LeadHistory)) == 0
        assert session.scalar(select(func.count()).select_from(LeadProject)) == 0


def test_racing_deliveries_store_one_lead(client: TestClient, db, monkeypatch, make_lead) -> None:
    """Two deliveries of one client_reference race: the loser's insert hits the unique key."""
    from catalogue_api.routers import leads as leads_module

    first = make_lead(client_reference="race-1")
    real_existing = leads_module._existing
    calls = []

    def miss_once(session, reference):
        calls.append(reference)
        return None if len(calls) == 1 else real_existing(session, reference)

    monkeypatch.setattr(leads_module, "_existing", miss_once)
    again = client.post(
        "/leads",
        json={"name": "x", "email": "x@example.com", "consent": True, "client_reference": "race-1"},
    )
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first["id"] and again.json()["created"] is False
    assert len(calls) == 2
    assert count_leads(db) == 1
