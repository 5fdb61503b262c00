"""`bot.server.channels.sanic_websocket`: socket.io over a real WebSocket on Sanic 21.12.

A Sanic server in the test's event loop serves the guarded channel; a `websockets` client
speaks engine.io/socket.io to it as the widget does: open, connect, `session_request`,
`user_uttered`. The signed session must be confirmed, continued and the message must reach
Rasa with it; a closed socket must end without anything written after the close frame
(browsers reported such bytes as "Invalid frame header"). Long-polling still answers.
"""

from __future__ import annotations

import asyncio
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sanic import Sanic
from websockets.exceptions import InvalidStatusCode

from bot.server.channels.sessions import is_issued, session_key
from bot.server.channels.socketio import GuardedSocketIOInput
from bot.settings import BotSettings
from tests.socketio_websocket import WebSocketVisitor

WEBSITE = "http://site.test"
SETTINGS = BotSettings(
    socketio_session_secret="a test secret", socketio_websocket_origins=f" {WEBSITE}, "
)


class Rasa:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def __call__(self, message: Any) -> None:
        self.received.append(message)


def _poll_handshake(url: str) -> str:
    with urllib.request.urlopen(f"{url}/socket.io/?EIO=4&transport=polling", timeout=5) as r:
        return r.read().decode()


async def _conversation(url: str, rasa: Rasa) -> dict[str, Any]:
    visitor = await WebSocketVisitor.open(url)
    session_id = await visitor.start_session()
    await visitor.say(session_id, "hello")
    for _ in range(100):
        if rasa.received:
            break
        await asyncio.sleep(0.05)
    close_code = await visitor.close()
    # A second socket continues the signed session it presents.
    again = await WebSocketVisitor.open(url)
    continued = await again.start_session(session_id)
    await again.close()
    polling = await asyncio.get_running_loop().run_in_executor(None, _poll_handshake, url)
    return {
        "session_id": session_id,
        "continued": continued,
        "close_code": close_code,
        "polling": polling,
    }


async def _refusals(url: str) -> list[int | None]:
    """The HTTP status each origin's upgrade was refused with (None: accepted)."""
    statuses: list[int | None] = []
    for origin in (WEBSITE, "http://evil.test", None):
        try:
            visitor = await WebSocketVisitor.open(url, origin=origin)
        except InvalidStatusCode as refused:
            statuses.append(refused.status_code)
        else:
            await visitor.close()
            statuses.append(None)
    return statuses


async def _serve(rasa: Rasa, settings: BotSettings, talk: Callable[[str], Awaitable[Any]]) -> Any:
    app = Sanic(f"ws_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(GuardedSocketIOInput(session_persistence=True).blueprint(rasa, settings))
    server = await app.create_server(
        host="127.0.0.1", port=0, return_asyncio_server=True, access_log=False
    )
    assert server is not None
    await server.startup()
    port = server.server.sockets[0].getsockname()[1]
    try:
        return await talk(f"http://127.0.0.1:{port}")
    finally:
        server.close()
        await server.wait_closed()


async def _everything(url: str, rasa: Rasa) -> dict[str, Any]:
    return {**await _conversation(url, rasa), "refusals": await _refusals(url)}


@pytest.fixture(scope="module")
def served() -> tuple[Rasa, dict[str, Any]]:
    """One server for the module: Sanic rewrites its own classes when a server starts, so a
    second server in the same process fails."""
    rasa = Rasa()
    return rasa, asyncio.run(_serve(rasa, SETTINGS, lambda url: _everything(url, rasa)))


def test_a_conversation_runs_over_a_websocket_with_signed_sessions(served):
    rasa, result = served
    assert is_issued(result["session_id"], session_key(SETTINGS))
    assert result["continued"] == result["session_id"]
    assert [(m.text, m.sender_id) for m in rasa.received] == [("hello", result["session_id"])]
    # The close handshake completed: no HTTP response written into the upgraded connection.
    assert result["close_code"] == 1000
    # Long-polling is still offered, with the upgrade to WebSocket.
    assert '"upgrades":["websocket"]' in result["polling"]


def test_only_the_website_s_pages_may_open_a_websocket(served):
    # The website's origin and clients without one (not browsers) in; another site's pages not.
    assert served[1]["refusals"] == [None, 403, None]
