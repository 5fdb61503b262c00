"""A visitor's personal data through the real stack: consent, export, erasure, audit, logs.

A visitor leaves a lead over the REST channel; a member of staff exports everything about them
from the console, erases it (after a refused attempt while the catalogue is down), and the
lead, the conversation's tracker events and the console's copies are gone, with both actions
in the audit log. No log of any service holds the visitor's details or a secret.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import requests

from stack.profiles.default import Stack
from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

NAME = "Aliya Zhaksylykova"
EMAIL = "aliya.zh@example.kz"
PHONE_DIGITS = "77015550199"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CONSENT_EN = "Do you agree that the hub stores these details and contacts you about your request?"


def leave_a_lead(stack: Stack) -> Visitor:
    """A visitor fills in the lead form (with an e-mail) and agrees to be contacted."""
    visitor = Visitor(stack, "privacy")
    visitor.texts("/leave_contact")
    for answer in (NAME, "no", "Kazakhstan", EMAIL, f"call me on +{PHONE_DIGITS} about visas"):
        visitor.texts(answer)
    assert "Your request is registered" in visitor.texts("/affirm")
    return visitor


def staff_session(stack: Stack) -> requests.Session:
    """A signed-in console session."""
    session = requests.Session()
    login = session.get(f"{stack.url('web')}/console/login", timeout=10)
    response = session.post(
        f"{stack.url('web')}/console/login",
        data={
            "username": stack.secrets.staff_user,
            "password": stack.secrets.staff_password,
            "csrf_token": CSRF.search(login.text).group(1),
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 303, response.text
    return session


def lead_of(stack: Stack, sender_id: str) -> dict:
    """The one lead of a conversation, from the catalogue's staff API."""
    response = requests.get(
        f"{stack.url('catalogue')}/staff/leads",
        params={"page_size": "500"},
        headers={"X-API-Key": stack.secrets.catalogue_api_key},
        timeout=10,
    )
    [lead] = [item for item in response.json()["items"] if item["conversation_id"] == sender_id]
    return lead


def csrf_token(session: requests.Session, stack: Stack, lead_id: int) -> str:
    """The CSRF token of the console session, from the lead's page."""
    page = session.get(f"{stack.url('web')}/console/leads/{lead_id}", timeout=10)
    return CSRF.search(page.text).group(1)


def console_post(
    session: requests.Session, stack: Stack, lead_id: int, action: str, token: str, **data: str
) -> requests.Response:
    """Press a button of the lead's page."""
    return session.post(
        f"{stack.url('web')}/console/leads/{lead_id}/{action}",
        data={"csrf_token": token, **data},
        allow_redirects=False,
        headers={"Accept": "text/html"},
        timeout=30,
    )


def console_tables_mentioning(stack: Stack, text: str) -> list[str]:
    """The tables of the console's database holding ``text`` in any column."""
    with closing(sqlite3.connect(stack.state_dir / "console.db")) as connection:
        names = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return [
            name
            for name in names
            if any(text in str(row) for row in connection.execute(f'SELECT * FROM "{name}"'))
        ]


def test_export_then_erase_a_visitor_everywhere(stack: Stack) -> None:
    visitor = leave_a_lead(stack)
    lead = lead_of(stack, visitor.sender_id)
    assert (lead["consent_text"], lead["consent_language"], lead["consent_version"]) == (
        CONSENT_EN,
        "en",
        "1",
    )
    session = staff_session(stack)
    token = csrf_token(session, stack, lead["id"])

    exported = console_post(session, stack, lead["id"], "export", token)
    assert exported.status_code == 200
    document = exported.json()
    assert [item["email"] for item in document["catalogue"]["leads"]] == [EMAIL]
    assert any(line["text"] == EMAIL for line in document["rasa"]["transcript"])
    assert document["console"]["console_conversations"][0]["sender_id"] == visitor.sender_id

    stack.stop(["catalogue"])
    try:
        refused = console_post(session, stack, lead["id"], "erase", token, confirm="erase")
    finally:
        stack.start(["catalogue"])
    assert refused.status_code == 503
    assert "Nothing was erased" in refused.text
    assert any(e["event"] == "user" for e in visitor.tracker()["events"])

    erased = console_post(session, stack, lead["id"], "erase", token, confirm="erase")
    assert erased.status_code == 303
    assert erased.headers["location"].endswith(f"/console/audit?erased={lead['id']}")

    gone = requests.get(
        f"{stack.url('catalogue')}/staff/leads/{lead['id']}",
        headers={"X-API-Key": stack.secrets.catalogue_api_key},
        timeout=10,
    )
    assert gone.status_code == 404
    assert console_tables_mentioning(stack, visitor.sender_id) == []
    assert console_tables_mentioning(stack, EMAIL) == []
    with closing(sqlite3.connect(stack.state_dir / "events.db")) as connection:
        kept = connection.execute(
            "SELECT count(*) FROM events WHERE sender_id = ? OR data LIKE ?",
            (visitor.sender_id, f"%{EMAIL}%"),
        ).fetchone()
    assert kept == (0,)
    # Asking Rasa for the tracker starts a new, empty one: nothing of the visitor is left.
    events = visitor.tracker()["events"]
    assert not [event for event in events if event["event"] in {"user", "bot"}]
    assert EMAIL not in str(events) and NAME not in str(events)

    audit = session.get(erased.headers["location"], timeout=10).text
    assert f"The personal data of lead #{lead['id']} is erased" in audit
    rows = re.findall(r'data-action="(\w+)" data-outcome="(\w+)" data-lead="(\d*)"', audit)
    mine = [(action, outcome) for action, outcome, lead_id in rows if lead_id == str(lead["id"])]
    assert mine == [("erase", "done"), ("erase", "failed"), ("export", "done")]
    assert EMAIL not in audit and NAME not in audit and visitor.sender_id not in audit


def test_logs_hold_no_personal_data_and_no_secret(stack: Stack) -> None:
    """After a lead, an export and a handoff reply, no service's log names them or a secret."""
    visitor = leave_a_lead(stack)
    session = staff_session(stack)
    lead = lead_of(stack, visitor.sender_id)
    token = csrf_token(session, stack, lead["id"])
    assert console_post(session, stack, lead["id"], "export", token).status_code == 200
    secrets = stack.secrets
    forbidden = [
        EMAIL,
        PHONE_DIGITS,
        NAME,
        secrets.catalogue_api_key,
        secrets.rasa_jwt_secret,
        secrets.session_secret,
        secrets.staff_password,
    ]
    logs = {
        path.name: path.read_text(errors="replace")
        for path in (stack.state_dir / "logs").glob("*.log")
    }
    assert set(logs) >= {"catalogue.log", "actions.log", "rasa.log", "web.log"}
    found = [(name, value) for name, text in logs.items() for value in forbidden if value in text]
    assert found == []
    assert not [name for name, text in logs.items() if re.search(r"[?&]token=|Bearer ey", text)]


def test_no_process_shows_a_secret_in_its_command_line(stack: Stack) -> None:
    """`ps` shows every user each process's arguments: no secret may be among them."""
    secrets = stack.secrets
    forbidden = [
        secrets.catalogue_api_key,
        secrets.rasa_jwt_secret,
        secrets.session_secret,
        secrets.staff_password,
    ]
    pids = [service.process.pid for service in stack.services if service.process is not None]
    assert len(pids) == len(stack.services) >= 4
    for pid in pids:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        assert not [value for value in forbidden if value in command_line], command_line
