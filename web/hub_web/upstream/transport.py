"""Sending a request to an upstream service, and keeping its answers for a while.

Every call of both clients goes through :func:`send`: an unreachable service or a 4xx/5xx
answer becomes an :class:`~hub_web.upstream.errors.UpstreamError`. Nothing is retried.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from hub_web.upstream.errors import UpstreamError

#: The timeout of every call (the shared ``httpx.AsyncClient``'s), unless a call sets its own.
UPSTREAM_TIMEOUT_SECONDS = 10.0
CACHE_TTL_SECONDS = 300.0


class TimedCache:
    """Values by key, each kept for ``ttl_seconds`` after it was stored."""

    def __init__(self, ttl_seconds: float = CACHE_TTL_SECONDS) -> None:
        self._ttl_seconds = ttl_seconds
        self._entries: dict[str, tuple[float, Any]] = {}

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or ``None`` when there is none or it expired."""
        stored_at, value = self._entries.get(key, (float("-inf"), None))
        return value if time.monotonic() - stored_at < self._ttl_seconds else None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` from now on."""
        self._entries[key] = (time.monotonic(), value)


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase or "error"
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return body["detail"]
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return body["message"]
    return response.reason_phrase or "error"


async def send(
    http: httpx.AsyncClient, service: str, method: str, url: str, **kwargs: Any
) -> httpx.Response:
    """Send a request; an unreachable ``service`` or a 4xx/5xx answer is an UpstreamError."""
    try:
        response = await http.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        raise UpstreamError(service, None, f"unreachable ({type(error).__name__})") from None
    if response.status_code >= 400:
        refused = UpstreamError(service, response.status_code, _detail(response))
        if response.status_code in (409, 422):
            refused.errors = _field_errors(response)
        raise refused
    return response


def _field_errors(response: httpx.Response) -> list[dict[str, Any]]:
    """The ``errors`` of a refused request (``[{"loc", "msg"}]``); empty if it has none."""
    try:
        body = response.json()
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    return [e for e in errors or [] if isinstance(e, dict)]
