"""Staff changing a lead (``PATCH /staff/leads/{id}``): status workflow, history, validation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_status_workflow_and_history(client: TestClient, staff: dict, make_lead) -> None:
    """Status moves along the workflow; every change is in the history."""
    lead_id = make_lead()["id"]
    url = f"/staff/leads/{lead_id}"

    response = client.patch(url, headers=staff, json={"status": "qualified", "changed_by": "anna"})
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "cannot change status from new to qualified; allowed from new: closed, contacted"
    )

    response = client.patch(
        url,
        headers=staff,
        json={"status": "contacted", "assigned_to": "anna", "changed_by": "anna"},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "contacted" and response.json()["assigned_to"] == "anna"

    # Same status again: nothing changes, nothing is recorded.
    response = client.patch(url, headers=staff, json={"status": "contacted", "changed_by": "bob"})
    assert response.status_code == 200 and len(response.json()["history"]) == 3

    response = client.patch(url, headers=staff, json={"status": "qualified", "changed_by": "bob"})
    assert response.status_code == 200 and response.json()["status"] == "qualified"
    response = client.patch(url, headers=staff, json={"assigned_to": None, "changed_by": "bob"})
    assert response.json()["assigned_to"] is None
    response = client.patch(url, headers=staff, json={"status": "closed", "changed_by": "carl"})
    assert response.status_code == 200

    response = client.patch(url, headers=staff, json={"status": "contacted", "changed_by": "carl"})
    assert response.status_code == 409
    assert "closed is final" in response.json()["detail"]

    history = client.get(url, headers=staff).json()["history"]
    assert [(h["changed_by"], h["field"], h["from_value"], h["to_value"]) for h in history] == [
        ("intake", "status", None, "new"),
        ("anna", "status", "new", "contacted"),
        ("anna", "assigned_to", None, "anna"),
        ("bob", "status", "contacted", "qualified"),
        ("bob", "assigned_to", "anna", None),
        ("carl", "status", "qualified", "closed"),
    ]
    assert all(h["changed_at"] for h in history)
    lead = client.get(url, headers=staff).json()
    assert lead["updated_at"] >= lead["created_at"]


@pytest.mark.parametrize("start", ["new", "contacted", "qualified"])
def test_any_open_status_may_close(client: TestClient, staff: dict, make_lead, start: str) -> None:
    """Any open status may close; closed is final."""
    url = f"/staff/leads/{make_lead()['id']}"
    path = {"new": [], "contacted": ["contacted"], "qualified": ["contacted", "qualified"]}[start]
    for status in path:
        assert (
            client.patch(url, headers=staff, json={"status": status, "changed_by": "x"}).status_code
            == 200
        )
    response = client.patch(url, headers=staff, json={"status": "closed", "changed_by": "x"})
    assert response.status_code == 200 and response.json()["status"] == "closed"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"status": "contacted"}, "body field 'changed_by'"),
        ({"status": "contacted", "changed_by": ""}, "body field 'changed_by'"),
        ({"status": "contacted", "changed_by": "x" * 101}, "body field 'changed_by'"),
        ({"changed_by": "anna"}, "nothing to change"),
        ({"status": None, "changed_by": "anna"}, "nothing to change"),
        ({"status": "won", "changed_by": "anna"}, "body field 'status'"),
        ({"assigned_to": "x" * 101, "changed_by": "anna"}, "body field 'assigned_to'"),
        ({"assigned_to": 5, "changed_by": "anna"}, "body field 'assigned_to'"),
        ({"status": "contacted", "changed_by": "anna", "name": "hack"}, "unknown field"),
    ],
)
def test_patch_validation(
    client: TestClient,
    staff: dict,
    make_lead,
    body: dict,
    expected: str,
) -> None:
    """Invalid staff changes are a 422 and change nothing."""
    lead_id = make_lead()["id"]
    response = client.patch(f"/staff/leads/{lead_id}", headers=staff, json=body)
    assert response.status_code == 422, response.text
    assert expected in response.json()["detail"]
    after = client.get(f"/staff/leads/{lead_id}", headers=staff).json()
    assert after["status"] == "new" and len(after["history"]) == 1


def test_patch_unknown_lead_is_404(client: TestClient, staff: dict) -> None:
    """Changing an unknown lead is a 404."""
    response = client.patch(
        "/staff/leads/424242", headers=staff, json={"status": "contacted", "changed_by": "anna"}
    )
    assert response.status_code == 404


def test_failed_transition_writes_nothing(client: TestClient, staff: dict, make_lead) -> None:
    """A refused status change writes nothing, not even the assignee."""
    lead_id = make_lead()["id"]
    response = client.patch(
        f"/staff/leads/{lead_id}",
        headers=staff,
        json={"status": "qualified", "assigned_to": "anna", "changed_by": "a"},
    )
    assert response.status_code == 409
    after = client.get(f"/staff/leads/{lead_id}", headers=staff).json()
    assert after["assigned_to"] is None and len(after["history"]) == 1
