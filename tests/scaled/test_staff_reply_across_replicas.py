"""In a real browser: a staff reply sent through Rasa replica A reaches a visitor on replica B.

The website's widget talks socket.io to replica B (`RASA_PUBLIC_URL`), the staff console
calls replica A's HTTP API (`RASA_URL`), as behind a load balancer that sent them to
different replicas. The visitor asks for a person on the Chinese page, staff reply from
the console, and the visitor sees the reply. Screenshots go to `test-artifacts/screenshots/`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from stack.profiles.default import Stack
from tests.browser.conftest import HubEndpoints, browser, screenshot_dir
from tests.conftest import model_path
from tests.scaled.replicas import REPLICA_B_PORT, replica_stack, start_replicas

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Request, WebSocket, expect

from tests.browser.test_widget_and_console import (
    FORM_ANSWER_TIMEOUT_MS,
    HANDOFF_MESSAGES,
    _new_page,
    _open_waiting_conversation,
    _say,
    _sign_in,
)

__all__ = ["browser", "screenshot_dir"]  # the browser tests' fixtures, used here as well


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole stack with two Rasa replicas: the website's console on A, its widget on B."""
    stack = replica_stack(model_path(), tmp_path_factory.mktemp("scaled"), with_web=True)
    if not any(service.name == "web" for service in stack.services):
        pytest.skip("the website's environment (web/.venv) is missing")
    start_replicas(stack, ["catalogue", "actions", "web"])
    yield stack
    stack.stop()


def test_a_staff_reply_through_replica_a_reaches_the_browser_on_replica_b(
    browser: object, scaled: Stack, screenshot_dir: Path
) -> None:
    hub = HubEndpoints(
        web_url=scaled.url("web"),
        staff_user=scaled.secrets.staff_user,
        staff_password=scaled.secrets.staff_password,
    )
    socket_ports: set[int | None] = set()

    def note_socket_request(request: Request) -> None:
        if "/socket.io/" in request.url:
            socket_ports.add(urlsplit(request.url).port)

    def note_websocket(websocket: WebSocket) -> None:  # the widget's socket.io, upgraded
        if "/socket.io/" in websocket.url:
            socket_ports.add(urlsplit(websocket.url).port)

    visitor_context, visitor = _new_page(browser, "zh-CN")
    staff_context, staff = _new_page(browser, "en-GB")
    visitor.on("request", note_socket_request)
    visitor.on("websocket", note_websocket)
    try:
        visitor.goto(f"{hub.web_url}/zh/")
        expect(visitor.locator(".hc-log > .hc-bot").first).to_be_visible()
        expect(visitor.locator("#hub-chat")).to_have_attribute("data-session-id", re.compile("."))
        conversation_id = visitor.locator("#hub-chat").get_attribute("data-session-id")
        assert conversation_id

        request, *form_answers = HANDOFF_MESSAGES
        assert _say(visitor, request), "the bot did not answer the request for a person"
        for answer in form_answers:
            if not _say(visitor, answer, timeout_ms=FORM_ANSWER_TIMEOUT_MS):
                break
        assert socket_ports == {REPLICA_B_PORT}, "the widget must talk to replica B only"

        _sign_in(staff, hub)
        expect(staff.get_by_test_id("staff-user")).to_have_text(hub.staff_user)
        article = _open_waiting_conversation(staff, hub, conversation_id)
        reply = f"您好，我是中心工作人员（副本 A）。参考号 {uuid.uuid4().hex[:6]}"
        article.get_by_role("textbox").fill(reply)
        article.get_by_role("button", name="Send reply").click()
        expect(staff.get_by_role("status").filter(has_text="Reply sent.")).to_be_visible()

        expect(visitor.locator(".hc-log > .hc-staff").last).to_contain_text(reply)
        assert socket_ports == {REPLICA_B_PORT}
        visitor.screenshot(path=str(screenshot_dir / "widget-zh-staff-reply-across-replicas.png"))
    finally:
        visitor_context.close()
        staff_context.close()
