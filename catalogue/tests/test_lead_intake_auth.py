"""Lead intake: only a caller with the lead-intake key (the action server) may post a lead.

Leads are grouped into one person by ``conversation_id`` for export and erasure, so a lead
posted by anyone could join a victim's conversation (issue 18, findings 3 and 4).
"""

from __future__ import annotations

import pytest
from conftest import API_KEY, INTAKE_KEY, VALID_LEAD
from fastapi.testclient import TestClient

from catalogue_api.app import create_app
from catalogue_api.settings import Settings

WRONG_KEYS = [
    {},
    {"X-Lead-Intake-Key": ""},
    {"X-Lead-Intake-Key": "wrong"},
    {"X-Lead-Intake-Key": f"{INTAKE_KEY} "},
    {"X-Lead-Intake-Key": API_KEY},  # the staff key is not the intake key
    {"X-API-Key": API_KEY},
]


@pytest.fixture
def bare_client(db) -> TestClient:
    """A client on the same app that sends no intake key by itself."""
    return TestClient(db.app)


@pytest.mark.parametrize("headers", WRONG_KEYS)
def test_a_lead_without_the_intake_key_is_refused(bare_client, headers) -> None:
    response = bare_client.post(
        "/leads", json={**VALID_LEAD, "conversation_id": "victim"}, headers=headers
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "missing or wrong X-Lead-Intake-Key header"}
    assert response.headers["www-authenticate"] == "X-Lead-Intake-Key"


def test_nothing_is_stored_without_the_key(bare_client, staff) -> None:
    bare_client.post("/leads", json={**VALID_LEAD, "conversation_id": "victim"})
    assert bare_client.get("/staff/leads", headers=staff).json()["total"] == 0


def test_the_intake_key_stores_the_lead(bare_client) -> None:
    response = bare_client.post(
        "/leads", json=VALID_LEAD, headers={"X-Lead-Intake-Key": INTAKE_KEY}
    )
    assert response.status_code == 201, response.text


def test_intake_disabled_without_a_configured_key(db) -> None:
    app = create_app(Settings(database_url=db.url, api_key=API_KEY))
    with TestClient(app) as other:
        response = other.post("/leads", json=VALID_LEAD, headers={"X-Lead-Intake-Key": "x"})
    assert response.status_code == 503
    assert response.json() == {"detail": "lead intake disabled: set LEAD_INTAKE_KEY"}


def test_the_schema_names_the_intake_key(client) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/leads"]["post"]
    assert "401" in operation["responses"]
    schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    assert {"type": "apiKey", "in": "header", "name": "X-Lead-Intake-Key"}.items() <= next(
        scheme for scheme in schemes.values() if scheme.get("name") == "X-Lead-Intake-Key"
    ).items()
