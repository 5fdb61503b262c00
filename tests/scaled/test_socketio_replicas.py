"""A bot message sent through one Rasa replica reaches a visitor connected to the other.

A python-socketio client plays the widget on replica B: it asks for a session and says
hello; then a bot utterance is appended to that conversation through replica A's HTTP API,
as the staff console sends a reply (`output_channel=latest`, side effects executed).
Replica A holds no socket: only the Redis manager can carry the message to B's visitor.
"""

from __future__ import annotations

import json
import queue
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import socketio

from stack.profiles.default import Stack
from tests.conftest import model_path
from tests.scaled.replicas import replica_b_url, replica_stack, start_replicas

ANSWER_TIMEOUT_SECONDS = 60.0
DELIVERY_TIMEOUT_SECONDS = 15.0


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The action server and two Rasa replicas (no catalogue API, no website)."""
    stack = replica_stack(model_path(), tmp_path_factory.mktemp("replicas"), with_web=False)
    start_replicas(stack, ["actions"])
    yield stack
    stack.stop()


class Visitor:
    """A socket.io client on one replica, as the website's widget talks to Rasa."""

    def __init__(self, rasa_url: str) -> None:
        self.confirmed: queue.Queue[str] = queue.Queue()
        self.bot_messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("session_confirm", self.confirmed.put)
        self.client.on("bot_uttered", self.bot_messages.put)
        # Long-polling: python-socketio's client has no WebSocket here (websocket-client is
        # not installed); test_websocket_through_haproxy.py is the widget's WebSocket.
        self.client.connect(rasa_url, transports=["polling"], socketio_path="/socket.io")

    def start_session(self, session_id: str | None = None) -> str:
        """Asks for `session_id` (a new session when None); returns the confirmed one.

        The server issues session ids: one it did not issue is not continued.
        """
        self.client.emit("session_request", {"session_id": session_id})
        confirmed = self.confirmed.get(timeout=DELIVERY_TIMEOUT_SECONDS)
        assert session_id in {None, confirmed}
        return confirmed

    def say(self, session_id: str, text: str) -> None:
        self.client.emit("user_uttered", {"message": text, "session_id": session_id})

    def next_bot_message(self, timeout: float) -> dict[str, Any]:
        return self.bot_messages.get(timeout=timeout)

    def close(self) -> None:
        self.client.disconnect()


def append_bot_message(stack: Stack, conversation_id: str, text: str) -> None:
    """Says `text` into the conversation through replica A, as the staff console does."""
    query = urllib.parse.urlencode({"output_channel": "latest", "execute_side_effects": "true"})
    path = urllib.parse.quote(conversation_id, safe="")
    request = urllib.request.Request(
        f"{stack.url('rasa')}/conversations/{path}/tracker/events?{query}",
        data=json.dumps([{"event": "bot", "text": text}]).encode(),
        headers={"Content-Type": "application/json", **stack.secrets.rasa_headers()},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def test_a_message_sent_through_replica_a_reaches_a_visitor_on_replica_b(replicas: Stack):
    visitor = Visitor(replica_b_url(replicas))
    try:
        session_id = visitor.start_session()
        # The visitor talks to B: its answer comes back through Redis as well.
        visitor.say(session_id, "hello")
        assert visitor.next_bot_message(ANSWER_TIMEOUT_SECONDS).get("text")

        marker = f"staff reply {uuid.uuid4().hex[:8]}"
        append_bot_message(replicas, session_id, marker)
        texts = []
        while marker not in texts:
            texts.append(visitor.next_bot_message(DELIVERY_TIMEOUT_SECONDS).get("text"))
    finally:
        visitor.close()


def test_a_visitor_moved_to_another_replica_gets_replies_without_writing(replicas: Stack):
    """Chatting on A, then back (a reload, a lost replica) on B without writing again.

    The new socket joins the conversation's room on `session_request` alone.
    """
    first = Visitor(replicas.url("rasa"))
    try:
        session_id = first.start_session()
        first.say(session_id, "hello")
        first.next_bot_message(ANSWER_TIMEOUT_SECONDS)
    finally:
        first.close()
    back = Visitor(replica_b_url(replicas))
    try:
        back.start_session(session_id)
        marker = f"staff reply {uuid.uuid4().hex[:8]}"
        append_bot_message(replicas, session_id, marker)
        texts = []
        while marker not in texts:
            texts.append(back.next_bot_message(DELIVERY_TIMEOUT_SECONDS).get("text"))
    finally:
        back.close()
