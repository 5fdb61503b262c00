"""Rasa's CORS answers only the website's origin (issue 18, finding 9).

Rasa ran with `--cors "*"` and allows credentials: any site's pages could call it from a
visitor's browser. Now only the website's origin (`HUB_WEBSITE_ORIGINS`, by default this
stack's website) gets an `Access-Control-Allow-Origin`.
"""

from __future__ import annotations

import pytest
import requests
from websockets.exceptions import InvalidStatusCode

from stack.environment import website_origins
from stack.profiles.default import Stack
from tests.async_support import run_coroutine
from tests.socketio_websocket import WebSocketVisitor

EVIL = "http://evil.example"
PATHS = ["/webhooks/rest/webhook", "/socket.io/?EIO=4&transport=polling", "/status"]


def preflight(stack: Stack, path: str, origin: str) -> requests.Response:
    return requests.options(
        f"{stack.url('rasa')}{path}",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=30,
    )


@pytest.mark.e2e
@pytest.mark.parametrize("path", PATHS)
def test_a_preflight_from_another_origin_gets_no_cors_headers(stack: Stack, path: str):
    response = preflight(stack, path, EVIL)
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.e2e
@pytest.mark.parametrize("path", PATHS)
def test_the_website_s_origin_is_allowed(stack: Stack, path: str):
    origin = stack.url("web")
    response = preflight(stack, path, origin)
    assert response.headers.get("Access-Control-Allow-Origin") == origin


async def _websocket_status(url: str, origin: str) -> int:
    """101 when a WebSocket from `origin`'s page opens, else the status it was refused with."""
    try:
        visitor = await WebSocketVisitor.open(url, origin=origin)
    except InvalidStatusCode as refused:
        return refused.status_code
    await visitor.close()
    return 101


@pytest.mark.e2e
def test_only_the_website_s_pages_open_socket_io_websockets(stack: Stack):
    # No preflight guards a WebSocket: the channel checks the Origin itself (through HAProxy).
    assert run_coroutine(_websocket_status(stack.url("rasa"), EVIL)) == 403
    assert run_coroutine(_websocket_status(stack.url("rasa"), stack.url("web"))) == 101


def test_the_origins_are_the_website_s_unless_configured(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("HUB_WEBSITE_ORIGINS", raising=False)
    assert website_origins("127.0.0.1", 8080, {}) == [
        "http://127.0.0.1:8080",
        "http://localhost:8080",
    ]
    assert website_origins("10.0.0.5", 8080, {}) == ["http://10.0.0.5:8080"]
    configured = {"HUB_WEBSITE_ORIGINS": "https://www.example.org, https://example.org"}
    assert website_origins("127.0.0.1", 8080, configured) == [
        "https://www.example.org",
        "https://example.org",
    ]
