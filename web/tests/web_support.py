"""Test support: settings for mocked upstreams, sign-in helpers and sample data."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from hub_web.auth import hash_password
from hub_web.settings import Settings

CATALOGUE_URL = "http://catalogue.test"
RASA_URL = "http://rasa.test:5005"
API_KEY = "test-catalogue-key"
RASA_TOKEN = "test-rasa-token"
SESSION_SECRET = "test-session-secret-0123456789abcdef"
STAFF_PASSWORDS = {"alice": "alice-correct-horse", "bob": "bob-battery-staple"}
_HASHES = {name: hash_password(password) for name, password in STAFF_PASSWORDS.items()}
STAFF_USERS = ",".join(f"{name}:{password_hash}" for name, password_hash in _HASHES.items())
CSRF_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings pointing at the mocked upstreams and a temporary tracker database."""
    values: dict[str, object] = {
        "rasa_url": RASA_URL,
        "rasa_public_url": RASA_URL,
        "rasa_token": RASA_TOKEN,
        "catalogue_api_url": CATALOGUE_URL,
        "catalogue_api_key": API_KEY,
        "staff_users": STAFF_USERS,
        "session_secret": SESSION_SECRET,
        "tracker_db_url": f"sqlite:///{tmp_path / 'tracker.db'}",
        "node_modules_dir": tmp_path / "node_modules",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def csrf_from(html: str) -> str:
    """The CSRF token in a rendered form."""
    match = CSRF_PATTERN.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client: TestClient, user: str = "alice") -> str:
    """Sign ``user`` in and return the session's CSRF token (a new one after sign-in)."""
    token = csrf_from(client.get("/console/login").text)
    response = client.post(
        "/console/login",
        data={"username": user, "password": STAFF_PASSWORDS[user], "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_from(client.get("/console/charts").text)


def lead(lead_id: int = 1, **fields: object) -> dict[str, object]:
    """A lead as the catalogue's staff API returns it."""
    value: dict[str, object] = {
        "id": lead_id,
        "client_reference": None,
        "name": f"Lead {lead_id}",
        "company": "Example Co.",
        "country": "Kazakhstan",
        "country_code": None,
        "email": f"lead{lead_id}@example.org",
        "phone": None,
        "interest": "Medical projects",
        "consent": True,
        "conversation_id": None,
        "language": "ru",
        "projects": [],
        "services": [],
        "handoff": False,
        "status": "new",
        "assigned_to": None,
        "created_at": "2024-05-06T10:00:00+00:00",
        "updated_at": "2024-05-06T10:00:00+00:00",
    }
    value.update(fields)
    return value
