"""Test support: settings for mocked upstreams, sign-in helpers and sample data."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

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
        "channel": "socketio",
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


#: A fake ``GET /staff/lead-counts`` answer (``LeadCounts``).
LEAD_COUNTS: dict[str, object] = {
    "total": 4,
    "per_day": [
        {"key": "2024-05-06", "count": 2},
        {"key": "2024-05-12", "count": 1},
        {"key": "2024-05-13", "count": 1},
    ],
    "by_country": [
        {"country_code": "KZ", "country": None, "count": 2},
        {"country_code": None, "country": "Kazakhstan", "count": 1},
        {"country_code": None, "country": "Монголия", "count": 1},
    ],
    "by_project": [{"key": "sco-plaza-area", "count": 2}],
    "by_service": [{"key": "hr", "count": 1}],
    "by_channel": [{"key": "socketio", "count": 3}, {"key": "telegram", "count": 1}],
}


def count_conversation_leads(
    leads: Iterable[Mapping[str, object]], conversation_ids: Iterable[str]
) -> dict[str, Any]:
    """The catalogue's ``POST /staff/lead-counts/conversations`` answer over ``leads``.

    As its SQL counts: distinct ids; a conversation counts once, under each status of its leads.
    """
    sent = set(conversation_ids)
    statuses: dict[str, set[str]] = {}
    for item in leads:
        conversation_id = item.get("conversation_id")
        if isinstance(conversation_id, str) and conversation_id in sent:
            statuses.setdefault(str(item.get("status")), set()).add(conversation_id)
    by_status = sorted(
        ((status, len(ids)) for status, ids in statuses.items()), key=lambda i: (-i[1], i[0])
    )
    return {
        "conversations": len(sent),
        "with_lead": len(set().union(*statuses.values())),
        "by_status": [{"key": status, "count": n} for status, n in by_status],
    }


def fake_conversation_lead_counts(
    leads: Iterable[Mapping[str, object]],
) -> Callable[[httpx.Request], httpx.Response]:
    """A respx side effect answering ``POST /staff/lead-counts/conversations`` over ``leads``."""
    stored = list(leads)

    def answer(request: httpx.Request) -> httpx.Response:
        ids = json.loads(request.content)["conversation_ids"]
        return httpx.Response(200, json=count_conversation_leads(stored, ids))

    return answer


def lead_detail(lead_id: int = 1, **fields: object) -> dict[str, object]:
    """A lead with its history, as ``GET /staff/leads/{id}`` and the personal data give it."""
    created = {
        "changed_at": "2024-05-06T10:00:00+00:00",
        "changed_by": "intake",
        "field": "status",
        "from_value": None,
        "to_value": "new",
    }
    return {**lead(lead_id, **fields), "history": [created]}


def personal_data(conversation_id: str | None, *leads: dict[str, object]) -> dict[str, object]:
    """The catalogue's ``GET /staff/leads/{id}/personal-data`` answer."""
    return {"conversation_id": conversation_id, "leads": list(leads)}


def _figure(key: str, label: str, value: float, unit: str, display: str) -> dict[str, object]:
    unit_codes = {"projects": "projects", "billion yuan": "billion_cny"}
    return {
        "key": key,
        "label": label,
        "value": value,
        "unit": unit,
        "unit_code": unit_codes[unit],
        "qualifier": "approximately" if display.startswith("about") else None,
        "display": display,
        "source": "000_2cccb1eb8e631a90.txt",
    }


#: The catalogue's ``GET /hub?lang=en`` (``HubOut``), cut to the figures the pages show.
HUB = {
    "name": "SCO and Belt and Road International Cooperation Hub for Central SOEs",
    "summary": "A hub in Qingdao that links China's central state-owned enterprises (SOEs) "
    "with SCO countries and the countries along the Belt and Road.",
    "figures": [
        _figure(
            "opening_signed_projects",
            "Projects signed at the hub's opening conference (29 June 2020)",
            10.0,
            "projects",
            "10 projects",
        ),
        _figure(
            "opening_signed_investment",
            "Total investment of the projects signed at the opening conference",
            42.7,
            "billion yuan",
            "about 42.7 billion yuan",
        ),
        _figure(
            "announced_projects",
            "Projects Qingdao announced at the opening conference to seek cooperation with "
            "central enterprises",
            20.0,
            "projects",
            "20 projects",
        ),
        _figure(
            "announced_investment",
            "Total investment of the announced projects",
            80.0,
            "billion yuan",
            "80 billion yuan",
        ),
        _figure(
            "visiting_2021_projects",
            "Projects signed during the 2021 SOEs Visiting Qingdao (June 2021)",
            16.0,
            "projects",
            "16 projects",
        ),
        _figure(
            "visiting_2021_investment",
            "Total investment of the projects signed during the 2021 SOEs Visiting Qingdao",
            48.327,
            "billion yuan",
            "48.327 billion yuan",
        ),
    ],
    "events": [
        {
            "id": "opening-conference-2020",
            "date": "2020-06-29",
            "date_label": "29 June 2020",
            "title": "Opening of the hub — online investment-attraction conference",
            "summary": "Ten projects with a total investment of about 42.7 billion yuan were "
            "signed on site.",
            "source": "000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt",
        }
    ],
}


def _project(project_id: str, name: str, sectors: dict[str, str]) -> dict[str, object]:
    return {
        "id": project_id,
        "name": name,
        "sectors": list(sectors),
        "sector_labels": list(sectors.values()),
        "district": None,
        "district_label": "not disclosed",
        "status": "signed",
        "status_label": "Contract signed",
        "investment_cny": None,
        "investment_label": "not disclosed",
        "summary": "One of the ten central-local cooperation projects signed on site at the "
        "hub's online investment-attraction conference in Qingdao on 29 June 2020.",
        "source": "000_2cccb1eb8e631a90.txt",
    }


#: The catalogue's ``GET /projects?lang=en`` (``ProjectPage``) for two projects.
PROJECTS = {
    "items": [
        _project(
            "sco-plaza-area",
            "SCO Plaza Area",
            {"headquarters_economy": "Headquarters economy", "infrastructure": "Infrastructure"},
        ),
        _project(
            "xinhong-medical-industry",
            "Xinhong Medical Industry Investment",
            {"medical": "Medicine and health"},
        ),
    ],
    "total": 2,
    "page": 1,
    "page_size": 50,
    "filters": [],
}
