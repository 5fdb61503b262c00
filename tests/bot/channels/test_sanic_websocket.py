"""The socket.io channel over a real WebSocket on Sanic 21.12 (`bot.channels.sanic_websocket`).

A Sanic server in the test's event loop serves the guarded channel; a `websockets` client
speaks engine.io/socket.io to it as the widget does: open, connect, `session_request`,
`user_uttered`. The signed session must be confirmed, continued and the message must reach
Rasa with it; a closed socket must end without anything written after the close frame
(browsers reported such bytes as "Invalid frame header"). Long-polling still answers.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
import uuid
from typing import Any

from sanic import Sanic
from websockets.legacy.client import WebSocketClientProtocol, connect

from bot.channels.sessions import is_issued, session_key
from bot.channels.socketio import GuardedSocketIOInput
from bot.settings import BotSettings

SETTINGS = BotSettings(socketio_session_secret="a test secret")
TIMEOUT_SECONDS = 10.0


class Rasa:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def __call__(self, message: Any) -> None:
        self.received.append(message)


async def _event(ws: WebSocketClientProtocol, name: str) -> Any:
    """The data of the next socket.io event `name`, answering engine.io pings meanwhile."""
    while True:
        packet = await asyncio.wait_for(ws.recv(), TIMEOUT_SECONDS)
        assert isinstance(packet, str)
        if packet == "2":
            await ws.send("3")
        elif packet.startswith("42"):
            event, *args = json.loads(packet[2:])
            if event == name:
                return args[0] if args else None


async def _emit(ws: WebSocketClientProtocol, event: str, data: Any) -> None:
    await ws.send("42" + json.dumps([event, data]))


async def _open(url: str) -> WebSocketClientProtocol:
    ws = await connect(f"{url}/socket.io/?EIO=4&transport=websocket")
    opened = await asyncio.wait_for(ws.recv(), TIMEOUT_SECONDS)
    assert isinstance(opened, str) and opened.startswith("0{")
    await ws.send("40")
    assert str(await asyncio.wait_for(ws.recv(), TIMEOUT_SECONDS)).startswith("40")
    return ws


def _poll_handshake(url: str) -> str:
    polling_url = url.replace("ws://", "http://", 1)
    with urllib.request.urlopen(
        f"{polling_url}/socket.io/?EIO=4&transport=polling", timeout=5
    ) as r:
        return r.read().decode()


async def _conversation(url: str, rasa: Rasa) -> dict[str, Any]:
    ws = await _open(url)
    await _emit(ws, "session_request", {"session_id": None})
    confirmed = await _event(ws, "session_confirm")
    session_id = confirmed["session_id"] if isinstance(confirmed, dict) else confirmed
    await _emit(ws, "user_uttered", {"message": "hello", "session_id": session_id})
    for _ in range(100):
        if rasa.received:
            break
        await asyncio.sleep(0.05)
    await ws.close()
    # A second socket continues the signed session it presents.
    again = await _open(url)
    await _emit(again, "session_request", {"session_id": session_id})
    continued = await _event(again, "session_confirm")
    await again.close()
    polling = await asyncio.get_running_loop().run_in_executor(None, _poll_handshake, url)
    return {
        "session_id": session_id,
        "continued": continued["session_id"] if isinstance(continued, dict) else continued,
        "close_code": ws.close_code,
        "polling": polling,
    }


async def _serve_and_talk(rasa: Rasa) -> dict[str, Any]:
    app = Sanic(f"ws_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(GuardedSocketIOInput(session_persistence=True).blueprint(rasa, SETTINGS))
    server = await app.create_server(
        host="127.0.0.1", port=0, return_asyncio_server=True, access_log=False
    )
    assert server is not None
    await server.startup()
    port = server.server.sockets[0].getsockname()[1]
    try:
        return await _conversation(f"ws://127.0.0.1:{port}", rasa)
    finally:
        server.close()
        await server.wait_closed()


def test_a_conversation_runs_over_a_websocket_with_signed_sessions():
    rasa = Rasa()
    result = asyncio.run(_serve_and_talk(rasa))
    assert is_issued(result["session_id"], session_key(SETTINGS))
    assert result["continued"] == result["session_id"]
    assert [(m.text, m.sender_id) for m in rasa.received] == [("hello", result["session_id"])]
    # The close handshake completed: no HTTP response written into the upgraded connection.
    assert result["close_code"] == 1000
    # Long-polling is still offered, with the upgrade to WebSocket.
    assert '"upgrades":["websocket"]' in result["polling"]
