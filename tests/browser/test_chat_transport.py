"""The widget talks to Rasa over one WebSocket, through HAProxy, and long-polls where it can't.

A 13-turn conversation used to cost 80-100 long-polling requests. Over a WebSocket it needs
one HTTP request to Rasa (the upgrade); with WebSockets refused (`BLOCK_WEBSOCKET_JS`) a
conversation still runs, by long-polling. Both conversations' numbers are appended to
``test-artifacts/screenshots/chat-traffic.jsonl``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import WebSocketRoute, expect

from tests.browser.a11y_support import PAGE_PATHS, SIZES, new_context, open_chat
from tests.browser.chat_traffic import THIRTEEN_TURNS, record_conversation, record_traffic
from tests.browser.test_widget_and_console import BOT_TIMEOUT_MS

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

#: At most this many socket.io HTTP requests for 13 turns over a WebSocket: the upgrade, and
#: one more should the socket be dropped and opened again on a loaded machine.
MAX_WEBSOCKET_REQUESTS = 3
#: Turns of the fallback's conversation (all 13: scripts/measure_chat_weight.py).
FALLBACK_TURNS = 4


def _behind_haproxy(request: pytest.FixtureRequest) -> bool:
    """Whether the session's stack has HAProxy on Rasa's port (not when HUB_WEB_URL is used)."""
    if "stack" not in request.fixturenames:
        return False
    stack = request.getfixturevalue("stack")
    return any(service.name == "haproxy" for service in stack.services)


def test_a_conversation_runs_over_one_websocket(
    browser: object,
    hub: HubEndpoints,
    screenshot_dir: Path,
    request: pytest.FixtureRequest,
) -> None:
    traffic = record_conversation(browser, hub.web_url, THIRTEEN_TURNS)  # type: ignore[arg-type]
    record_traffic(screenshot_dir, "websocket", traffic)
    assert traffic.answered >= len(THIRTEEN_TURNS) - 1, traffic.as_dict()
    assert 1 <= traffic.websockets <= MAX_WEBSOCKET_REQUESTS, traffic.as_dict()
    assert traffic.polling_requests == 0, traffic.as_dict()
    assert traffic.websocket_frames > 2 * len(THIRTEEN_TURNS)
    # The page, the widget's modules and style sheets and the socket.io client came compressed.
    assert traffic.page_encodings, traffic.as_dict()
    uncompressed = [
        p for p, coding in traffic.page_encodings.items() if coding not in ("br", "gzip")
    ]
    assert not uncompressed, traffic.page_encodings
    if _behind_haproxy(request):
        # HAProxy names the Rasa process behind it on every response, the upgrade's too.
        assert all("x-rasa-process" in headers for headers in traffic.handshake_headers)


def test_with_websockets_refused_the_widget_long_polls(
    browser: object, hub: HubEndpoints, screenshot_dir: Path
) -> None:
    turns = THIRTEEN_TURNS[:FALLBACK_TURNS]
    traffic = record_conversation(browser, hub.web_url, turns, block_websocket=True)  # type: ignore[arg-type]
    record_traffic(screenshot_dir, "polling (WebSocket refused)", traffic)
    assert traffic.answered >= len(turns) - 1, traffic.as_dict()
    assert traffic.blocked_websockets >= 1
    assert traffic.websockets == 0
    assert traffic.polling_requests > len(turns), traffic.as_dict()


def test_a_greeting_lost_between_pages_is_asked_for_again(
    browser: object, hub: HubEndpoints
) -> None:
    """The visitor leaves the first page before its greeting arrives: the next page greets.

    The first page's socket drops what the bot sends, as when the page is gone by the time
    the answer comes; the session, already confirmed, is not new on the next page.
    """
    context = new_context(browser, "en", SIZES[0])  # type: ignore[arg-type]
    dropped: list[str | bytes] = []

    def drop_bot_messages(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        socket.on_message(server.send)

        def to_page(frame: str | bytes) -> None:
            if "bot_uttered" in str(frame):
                dropped.append(frame)
            else:
                socket.send(frame)

        server.on_message(to_page)

    try:
        first = context.new_page()
        first.route_web_socket(re.compile(r"/socket\.io/"), drop_bot_messages)
        first.goto(hub.web_url + PAGE_PATHS["en"])
        deadline = time.monotonic() + BOT_TIMEOUT_MS / 1000
        while not dropped and time.monotonic() < deadline:
            first.wait_for_timeout(50)  # lets Playwright deliver the socket's frames
        assert dropped, "the first page was never greeted"
        first.close()
        second = context.new_page()
        second.goto(hub.web_url + PAGE_PATHS["en"])
        open_chat(second)
        expect(second.locator(".hc-log > .hc-bot").first).to_contain_text("Hello")
    finally:
        context.close()
