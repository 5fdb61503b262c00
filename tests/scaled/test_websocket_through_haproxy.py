"""The widget's WebSocket through HAProxy's socket.io backend, replies from either replica.

The upgrade goes through the balancer like a long-poll: HAProxy's socket.io backend picks
a replica and sets its stickiness cookie on the 101 response, then tunnels the connection
(`timeout tunnel`). Staff replies sent through the HTTP API, round robin over the replicas,
reach the visitor whichever replica holds the socket (Redis).
"""

from __future__ import annotations

import asyncio
import uuid

from stack.profiles.scaled.haproxy import rasa_server
from stack.profiles.scaled.stack import ScaledStack
from tests.async_support import run_coroutine
from tests.scaled.test_socketio_replicas import (
    ANSWER_TIMEOUT_SECONDS,
    DELIVERY_TIMEOUT_SECONDS,
    append_bot_message,
)
from tests.socketio_websocket import WebSocketVisitor

#: Replies sent through the HTTP API: round robin sends them through both replicas.
REPLIES = 2


async def _conversation(stack: ScaledStack) -> tuple[dict[str, str], str, list[str], int | None]:
    visitor = await WebSocketVisitor.open(stack.url("rasa"))
    try:
        session_id = await visitor.start_session()
        await visitor.say(session_id, "hello")
        answer = await visitor.next_event("bot_uttered", ANSWER_TIMEOUT_SECONDS)
        markers = [f"staff reply {uuid.uuid4().hex[:8]}" for _ in range(REPLIES)]
        loop = asyncio.get_running_loop()
        for marker in markers:
            await loop.run_in_executor(None, append_bot_message, stack, session_id, marker)
        texts: list[str] = []
        while not set(markers) <= set(texts):
            message = await visitor.next_event("bot_uttered", DELIVERY_TIMEOUT_SECONDS)
            texts.append(str(message.get("text")))
    finally:
        close_code = await visitor.close()
    return visitor.handshake_headers, str(answer.get("text")), texts, close_code


def test_a_websocket_visitor_talks_through_haproxy_and_gets_replies_from_any_replica(
    all_replicas_up: ScaledStack,
) -> None:
    headers, answer, texts, close_code = run_coroutine(_conversation(all_replicas_up))
    cookies = {rasa_server(i) for i in range(1, len(all_replicas_up.rasa_names()) + 1)}
    assert any(f"HUB_RASA_REPLICA={name}" in headers.get("set-cookie", "") for name in cookies)
    assert answer
    assert len(texts) >= REPLIES
    assert close_code == 1000
