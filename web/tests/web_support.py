"""Test support: settings for mocked upstreams, sign-in helpers, the SQL broker's table.

The catalogue's fake answers are in ``lead_fakes.py`` and ``public_fakes.py``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path

import httpx
import jwt
from fastapi.testclient import TestClient

from hub_web.auth import hash_password
from hub_web.settings import Settings, load_settings

CATALOGUE_URL = "http://catalogue.test"
RASA_URL = "http://rasa.test:5005"
API_KEY = "test-catalogue-key"
RASA_JWT_SECRET = "test-rasa-jwt-secret-0123456789abcdef"
SESSION_SECRET = "test-session-secret-0123456789abcdef"
AUDIT_HASH_KEY = "test-audit-hash-key-0123456789abcdef"
#: The key of the audit log's conversation hashes in the test app.
AUDIT_KEY = AUDIT_HASH_KEY.encode()
STAFF_PASSWORDS = {"alice": "alice-correct-horse", "bob": "bob-battery-staple"}
_HASHES = {name: hash_password(password) for name, password in STAFF_PASSWORDS.items()}
STAFF_USERS = ",".join(f"{name}:{password_hash}" for name, password_hash in _HASHES.items())
CSRF_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings pointing at the mocked upstreams and temporary console and broker databases.

    The values (by field name; ``None`` or empty means unset) go through the same parsing as
    the environment's, and nothing is read from the real environment.
    """
    values: dict[str, object] = {
        "rasa_url": RASA_URL,
        "rasa_public_url": RASA_URL,
        "rasa_jwt_secret": RASA_JWT_SECRET,
        "catalogue_api_url": CATALOGUE_URL,
        "catalogue_api_key": API_KEY,
        "staff_users": STAFF_USERS,
        "session_secret": SESSION_SECRET,
        "audit_hash_key": AUDIT_HASH_KEY,
        "console_db_url": f"sqlite:///{tmp_path / 'console.db'}",
        "event_broker_url": f"sqlite:///{tmp_path / 'events.db'}",
        "node_modules_dir": tmp_path / "node_modules",
    }
    values.update(overrides)
    fields = Settings.model_fields
    return load_settings(
        {
            str(fields[name].validation_alias): str(value)
            for name, value in values.items()
            if value is not None
        }
    )


#: The table of Rasa's ``SQLEventBroker`` (``rasa/core/brokers/sql.py``), as Rasa creates it.
BROKER_EVENTS_TABLE = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER NOT NULL, sender_id VARCHAR(255), data TEXT, PRIMARY KEY (id)
)
"""


def publish(path: Path, events: Iterable[Mapping[str, object]]) -> None:
    """Append events to a SQL event broker database as Rasa's ``SQLEventBroker`` does."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(BROKER_EVENTS_TABLE)
        connection.executemany(
            "INSERT INTO events (sender_id, data) VALUES (?, ?)",
            [(event.get("sender_id"), json.dumps(event)) for event in events],
        )


def assert_rasa_auth(request: httpx.Request) -> None:
    """The request to Rasa carries a valid admin JWT in its header and no token in its URL."""
    assert "token" not in request.url.params
    scheme, token = request.headers["authorization"].split(" ")
    payload = jwt.decode(token, RASA_JWT_SECRET, algorithms=["HS256"])
    assert scheme == "Bearer" and payload["user"]["role"] == "admin"


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
