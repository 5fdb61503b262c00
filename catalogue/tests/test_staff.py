"""Staff endpoints: authentication (the exact key, or 503 without a configured one).

Reading leads: ``test_staff_leads.py``; changing them: ``test_staff_lead_changes.py``.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from catalogue_api.app import create_app
from catalogue_api.settings import Settings

STAFF_PATHS = [
    ("get", "/staff/leads"),
    ("get", "/staff/leads.csv"),
    ("get", "/staff/leads/1"),
    ("patch", "/staff/leads/1"),
]


@pytest.mark.parametrize(("method", "path"), STAFF_PATHS)
@pytest.mark.parametrize(
    "headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}, {"X-API-Key": "test-staff-key "}]
)
def test_staff_needs_the_key(client: TestClient, method: str, path: str, headers: dict) -> None:
    """Every staff endpoint needs the exact key (401 otherwise)."""
    response = client.request(
        method, path, headers=headers, json={"status": "closed", "changed_by": "x"}
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "missing or wrong X-API-Key header"}


def test_staff_disabled_without_configured_key(db) -> None:
    """Without a configured key the staff endpoints answer 503; the rest works."""
    app = create_app(Settings(database_url=db.url, api_key=None))
    with TestClient(app) as other:
        for method, path in STAFF_PATHS:
            response = other.request(
                method,
                path,
                headers={"X-API-Key": "anything"},
                json={"status": "closed", "changed_by": "x"},
            )
            assert response.status_code == 503
            assert response.json() == {"detail": "staff API disabled: set CATALOGUE_API_KEY"}
        assert other.get("/projects").status_code == 200  # public endpoints still work
