"""Deep JSON against the real stack (issue 18, finding 1).

A REST body nested 1,000 levels deep was a 500 (a `RecursionError` in the channel's check);
metadata nested 900 deep was taken, and the console's event reader then failed on that row
for good. Now both channels refuse them, and a row the reader cannot apply is set aside.
"""

from __future__ import annotations

import json
import queue
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any

import pytest
import requests
import socketio

from stack.profiles.default import Stack

pytestmark = pytest.mark.e2e

DEEP_BODY = 1_000
DEEP_METADATA = 900
WAIT_SECONDS = 30.0


def nested_text(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def post(stack: Stack, body: str) -> requests.Response:
    return requests.post(
        f"{stack.url('rasa')}/webhooks/rest/webhook",
        data=body.encode(),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )


def tracker_events(stack: Stack, sender: str) -> list[dict[str, Any]]:
    response = requests.get(
        f"{stack.url('rasa')}/conversations/{sender}/tracker",
        headers=stack.secrets.rasa_headers(),
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["events"]


def wait_until(found: Callable[[], Any], what: str, timeout: float = WAIT_SECONDS) -> Any:
    deadline = time.monotonic() + timeout
    while (value := found()) is None or value is False:
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.1)
    return value


@pytest.mark.parametrize("where", ["body", "metadata"])
def test_deep_rest_json_is_a_400(stack: Stack, where: str):
    sender = f"deep-{uuid.uuid4().hex}"
    field, depth = ("x", DEEP_BODY) if where == "body" else ("metadata", DEEP_METADATA)
    body = f'{{"sender": "{sender}", "message": "hi", "{field}": {nested_text(depth)}}}'
    response = post(stack, body)
    assert response.status_code == 400, response.text
    assert "levels deep" in response.json()["error"]
    assert all(event["event"] != "user" for event in tracker_events(stack, sender))


class SocketVisitor:
    """A socket.io client as the widget talks to Rasa (long polling)."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.answers: queue.Queue[dict[str, Any]] = queue.Queue()
        self.sessions: queue.Queue[str] = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", self.answers.put)
        self.client.on("session_confirm", self.sessions.put)
        self.client.connect(stack.url("rasa"), socketio_path="/socket.io", transports=["polling"])
        self.client.emit("session_request", {"session_id": None})
        self.session_id = self.sessions.get(timeout=WAIT_SECONDS)

    def say(self, message: str, metadata: Any) -> None:
        data = {"message": message, "session_id": self.session_id, "metadata": metadata}
        self.client.emit("user_uttered", data)


@pytest.fixture
def socket_visitor(stack: Stack) -> Iterator[SocketVisitor]:
    visitor = SocketVisitor(stack)
    yield visitor
    visitor.client.disconnect()


def test_deep_socketio_metadata_is_refused_without_touching_the_tracker(
    socket_visitor: SocketVisitor, stack: Stack
):
    before = tracker_events(stack, socket_visitor.session_id)
    # As a JSON string (Rasa's channel parses it), and as an object deeper than 16.
    socket_visitor.say("deep one", nested_text(DEEP_METADATA))
    socket_visitor.say("deep two", json.loads(nested_text(40)))
    socket_visitor.say("/greet", {"language": "en"})
    answer = socket_visitor.answers.get(timeout=WAIT_SECONDS)
    assert answer.get("text")
    texts = [e.get("text") for e in tracker_events(stack, socket_visitor.session_id)]
    assert "deep one" not in texts and "deep two" not in texts
    assert len(texts) > len(before)


def test_a_poison_row_does_not_stop_the_console(stack: Stack):
    """A row the console cannot read, written into Rasa's event broker as the probe's row
    was; the conversations after it still reach the console."""
    broker = stack.state_dir / "events.db"
    wait_until(broker.exists, "Rasa's event broker")
    poison = (
        '{"event": "user", "sender_id": "poison", "text": "hi", "metadata": '
        f"{nested_text(DEEP_METADATA)}}}"
    )
    with closing(sqlite3.connect(broker, timeout=15)) as connection, connection:
        connection.execute("INSERT INTO events (sender_id, data) VALUES ('poison', ?)", (poison,))
    sender = f"after-poison-{uuid.uuid4().hex}"
    response = post(stack, json.dumps({"sender": sender, "message": "/greet"}))
    assert response.status_code == 200, response.text

    console = stack.state_dir / "console.db"

    def console_knows() -> bool:
        with closing(sqlite3.connect(console, timeout=15)) as connection:
            try:
                row = connection.execute(
                    "SELECT 1 FROM console_conversations WHERE sender_id = ?", (sender,)
                ).fetchone()
            except sqlite3.OperationalError:  # the console has not created its tables yet
                return False
        return row is not None

    wait_until(console_knows, "the conversation after the poison row in the console")
    with closing(sqlite3.connect(console, timeout=15)) as connection:
        reasons = [r for (r,) in connection.execute("SELECT reason FROM console_skipped_events")]
    assert "RecursionError" in reasons
