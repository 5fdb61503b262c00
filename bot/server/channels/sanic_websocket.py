"""WebSocket transport for Rasa's socket.io channel (Sanic 21.12 on Python 3.11).

python-engineio's Sanic driver upgrades a request to a WebSocket, but with the versions
Rasa 3.6 pins two faults made every WebSocket fail, so the widget had to long-poll:

- Sanic 21.12's `WebsocketImplProtocol.recv` passes a coroutine to `asyncio.wait`, which
  Python 3.11 refuses: the first read raised, and engine.io closed the socket right after
  its open packet. `SanicWebSocket.wait` reads the same frames, from a task.
- When the socket ended, the driver returned an HTTP 200, which Sanic wrote into the
  upgraded connection (browsers: "Invalid frame header"). Here the engine.io route is
  marked as a WebSocket handler, so that Sanic sends nothing after the upgrade.

`use_sanic_websockets` swaps both into one engine.io server before its routes are added;
nothing else of python-engineio or Sanic changes, and long-polling works as before.

Browsers send no CORS preflight before a WebSocket, so Rasa's `--cors` does not keep other
sites' pages from opening one: the route refuses (403) an upgrade whose `Origin` is not
among the allowed ones, as `--cors` does for long-polling. Clients that send no `Origin`
(not browsers) are let through, as they are for long-polling.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sanic import Sanic
from sanic.response import HTTPResponse
from sanic.server.websockets.impl import WebsocketImplProtocol
from socketio import AsyncServer
from websockets.connection import CLOSED

logger = logging.getLogger(__name__)

#: HTTP methods of engine.io's route: long-polling (GET, POST), CORS preflight, upgrade (GET).
ENGINEIO_METHODS = ("GET", "POST", "OPTIONS")


class SanicWebSocket:
    """One upgraded connection, as python-engineio's socket drives it.

    Args:
        handler: engine.io's handler of the connection (`AsyncSocket._websocket_handler`).
        server: The engine.io server.
    """

    def __init__(self, handler: Callable[[SanicWebSocket], Awaitable[Any]], server: Any) -> None:
        self.handler = handler
        self.server = server
        self.environ: dict[str, Any] = {}
        self._sock: WebsocketImplProtocol | None = None

    async def __call__(self, environ: dict[str, Any]) -> None:
        """Completes the handshake and serves the connection until it closes.

        Returns None: the route is a WebSocket handler, so Sanic writes no response.
        """
        request = environ["sanic.request"]
        protocol = request.transport.get_protocol()
        self._sock = await protocol.websocket_handshake(request)
        self.environ = environ
        try:
            await self.handler(self)
        finally:
            await self._sock.close()

    async def close(self) -> None:
        """Closes the connection (a close frame, then the TCP connection)."""
        if self._sock is not None:
            await self._sock.close()

    async def send(self, message: str | bytes) -> None:
        """Sends one engine.io packet as one frame."""
        assert self._sock is not None
        await self._sock.send(message)

    async def wait(self) -> str | bytes:
        """The next message, as Sanic's `recv` would return it.

        Raises:
            OSError: The connection closed (engine.io then ends the socket).
        """
        sock = self._sock
        if sock is None or sock.connection.state is CLOSED or sock.recv_cancel is not None:
            raise OSError("websocket closed")
        # Sanic wakes a reader at a close frame or a lost connection by cancelling this.
        sock.recv_cancel = asyncio.get_running_loop().create_future()
        message = asyncio.ensure_future(sock.assembler.get(None))
        try:
            done, _ = await asyncio.wait(
                (sock.recv_cancel, message), return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            sock.recv_cancel = None
        if message not in done:
            message.cancel()
            raise OSError("websocket closed")
        data = message.result()
        if not isinstance(data, str | bytes):
            raise OSError("websocket closed")
        return data


def _route(
    allowed_origins: frozenset[str] | None,
) -> Callable[[Sanic, Any, str], None]:
    """engine.io's `create_route`, its WebSocket upgrades limited to `allowed_origins`."""

    def create_route(app: Sanic, engineio_server: Any, engineio_endpoint: str) -> None:
        async def engineio(request: Any) -> Any:
            origin = request.headers.get("origin")
            upgrade = request.headers.get("upgrade", "").lower() == "websocket"
            if upgrade and allowed_origins is not None and origin not in (None, *allowed_origins):
                logger.warning("socket.io: a WebSocket from %s refused (origin)", origin[:100])
                return HTTPResponse(status=403)
            return await engineio_server.handle_request(request)

        # Sanic accepts no response from a handler with this mark: the upgraded connection's.
        engineio.is_websocket = True  # type: ignore[attr-defined]
        app.add_route(engineio, engineio_endpoint, methods=list(ENGINEIO_METHODS))
        app.enable_websocket()

    return create_route


def use_sanic_websockets(sio: AsyncServer, allowed_origins: frozenset[str] | None = None) -> None:
    """Lets `sio` serve WebSocket connections; call it before its blueprint is registered.

    Args:
        sio: The channel's socket.io server.
        allowed_origins: The origins a browser may open a WebSocket from; None: any.
    """
    eio = sio.eio
    eio._async = {
        **eio._async,
        "websocket": SanicWebSocket,
        "create_route": _route(allowed_origins),
    }
