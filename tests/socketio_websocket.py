"""A socket.io visitor over a WebSocket, speaking engine.io v4 by hand as the widget does.

python-socketio's clients need packages the bot's environment has not (websocket-client, a
newer aiohttp), so the tests open the WebSocket with `websockets` and write the few packets
themselves: `40` (connect), `42[event, data]` (events), `3` (pong, answering a `2` ping).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.legacy.client import WebSocketClientProtocol, connect
from websockets.typing import Origin

TIMEOUT_SECONDS = 10.0


class WebSocketVisitor:
    """One socket.io connection over a WebSocket; open it with `WebSocketVisitor.open`."""

    def __init__(self, ws: WebSocketClientProtocol) -> None:
        self.ws = ws

    @classmethod
    async def open(
        cls, url: str, path: str = "/socket.io", origin: str | None = None
    ) -> WebSocketVisitor:
        """Connects to the socket.io server at `url` (http:// or ws://) and its namespace `/`.

        `origin` is sent as a browser would (`Origin`); none by default.

        Raises:
            AssertionError: The server did not open the connection as engine.io v4 does.
        """
        base = url.replace("http://", "ws://", 1).replace("https://", "wss://", 1).rstrip("/")
        ws = await connect(
            f"{base}{path}/?EIO=4&transport=websocket",
            origin=Origin(origin) if origin else None,
        )
        opened = await asyncio.wait_for(ws.recv(), TIMEOUT_SECONDS)
        assert isinstance(opened, str) and opened.startswith("0{"), opened
        await ws.send("40")
        connected = await asyncio.wait_for(ws.recv(), TIMEOUT_SECONDS)
        assert str(connected).startswith("40"), connected
        return cls(ws)

    @property
    def handshake_headers(self) -> dict[str, str]:
        """The headers of the server's 101 Switching Protocols response, lower-cased names."""
        return {name.lower(): value for name, value in self.ws.response_headers.raw_items()}

    async def emit(self, event: str, data: Any) -> None:
        """Sends one socket.io event."""
        await self.ws.send("42" + json.dumps([event, data]))

    async def next_event(self, name: str, timeout: float = TIMEOUT_SECONDS) -> Any:
        """The data of the next event `name` (others are skipped; pings answered)."""
        while True:
            packet = await asyncio.wait_for(self.ws.recv(), timeout)
            assert isinstance(packet, str)
            if packet == "2":
                await self.ws.send("3")
            elif packet.startswith("42"):
                event, *args = json.loads(packet[2:])
                if event == name:
                    return args[0] if args else None

    async def start_session(self, session_id: str | None = None) -> str:
        """Asks for `session_id` (a new session when None); returns the one confirmed."""
        await self.emit("session_request", {"session_id": session_id})
        confirmed = await self.next_event("session_confirm")
        return str(confirmed["session_id"] if isinstance(confirmed, dict) else confirmed)

    async def say(self, session_id: str, text: str) -> None:
        """Sends a visitor's message in `session_id`."""
        await self.emit("user_uttered", {"message": text, "session_id": session_id})

    async def close(self) -> int | None:
        """Closes the connection; the close code the server answered with (1000: clean)."""
        await self.ws.close()
        return self.ws.close_code
