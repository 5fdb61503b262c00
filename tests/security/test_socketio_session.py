"""A socket.io conversation cannot be taken over by its session id (issue 18, finding 2).

A client that sent `session_request` with another visitor's `session_id` was confirmed on
it and received every bot and staff reply to that visitor. Now the server issues session
ids (signed with `SOCKETIO_SESSION_SECRET`): an id it did not issue gets a new session of
its own, and a socket's messages count only for the session it was confirmed on. The
visitor's own browser, presenting the id it was given, keeps its conversation.
"""

from __future__ import annotations

import json
import queue
import urllib.parse
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import socketio

from stack.profiles.default import Stack

pytestmark = pytest.mark.e2e

WAIT_SECONDS = 30.0
#: How long the attacker listens for what was sent to the visitor.
QUIET_SECONDS = 3.0


class Client:
    """A socket.io client that asks for a session as the widget does."""

    def __init__(self, stack: Stack) -> None:
        self.sessions: queue.Queue[str] = queue.Queue()
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("session_confirm", self.sessions.put)
        self.client.on("bot_uttered", self.messages.put)
        self.client.connect(stack.url("rasa"), socketio_path="/socket.io", transports=["polling"])

    def request_session(self, session_id: str | None) -> str:
        self.client.emit("session_request", {"session_id": session_id})
        return self.sessions.get(timeout=WAIT_SECONDS)

    def say(self, session_id: str, text: str) -> None:
        metadata = {"language": "en"}
        self.client.emit(
            "user_uttered",
            {"message": text, "session_id": session_id, "metadata": metadata},
        )

    def texts_until(self, marker: str) -> list[str]:
        texts: list[str] = []
        while marker not in texts:
            texts.append(self.messages.get(timeout=WAIT_SECONDS).get("text"))
        return texts

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture
def clients(stack: Stack) -> Iterator[list[Client]]:
    opened: list[Client] = []
    yield opened
    for client in opened:
        client.close()


def staff_reply(stack: Stack, conversation_id: str, text: str) -> None:
    """Says `text` into the conversation as the console sends a staff reply."""
    query = urllib.parse.urlencode({"output_channel": "latest", "execute_side_effects": "true"})
    response = requests.post(
        f"{stack.url('rasa')}/conversations/{conversation_id}/tracker/events?{query}",
        data=json.dumps([{"event": "bot", "text": text, "metadata": {"from_staff": "alice"}}]),
        headers={"Content-Type": "application/json", **stack.secrets.rasa_headers()},
        timeout=30,
    )
    response.raise_for_status()


def user_texts(stack: Stack, conversation_id: str) -> list[str]:
    response = requests.get(
        f"{stack.url('rasa')}/conversations/{conversation_id}/tracker",
        headers=stack.secrets.rasa_headers(),
        timeout=30,
    )
    response.raise_for_status()
    return [e.get("text") for e in response.json()["events"] if e["event"] == "user"]


def test_a_second_client_presenting_a_visitor_s_id_is_not_confirmed_on_it(stack, clients):
    visitor = Client(stack)
    clients.append(visitor)
    # The widget of old chose ids like this one; the server no longer takes them.
    chosen = uuid.uuid4().hex
    session_id = visitor.request_session(chosen)
    assert session_id != chosen
    visitor.say(session_id, "/greet")
    visitor.messages.get(timeout=WAIT_SECONDS)

    attacker = Client(stack)
    clients.append(attacker)
    forged = session_id[:32] + "0" * (len(session_id) - 32)  # the id with a made-up signature
    for presented in [chosen, forged, session_id[:32]]:
        assert attacker.request_session(presented) not in {session_id, presented}
    attacker.say(session_id, "/request_human")  # into the visitor's conversation: dropped

    marker = f"staff reply naming the visitor {uuid.uuid4().hex[:8]}"
    staff_reply(stack, session_id, marker)
    visitor.texts_until(marker)
    with pytest.raises(queue.Empty):
        while True:  # everything the attacker got: none of it is the visitor's
            message = attacker.messages.get(timeout=QUIET_SECONDS)
            assert message.get("text") != marker
    assert "/request_human" not in user_texts(stack, session_id)


def test_the_visitor_s_browser_keeps_its_session_after_reconnecting(stack, clients):
    first = Client(stack)
    clients.append(first)
    session_id = first.request_session(None)
    first.say(session_id, "/greet")
    first.messages.get(timeout=WAIT_SECONDS)
    first.close()

    again = Client(stack)  # a reload: the widget presents the id it was confirmed on
    clients.append(again)
    assert again.request_session(session_id) == session_id
    marker = f"staff reply {uuid.uuid4().hex[:8]}"
    staff_reply(stack, session_id, marker)
    again.texts_until(marker)
