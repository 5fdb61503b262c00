"""Staff alerts: the console's badge API, and e-mails through a local SMTP server (aiosmtpd).

The app reads Rasa's events from a SQL broker file the tests write (:func:`publish`); the
catalogue is mocked. Nothing sleeps a fixed time: each test waits for a condition.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
import respx
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from lead_fakes import lead
from web_support import CATALOGUE_URL, SESSION_SECRET, make_settings, publish, sign_in

from hub_web.app import create_app
from hub_web.console.deps import handle_of
from hub_web.staff_alerts.store import EMAIL_PENDING, StaffAlert

CONVERSATION = "visitor-session-0001"
PUBLIC_URL = "https://hub.example.org"


class Inbox:
    """aiosmtpd's handler: keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content)
        message["X-Rcpt-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], Any], timeout: float = 10.0) -> Any:
    """``condition()``'s first truthy value, polled until ``timeout`` seconds passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def inbox(smtp_port: int) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield handler
    controller.stop()


def alert_app(tmp_path: Path, smtp_port: int | None) -> TestClient:
    settings = make_settings(
        tmp_path,
        smtp_host="127.0.0.1" if smtp_port else None,
        smtp_port=smtp_port or 25,
        smtp_security="none",
        public_url=PUBLIC_URL,
        alert_email="desk@example.org",
        alert_email_by_service="legal=legal@example.org",
        alert_poll_seconds=0.05,
        alert_retry_seconds=0.1,
        alert_retry_max_seconds=0.3,
    )
    return TestClient(create_app(settings), base_url="http://testserver")


def handoff_events(lead_id: int, start: float = 1_715_000_000.0) -> list[dict[str, object]]:
    """What the action server's handoff leaves in Rasa's event stream."""
    return [
        {"event": "user", "text": "I want to talk to a person", "timestamp": start},
        {"event": "slot", "name": "lead_id", "value": str(lead_id), "timestamp": start + 1},
        {"event": "action", "name": "action_listen", "timestamp": start + 1},
        {"event": "pause", "timestamp": start + 1},
    ]


def with_sender(
    events: list[dict[str, object]], sender: str = CONVERSATION
) -> list[dict[str, object]]:
    return [{**event, "sender_id": sender} for event in events]


def mock_lead(upstream: respx.MockRouter, lead_id: int, **fields: object) -> None:
    upstream.get(f"{CATALOGUE_URL}/staff/leads/{lead_id}").respond(
        json=lead(lead_id, conversation_id=CONVERSATION, **fields)
    )


def test_a_waiting_visitor_is_e_mailed_with_the_console_link(
    tmp_path: Path, upstream: respx.MockRouter, inbox: Inbox, smtp_port: int
) -> None:
    mock_lead(upstream, 7, handoff=True, services=["legal"], country_code="KZ")
    with alert_app(tmp_path, smtp_port) as client:
        sign_in(client)
        publish(tmp_path / "events.db", with_sender(handoff_events(7)))
        wait_for(lambda: inbox.messages)
        badge = client.get("/console/api/alerts").json()
    assert len(inbox.messages) == 1  # one e-mail for the handoff lead, not a second for the lead
    message = inbox.messages[0]
    handle = handle_of(SESSION_SECRET, CONVERSATION)
    assert message["Subject"] == "A visitor is waiting for a member of staff (lead #7)"
    assert message["X-Rcpt-To"] == "legal@example.org"  # the lead names the legal service
    body = message.get_payload(decode=True).decode()
    assert f"{PUBLIC_URL}/console/handoffs#conversation-{handle}" in body
    assert "Services: legal" in body and "Country: KZ" in body
    assert "lead7@example.org" not in body and "Lead 7" not in body  # no personal data
    assert badge["waiting"] == 1
    assert badge["latest"]["kind"] == "waiting"
    assert badge["latest"]["url"] == f"/console/handoffs#conversation-{handle}"


def test_a_lead_without_handoff_goes_to_the_default_address(
    tmp_path: Path, upstream: respx.MockRouter, inbox: Inbox, smtp_port: int
) -> None:
    mock_lead(upstream, 8, services=["visa"])
    with alert_app(tmp_path, smtp_port) as client:
        event = {"event": "slot", "name": "lead_id", "value": "8", "timestamp": 1_715_000_000.0}
        publish(tmp_path / "events.db", with_sender([event]))
        wait_for(lambda: inbox.messages)
        sign_in(client)
        badge = client.get("/console/api/alerts").json()
    message = inbox.messages[0]
    assert message["Subject"] == "New lead #8"
    assert message["X-Rcpt-To"] == "desk@example.org"
    assert f"{PUBLIC_URL}/console/leads/8" in message.get_payload(decode=True).decode()
    assert badge == {
        "waiting": 0,
        "latest": {"id": 1, "kind": "lead", "lead_id": 8, "url": "/console/leads/8"},
    }


def test_the_mail_server_down_is_retried_until_it_is_back(
    tmp_path: Path, upstream: respx.MockRouter, smtp_port: int
) -> None:
    mock_lead(upstream, 9, handoff=True)
    with alert_app(tmp_path, smtp_port) as client:
        publish(tmp_path / "events.db", with_sender(handoff_events(9)))
        engine = client.app.state.console_store.engine  # type: ignore[attr-defined]

        def failed_tries() -> int:
            with engine.connect() as connection:
                row = connection.execute(StaffAlert.__table__.select()).first()  # type: ignore[attr-defined]
            return row.attempts if row is not None and row.email_state == EMAIL_PENDING else 0

        wait_for(lambda: failed_tries() >= 2)
        # The site and the console go on answering while the mail server is down.
        assert client.get("/").status_code == 200
        sign_in(client)
        assert client.get("/console/api/alerts").json()["waiting"] == 1
        handler = Inbox()
        controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            wait_for(lambda: handler.messages)
        finally:
            controller.stop()
    assert handler.messages[0]["Subject"] == "A visitor is waiting for a member of staff (lead #9)"
    assert len(handler.messages) == 1


def test_without_smtp_host_nothing_is_sent_and_the_badge_still_counts(
    tmp_path: Path, upstream: respx.MockRouter
) -> None:
    with alert_app(tmp_path, None) as client:
        sign_in(client)
        publish(tmp_path / "events.db", with_sender(handoff_events(10)))
        badge = wait_for(lambda: (b := client.get("/console/api/alerts").json())["latest"] and b)
    assert badge["waiting"] == 1 and badge["latest"]["lead_id"] == 10
    assert not upstream.calls.call_count or all(
        "/staff/leads/10" not in str(call.request.url) for call in upstream.calls
    )


def test_the_alert_api_needs_a_staff_session(client: TestClient) -> None:
    assert client.get("/console/api/alerts").status_code == 401


def test_the_widget_asks_for_office_hours_in_its_language(client: TestClient) -> None:
    answer = client.get("/chat/office-hours", params={"lang": "zh"}).json()
    assert answer["hours"] == "周一–周五 09:00–18:00"
    assert answer["timeZone"] == "Asia/Shanghai"
    assert isinstance(answer["open"], bool)
    assert client.get("/chat/office-hours", params={"lang": "xx"}).json()["hours"].startswith("Mon")
