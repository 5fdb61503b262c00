"""POST /leads: idempotency by ``client_reference`` (racing deliveries too), one transaction."""

from __future__ import annotations

from conftest import count_leads
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from catalogue_api.models import LeadHistory


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
