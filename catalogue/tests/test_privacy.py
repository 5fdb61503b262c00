"""One person's personal data: export and erasure (``/staff/leads/{id}/personal-data``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from catalogue_api.models import Lead, LeadHistory, LeadProject, LeadService


def personal_data_path(lead_id: int) -> str:
    """The personal-data URL of a lead."""
    return f"/staff/leads/{lead_id}/personal-data"


def rows(db, model: type) -> int:
    """How many rows a table holds."""
    with db.factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def person(make_lead: Callable, client: TestClient, staff: dict) -> dict[str, int]:
    """Two leads of one conversation (one moved on by staff), and another person's lead."""
    first = make_lead(conversation_id="conv-a", projects=["lantern-plaza-area"], services=["legal"])
    second = make_lead(conversation_id="conv-a", handoff=True)
    other = make_lead(name="Someone Else", conversation_id="conv-b", email="else@example.com")
    client.patch(
        f"/staff/leads/{first['id']}",
        headers=staff,
        json={"status": "contacted", "changed_by": "a"},
    )
    return {"first": first["id"], "second": second["id"], "other": other["id"]}


@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}])
def test_personal_data_needs_the_staff_key(client: TestClient, method: str, headers: dict) -> None:
    """Export and erasure are staff endpoints: 401 without the key."""
    response = client.request(method, personal_data_path(1), headers=headers)
    assert response.status_code == 401


def test_export_gives_every_lead_of_the_conversation_with_history(
    client: TestClient, staff: dict, person: dict[str, int]
) -> None:
    """The export holds the person's leads (oldest first) with history, not other people's."""
    response = client.get(personal_data_path(person["second"]), headers=staff)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["conversation_id"] == "conv-a"
    assert [lead["id"] for lead in body["leads"]] == [person["first"], person["second"]]
    first = body["leads"][0]
    assert first["email"] == "aigerim@example.com"
    assert first["projects"] == ["lantern-plaza-area"]
    assert [(h["field"], h["to_value"]) for h in first["history"]] == [
        ("status", "new"),
        ("status", "contacted"),
    ]
    assert "Someone Else" not in response.text


def test_export_of_a_lead_without_conversation_is_that_lead(
    client: TestClient, staff: dict, make_lead: Callable
) -> None:
    """A lead without a conversation id is its person's only lead."""
    make_lead(conversation_id=None)
    alone = make_lead(conversation_id=None, name="Alone")
    body = client.get(personal_data_path(alone["id"]), headers=staff).json()
    assert body["conversation_id"] is None
    assert [lead["name"] for lead in body["leads"]] == ["Alone"]


def test_erase_deletes_the_person_whole_and_nothing_else(
    db, client: TestClient, staff: dict, person: dict[str, int]
) -> None:
    """Erasure deletes the person's leads with projects, services and history; others stay."""
    response = client.delete(personal_data_path(person["first"]), headers=staff)
    assert response.status_code == 200
    assert response.json() == {
        "conversation_id": "conv-a",
        "erased_lead_ids": [person["first"], person["second"]],
    }
    for lead_id in (person["first"], person["second"]):
        assert client.get(f"/staff/leads/{lead_id}", headers=staff).status_code == 404
    assert client.get(f"/staff/leads/{person['other']}", headers=staff).status_code == 200
    assert rows(db, Lead) == 1
    assert rows(db, LeadHistory) == 1  # the other lead's creation
    assert rows(db, LeadProject) == rows(db, LeadService) == 0


def test_erase_again_is_404_and_changes_nothing(
    db, client: TestClient, staff: dict, person: dict[str, int]
) -> None:
    """A second erasure (a retry after a lost answer) is 404: the person is already gone."""
    assert client.delete(personal_data_path(person["first"]), headers=staff).status_code == 200
    again = client.delete(personal_data_path(person["first"]), headers=staff)
    assert again.status_code == 404
    assert again.json() == {"detail": f"lead {person['first']} not found"}
    assert client.get(personal_data_path(person["first"]), headers=staff).status_code == 404
    assert rows(db, Lead) == 1


@pytest.mark.parametrize("lead_id", ["0", "abc", str(2**31)])
def test_bad_lead_ids_are_422(client: TestClient, staff: dict, lead_id: str) -> None:
    """A lead id that cannot exist is a clear 422, never a 500."""
    response = client.delete(f"/staff/leads/{lead_id}/personal-data", headers=staff)
    assert response.status_code == 422
    assert "lead_id" in response.json()["detail"]


def test_erase_logs_only_lead_ids(
    client: TestClient, staff: dict, person: dict[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    """The erasure's log line names lead ids, never the person's data or conversation."""
    with caplog.at_level("INFO", logger="catalogue_api"):
        client.delete(personal_data_path(person["first"]), headers=staff)
    logged = caplog.text
    assert str(person["first"]) in logged
    for personal in ("aigerim", "Aigerim", "conv-a"):
        assert personal not in logged
