"""The chat widget and the staff console in a real headless Chromium, against the whole stack.

Scenario: a visitor on the Chinese page asks for medical projects and gets project cards in
Chinese, asks for a person, a member of staff signs in (second browser context), replies in
the live conversation, the visitor sees the reply, staff hand the conversation back and the
bot answers again. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PROJECTS_QUESTION = "有医疗项目吗?"
#: What the visitor types to reach a person: the request, then answers to the bot's lead form
#: (name, company, country, contact, interest, consent) for as long as the bot keeps asking.
HANDOFF_MESSAGES = (
    "转人工",
    "王伟",
    "Example Trading LLC",
    "哈萨克斯坦",
    "wang.wei@example.com",
    "医疗项目",
    "是的",
)
MEDICAL_PROJECT_IDS = {"xinhong-medical-industry", "medical-logistics-park"}
CJK = re.compile(r"[\u4e00-\u9fff]")
BOT_TIMEOUT_MS = 30_000
#: A paused bot stays silent: a form answer without a reply in this time means handed over.
FORM_ANSWER_TIMEOUT_MS = 12_000
HANDOFF_TIMEOUT_MS = 45_000


def _new_page(browser: object, locale: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(BOT_TIMEOUT_MS)
    return context, context.new_page()


BOT_MESSAGES = ".hc-log > .hc-bot, .hc-log > .hc-staff"
#: True once more than ``before`` bot messages are shown and the log has not changed for
#: ``quietMs``: Rasa sends a turn's messages one by one, with no end-of-turn event.
TURN_DONE_JS = """([selector, before, quietMs]) => {
  const log = document.querySelector(".hc-log");
  const count = document.querySelectorAll(selector).length;
  const shape = `${log.children.length}:${log.innerHTML.length}`;
  const now = performance.now();
  const seen = window.__hubTurn;
  if (!seen || seen.shape !== shape) {
    window.__hubTurn = { shape, since: now };
    return false;
  }
  return count > before && now - seen.since >= quietMs;
}"""
TURN_QUIET_MS = 1000


def _bot_messages(page: Page) -> int:
    return page.locator(BOT_MESSAGES).count()


def _wait_for_bot_turn(page: Page, before: int, timeout_ms: int = BOT_TIMEOUT_MS) -> bool:
    """Wait until the bot has answered (more than ``before`` messages) and finished its turn."""
    try:
        page.wait_for_function(
            TURN_DONE_JS, arg=[BOT_MESSAGES, before, TURN_QUIET_MS], timeout=timeout_ms
        )
    except PlaywrightTimeoutError:
        return False
    return True


def _say(page: Page, text: str, timeout_ms: int = BOT_TIMEOUT_MS) -> bool:
    """Type a message into the widget; return whether the bot answered within the timeout."""
    before = _bot_messages(page)
    page.get_by_role("textbox").fill(text)
    page.locator(".hc-send").click()
    expect(page.locator(".hc-log > .hc-user").last).to_have_text(re.compile(re.escape(text)))
    return _wait_for_bot_turn(page, before, timeout_ms)


def _sign_in(page: Page, hub: HubEndpoints, password: str | None = None) -> None:
    page.goto(f"{hub.web_url}/console/login")
    page.get_by_label("User name").fill(hub.staff_user)
    page.get_by_label("Password").fill(hub.staff_password if password is None else password)
    page.get_by_role("button", name="Sign in").click()


def _open_waiting_conversation(page: Page, hub: HubEndpoints, conversation_id: str) -> object:
    """Open the handoff page and wait until the visitor's conversation waits there.

    The page polls the console's API and reloads itself when the waiting list changes.
    """
    page.goto(f"{hub.web_url}/console/handoffs")
    article = page.locator(f'article[data-conversation-id="{conversation_id}"]')
    expect(article, "the conversation never appeared under Live handoff").to_be_visible(
        timeout=HANDOFF_TIMEOUT_MS
    )
    return article


def test_visitor_staff_handoff_round_trip(
    browser: object, hub: HubEndpoints, screenshot_dir: Path
) -> None:
    visitor_context, visitor = _new_page(browser, "zh-CN")
    staff_context, staff = _new_page(browser, "en-GB")
    try:
        # (1) The Chinese page greets in Chinese; medical projects come back as Chinese cards.
        visitor.goto(f"{hub.web_url}/zh/")
        expect(visitor.locator("html")).to_have_attribute("lang", "zh-Hans")
        # The hub's figures come from the catalogue API, in Chinese.
        expect(visitor.locator(".figures .figure strong").first).to_have_text(CJK)
        expect(visitor.locator(".hc-log > .hc-bot").first).to_be_visible()
        expect(visitor.locator(".hc-log > .hc-bot").first).to_have_text(CJK)
        expect(visitor.locator("#hub-chat")).to_have_attribute("data-session-id", re.compile("."))
        conversation_id = visitor.locator("#hub-chat").get_attribute("data-session-id")
        assert conversation_id

        assert _say(visitor, PROJECTS_QUESTION)
        cards = visitor.locator(".hc-card")
        expect(cards.first).to_be_visible()
        shown_ids = {cards.nth(i).get_attribute("data-project-id") for i in range(cards.count())}
        assert shown_ids & MEDICAL_PROJECT_IDS, f"no medical project among {shown_ids}"
        for i in range(cards.count()):
            expect(cards.nth(i).locator(".hc-card-title")).to_have_text(CJK)
            expect(cards.nth(i).locator(".hc-card-action")).to_be_visible()
        visitor.screenshot(path=str(screenshot_dir / "widget-zh-project-cards.png"))

        # A card's button asks the bot for that project's details.
        before = _bot_messages(visitor)
        details_button = cards.first.locator(".hc-card-action")
        details_title = details_button.inner_text()
        details_button.click()
        expect(visitor.locator(".hc-user .hc-bubble").last).to_have_text(details_title)
        assert _wait_for_bot_turn(visitor, before), "the bot did not answer the details button"

        # The conversation survives a reload.
        visitor.reload()
        expect(visitor.locator(".hc-card").first).to_be_visible()
        expect(visitor.locator("#hub-chat")).to_have_attribute("data-session-id", conversation_id)

        # (2) The visitor asks for a person.
        request, *form_answers = HANDOFF_MESSAGES
        assert _say(visitor, request), "the bot did not answer the request for a person"
        for answer in form_answers:
            if not _say(visitor, answer, timeout_ms=FORM_ANSWER_TIMEOUT_MS):
                break
        visitor.screenshot(path=str(screenshot_dir / "widget-zh-handoff-requested.png"))

        # (3) Staff sign in, find the waiting conversation and reply.
        _sign_in(staff, hub)
        expect(staff.get_by_test_id("staff-user")).to_have_text(hub.staff_user)
        article = _open_waiting_conversation(staff, hub, conversation_id)
        expect(article.locator(".transcript")).to_contain_text(PROJECTS_QUESTION)
        reply = f"您好，我是中心工作人员。参考号 {uuid.uuid4().hex[:6]}"
        article.get_by_role("textbox").fill(reply)
        article.get_by_role("button", name="Send reply").click()
        expect(staff.get_by_role("status").filter(has_text="Reply sent.")).to_be_visible()
        article = staff.locator(f'article[data-conversation-id="{conversation_id}"]')
        expect(article.locator(".line-staff").last).to_contain_text(reply)
        staff.screenshot(path=str(screenshot_dir / "console-live-handoff.png"), full_page=True)

        # (4) The visitor sees the reply, marked as coming from hub staff.
        staff_message = visitor.locator(".hc-log > .hc-staff").last
        expect(staff_message).to_contain_text(reply)
        visitor.screenshot(path=str(screenshot_dir / "widget-zh-staff-reply.png"))

        # (5) Staff hand the conversation back; the bot answers the next question.
        article.get_by_role("button", name="Hand back to the bot").click()
        expect(staff.get_by_role("status").filter(has_text="back with the bot")).to_be_visible()
        expect(staff.locator(f'article[data-conversation-id="{conversation_id}"]')).to_have_count(0)

        cards_before = visitor.locator(".hc-card").count()
        assert _say(visitor, PROJECTS_QUESTION), "the bot did not answer after the hand-back"
        expect(visitor.locator(".hc-card")).not_to_have_count(cards_before)
        assert visitor.locator(".hc-card").count() > cards_before
        visitor.screenshot(path=str(screenshot_dir / "widget-zh-after-handback.png"))

        # The console's other pages work for the same lead data.
        staff.goto(f"{hub.web_url}/console/leads?handoff=true")
        expect(staff.locator("table.data-table tbody tr").first).to_be_visible()
        staff.screenshot(path=str(screenshot_dir / "console-leads.png"), full_page=True)
        staff.goto(f"{hub.web_url}/console/charts")
        for figure in staff.locator("figure.chart").all():
            expect(figure).to_have_attribute("data-loaded", re.compile("true"))
        staff.screenshot(path=str(screenshot_dir / "console-charts.png"), full_page=True)
    finally:
        visitor_context.close()
        staff_context.close()


def test_wrong_password_is_refused(
    browser: object, hub: HubEndpoints, screenshot_dir: Path
) -> None:
    context, page = _new_page(browser, "en-GB")
    try:
        _sign_in(page, hub, password="not-the-password-" + uuid.uuid4().hex[:8])
        expect(page.get_by_test_id("login-error")).to_contain_text("Wrong user name or password")
        assert "/console/login" in page.url
        page.screenshot(path=str(screenshot_dir / "console-wrong-password.png"))
        page.goto(f"{hub.web_url}/console/leads")
        assert "/console/login" in page.url
    finally:
        context.close()


def test_console_refuses_visitors_without_sign_in(browser: object, hub: HubEndpoints) -> None:
    context, page = _new_page(browser, "en-GB")
    try:
        for path in ("/console/leads", "/console/handoffs", "/console/charts"):
            page.goto(f"{hub.web_url}{path}")
            assert page.url.startswith(f"{hub.web_url}/console/login"), path
            expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()
        for path in (
            "/console/api/leads",
            "/console/api/handoffs",
            "/console/api/charts/leads-per-week",
            "/console/leads.csv",
        ):
            response = context.request.get(f"{hub.web_url}{path}", max_redirects=0)
            assert response.status in {401, 303}, (path, response.status)
            if path.startswith("/console/api/"):
                assert response.status == 401
    finally:
        context.close()
