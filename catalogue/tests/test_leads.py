"""POST /leads: a lead is stored as sent (country code, duplicates, service types).

Idempotency and atomicity: ``test_lead_idempotency.py``; validation: ``test_lead_validation.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient


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


def test_known_service_type_without_catalogue_entry_is_accepted(
    client: TestClient, staff: dict, make_lead: Callable
) -> None:
    """A canonical service type without a catalogue entry is accepted (hand-off)."""
    lead = make_lead(services=["banking"], handoff=True)
    assert client.get(f"/staff/leads/{lead['id']}", headers=staff).json()["services"] == ["banking"]
