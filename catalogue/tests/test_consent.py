"""The consent a lead records: the question's exact text, its language and its version."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

CONSENT = {
    "consent_text": "Вы согласны, чтобы центр сохранил эти данные и связался с вами?",
    "consent_language": "ru",
    "consent_version": "1",
}


def test_the_consent_record_is_stored_and_returned(
    client: TestClient, staff: dict, lead_body: dict
) -> None:
    """Text, language and version come back exactly as sent, in the lead and its export."""
    created = client.post("/leads", json={**lead_body, **CONSENT}).json()
    lead = client.get(f"/staff/leads/{created['id']}", headers=staff).json()
    assert {key: lead[key] for key in CONSENT} == CONSENT
    exported = client.get(f"/staff/leads/{created['id']}/personal-data", headers=staff).json()
    assert {key: exported["leads"][0][key] for key in CONSENT} == CONSENT


def test_a_lead_without_a_consent_record_still_counts(
    client: TestClient, staff: dict, lead_body: dict
) -> None:
    """Senders from before the record (a lead waiting in an outbox) are accepted: null fields."""
    created = client.post("/leads", json=lead_body).json()
    lead = client.get(f"/staff/leads/{created['id']}", headers=staff).json()
    assert lead["consent"] is True
    assert [lead[key] for key in CONSENT] == [None, None, None]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("consent_language", "de"),
        ("consent_version", "x" * 33),
        ("consent_version", "1\n2"),
        ("consent_text", "y" * 2001),
        ("consent_text", "bell\x07"),
    ],
)
def test_a_bad_consent_record_is_422(
    client: TestClient, lead_body: dict, field: str, value: str
) -> None:
    """An unknown language, an over-long or control-character value is refused, naming it."""
    response = client.post("/leads", json={**lead_body, **CONSENT, field: value})
    assert response.status_code == 422
    assert field in response.json()["detail"]
