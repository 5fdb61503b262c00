"""The console's personal-data pages: export, erasure (whole, or a clear error), audit log."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import httpx
import pytest
import respx
from fastapi.testclient import TestClient
from lead_fakes import lead_detail, personal_data
from privacy_support import EMAIL, OTHER, VISITOR, fill_console
from public_fakes import PROJECTS
from sqlalchemy.exc import OperationalError
from web_support import (
    API_KEY,
    AUDIT_HASH_KEY,
    AUDIT_KEY,
    CATALOGUE_URL,
    RASA_URL,
    assert_rasa_auth,
)

from hub_web.privacy import person as person_module
from hub_web.privacy.audit import subject_hash
from hub_web.privacy.local_copies import conversation_rows

PERSON = f"{CATALOGUE_URL}/staff/leads/5/personal-data"
TRACKER = f"{RASA_URL}/conversations/{VISITOR}/tracker"


@pytest.fixture
def person(upstream: respx.MockRouter) -> dict[str, respx.Route]:
    """Lead 5 and lead 6 of one conversation; Rasa and the catalogue answer every step."""
    leads = [
        lead_detail(5, conversation_id=VISITOR, email=EMAIL, consent_text="Вы согласны?"),
        lead_detail(6, conversation_id=VISITOR, email=EMAIL, handoff=True),
    ]
    tracker = {"sender_id": VISITOR, "events": [{"event": "user", "text": EMAIL, "timestamp": 1}]}
    return {
        "read": upstream.get(PERSON).respond(json=personal_data(VISITOR, *leads)),
        "delete": upstream.delete(PERSON).respond(
            json={"conversation_id": VISITOR, "erased_lead_ids": [5, 6]}
        ),
        "tracker": upstream.get(TRACKER).respond(json=tracker),
        "erase": upstream.put(f"{TRACKER}/events").respond(json={"events": []}),
    }


def broker_rows(tmp_path: Path) -> list[tuple[str | None, str | None]]:
    """``(sender_id, data)`` of every row of the SQL broker's table."""
    with closing(sqlite3.connect(tmp_path / "events.db")) as connection:
        return connection.execute("SELECT sender_id, data FROM events").fetchall()


def audit_rows(client: TestClient) -> list[dict]:
    """The audit log, newest first."""
    return client.app.state.personal_data.audit_log.recent()


def erase(client: TestClient, token: str, confirm: str = "erase") -> httpx.Response:
    """Press the lead page's erase button."""
    return client.post(
        "/console/leads/5/erase",
        data={"csrf_token": token, "confirm": confirm},
        follow_redirects=False,
    )


def test_the_lead_page_offers_export_and_erasure(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.get(f"{CATALOGUE_URL}/projects").respond(json=PROJECTS)
    upstream.get(f"{CATALOGUE_URL}/staff/leads/5").respond(
        json=lead_detail(5, consent_text="Вы согласны?", consent_language="ru", consent_version="1")
    )
    page = client.get("/console/leads/5").text
    assert 'action="/console/leads/5/export"' in page
    assert 'action="/console/leads/5/erase"' in page
    assert f'value="{token}"' in page
    assert "Вы согласны?" in page and "version 1" in page


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/console/leads/5/export"),
        ("post", "/console/leads/5/erase"),
        ("get", "/console/audit"),
    ],
)
def test_sign_in_is_required(client: TestClient, upstream, method: str, path: str) -> None:
    response = client.request(method, path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("http://testserver/console/login")
    assert not [call for call in upstream.calls if "/hub" not in str(call.request.url)]


@pytest.mark.parametrize("path", ["/console/leads/5/export", "/console/leads/5/erase"])
def test_a_wrong_csrf_token_changes_and_records_nothing(staff_client, person, path: str) -> None:
    client, _ = staff_client
    response = client.post(path, data={"csrf_token": "forged", "confirm": "erase"})
    assert response.status_code == 403
    assert not any(route.called for route in person.values())
    assert audit_rows(client) == []


def test_export_is_everything_about_the_person(staff_client, person, tmp_path: Path) -> None:
    client, token = staff_client
    fill_console(client, tmp_path, VISITOR, OTHER)
    response = client.post("/console/leads/5/export", data={"csrf_token": token})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="personal-data-lead-5-'
    )
    assert response.headers["cache-control"] == "no-store"
    document = response.json()
    assert document["format"] == "hub-personal-data/1"
    assert (document["lead_id"], document["conversation_id"]) == (5, VISITOR)
    assert [lead["id"] for lead in document["catalogue"]["leads"]] == [5, 6]
    assert document["catalogue"]["leads"][0]["consent_text"] == "Вы согласны?"
    assert document["rasa"]["transcript"][0]["text"] == EMAIL
    console = document["console"]
    assert console["console_conversations"][0]["sender_id"] == VISITOR
    assert OTHER not in json.dumps(document)
    assert person["read"].calls.last.request.headers["X-API-Key"] == API_KEY
    assert_rasa_auth(person["tracker"].calls.last.request)
    assert not person["erase"].called and not person["delete"].called
    [row] = audit_rows(client)
    assert (row["actor"], row["action"], row["outcome"], row["lead_id"]) == (
        "alice",
        "export",
        "done",
        5,
    )
    assert row["subject"] == subject_hash(VISITOR, AUDIT_KEY) and row["detail"] == "leads 5, 6"


def test_a_failed_export_is_a_clear_error_and_recorded(staff_client, person, upstream) -> None:
    client, token = staff_client
    upstream.get(TRACKER).mock(side_effect=httpx.ConnectError("refused"))
    response = client.post(
        "/console/leads/5/export", data={"csrf_token": token}, headers={"accept": "text/html"}
    )
    assert response.status_code == 502
    assert "The rasa service failed" in response.text
    assert [(row["action"], row["outcome"]) for row in audit_rows(client)] == [("export", "failed")]


def test_erase_removes_the_person_everywhere(staff_client, person, tmp_path: Path) -> None:
    client, token = staff_client
    fill_console(client, tmp_path, VISITOR, OTHER)
    engine = client.app.state.console_store.engine
    assert conversation_rows(engine, VISITOR)

    response = erase(client, token)
    assert response.status_code == 303
    assert response.headers["location"].endswith("/console/audit?erased=5")
    erase_request = person["erase"].calls.last.request
    assert json.loads(erase_request.content) == []
    assert_rasa_auth(erase_request)
    assert person["delete"].calls.last.request.headers["X-API-Key"] == API_KEY
    assert conversation_rows(engine, VISITOR) == {}
    assert conversation_rows(engine, OTHER)  # another visitor's copies stay
    broker = broker_rows(tmp_path)
    assert {sender for sender, _ in broker} == {OTHER, None}
    assert all(data is None for sender, data in broker if sender is None)

    page = client.get("/console/audit?erased=5").text
    assert "The personal data of lead #5 is erased" in page
    [row] = audit_rows(client)
    assert (row["action"], row["outcome"], row["lead_id"]) == ("erase", "done", 5)
    assert row["detail"] == "leads 5, 6; conversation erased"
    assert subject_hash(VISITOR, AUDIT_KEY) in page and VISITOR not in page and EMAIL not in page


def test_erase_stops_before_anything_when_rasa_is_down(
    staff_client, person, upstream, tmp_path: Path
) -> None:
    client, token = staff_client
    fill_console(client, tmp_path, VISITOR)
    upstream.put(f"{TRACKER}/events").mock(side_effect=httpx.ConnectError("refused"))
    response = erase(client, token)
    assert response.status_code == 503
    assert "Nothing was erased" in response.text and "the assistant (Rasa)" in response.text
    assert not person["delete"].called
    assert conversation_rows(client.app.state.console_store.engine, VISITOR)
    [row] = audit_rows(client)
    assert (row["action"], row["outcome"], row["detail"]) == (
        "erase",
        "failed",
        "not_started at rasa",
    )


def test_an_unfinished_erasure_says_so_and_a_retry_finishes_it(
    staff_client, person, upstream, tmp_path: Path
) -> None:
    client, token = staff_client
    fill_console(client, tmp_path, VISITOR)
    upstream.delete(PERSON).mock(
        side_effect=[
            httpx.Response(500, json={"detail": "database is locked"}),
            httpx.Response(200, json={"conversation_id": VISITOR, "erased_lead_ids": [5, 6]}),
        ]
    )
    first = erase(client, token)
    assert first.status_code == 502
    assert "The erasure is not finished" in first.text and "the catalogue API" in first.text
    second = erase(client, token)
    assert second.status_code == 303
    assert person["erase"].call_count == 2  # erasing an erased conversation is harmless
    outcomes = [(row["outcome"], row["detail"]) for row in reversed(audit_rows(client))]
    assert outcomes == [
        ("failed", "incomplete at catalogue"),
        ("done", "leads 5, 6; conversation erased"),
    ]


def test_erasing_an_erased_lead_says_it_is_gone(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.get(PERSON).respond(404, json={"detail": "lead 5 not found"})
    response = erase(client, token)
    assert response.status_code == 404
    assert "Lead #5 does not exist" in response.text
    assert [(row["outcome"], row["detail"]) for row in audit_rows(client)] == [
        ("failed", "lead_missing at catalogue")
    ]


def test_erase_needs_the_confirmation(staff_client, person) -> None:
    client, token = staff_client
    response = erase(client, token, confirm="")
    assert response.status_code == 422
    assert "tick the box" in response.text
    assert not any(route.called for route in person.values())
    assert audit_rows(client) == []


def test_a_lead_without_conversation_erases_only_the_lead(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.get(PERSON).respond(json=personal_data(None, lead_detail(5)))
    delete = upstream.delete(PERSON).respond(json={"conversation_id": None, "erased_lead_ids": [5]})
    assert erase(client, token).status_code == 303
    assert delete.called
    [row] = audit_rows(client)
    assert (row["subject"], row["detail"]) == (None, "leads 5")


def test_a_failing_console_database_leaves_the_leads_for_a_retry(
    staff_client, person, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, token = staff_client

    def locked(*_args: object) -> int:
        raise OperationalError("DELETE", {}, Exception("database is locked"))

    monkeypatch.setattr(person_module, "erase_local_copies", locked)
    response = erase(client, token)
    assert response.status_code == 502
    assert "The erasure is not finished" in response.text
    assert "the console&#39;s database" in response.text
    assert person["erase"].called and not person["delete"].called
    [row] = audit_rows(client)
    assert (row["outcome"], row["detail"]) == ("failed", "incomplete at console")


def test_the_audit_subject_is_a_keyed_hash(staff_client, person) -> None:
    """An unsalted hash of a guessable sender id gives the sender id back: it is keyed."""
    client, token = staff_client
    assert client.post("/console/leads/5/export", data={"csrf_token": token}).status_code == 200
    [row] = audit_rows(client)
    assert row["subject"] != hashlib.sha256(VISITOR.encode()).hexdigest()[:16]
    keyed = hmac.new(AUDIT_HASH_KEY.encode(), VISITOR.encode(), hashlib.sha256).hexdigest()
    assert row["subject"] == keyed[:16]
