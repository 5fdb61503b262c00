"""ASGI middleware: request body size limit (413) and a few response headers."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: A body declared over the limit but at most this long is read and dropped before the 413.
DRAIN_MAX_BYTES = 1 << 20


async def _drain(receive: Receive) -> None:
    """Reads the rest of the request body and drops it."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


class BodyTooLarge(HTTPException):
    """Raised while reading a body that grows past the limit (FastAPI re-raises HTTPException)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body too large: at most {limit} bytes")


class LimitsMiddleware:
    """Reject bodies over ``max_body_bytes`` with 413 and add defensive response headers.

    A declared ``Content-Length`` over the limit is refused before the body is read; a body sent
    without one (chunked) is counted while it is read.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def _reply(self, send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await self._reply(send, 400, "invalid Content-Length header")
                return
            if length > limit:
                if length <= DRAIN_MAX_BYTES:
                    # A client still sending when the connection closes may get a reset, not
                    # the 413; a body not much over the limit is read and dropped first.
                    await _drain(receive)
                await self._reply(send, 413, BodyTooLarge(limit).detail)
                return

        received = 0
        started = False
        staff = str(scope.get("path", "")).startswith("/staff")

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [(b"x-content-type-options", b"nosniff")]
                if staff:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge as exc:
            if started:
                raise
            await self._reply(send, 413, exc.detail)
