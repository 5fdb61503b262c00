"""A visitor waiting for a person, on both sides, in a real headless Chromium (issue 21, item 9
and issue 22, section 1).

Staff have a console page open; a visitor on the English page asks for a person. The console's
badge counts the visitor within seconds and the page notifies (a browser notification and a
sound, both recorded by stubs); the widget says when staff answer, with the office hours in
Qingdao time, shows no typing indicator while nobody types, says "a member of staff has joined"
before the first staff reply and "the assistant is back" after the hand-back. The e-mail about the
visitor reaches the test's SMTP server within seconds too, and staff answer from its link.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.browser.conftest import HubEndpoints
    from tests.mail_catcher import CaughtMail, MailCatcher

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from tests.browser.test_widget_and_console import (
    FORM_ANSWER_TIMEOUT_MS,
    _new_page,
    _say,
    _sign_in,
)
from tests.mail_catcher import STAFF_ALERT_ADDRESS

HANDOFF_MESSAGES = (
    "I want to talk to a person",
    "Aigerim Bekova",
    "Example Trading LLC",
    "Kazakhstan",
    "aigerim@example.com",
    "medical projects",
    "yes",
)
#: Within seconds: the console polls every 3 s, the widget asks once.
ALERT_TIMEOUT_MS = 15_000
#: The website looks for alerts every 0.5 s in the test stack and sends at once.
MAIL_TIMEOUT_SECONDS = 15.0
WAITING_SUBJECT = "A visitor is waiting for a member of staff"
CONSOLE_LINK = re.compile(r"^(https?://\S+/console/handoffs#(conversation-[\w-]+))$", re.M)
#: Records when the badge first counts more visitors than it did (the page's clock, epoch ms).
WATCH_BADGE_JS = """() => {
  const badge = document.querySelector("[data-alert-badge]");
  const count = () => (badge.hidden ? 0 : parseInt(badge.textContent, 10) || 0);
  const before = count();
  window.__hubBadgeRoseAt = null;
  new MutationObserver(() => {
    if (window.__hubBadgeRoseAt === null && count() > before) window.__hubBadgeRoseAt = Date.now();
  }).observe(badge, { attributes: true, childList: true, subtree: true, characterData: true });
}"""
#: Replaces the browser's notifications and sounds with recorders (headless Chromium has none).
RECORD_ALERTS_JS = """
window.__hubNotifications = [];
window.__hubSounds = 0;
window.Notification = class {
  constructor(title) { window.__hubNotifications.push(title); }
  static get permission() { return "granted"; }
  static requestPermission() { return Promise.resolve("granted"); }
};
HTMLMediaElement.prototype.play = function () {
  window.__hubSounds += 1;
  return Promise.resolve();
};
"""


def _is_new_waiting_mail(seen: set[str]) -> Callable[[CaughtMail], bool]:
    return lambda mail: (
        mail.name not in seen and str(mail.message["Subject"]).startswith(WAITING_SUBJECT)
    )


def test_a_waiting_visitor_is_seen_by_staff_and_told_what_happens(
    browser: object, hub: HubEndpoints, staff_inbox: MailCatcher
) -> None:
    staff_context, staff = _new_page(browser, "en-GB")
    visitor_context, visitor = _new_page(browser, "en-GB")
    staff_context.add_init_script(RECORD_ALERTS_JS)
    try:
        _sign_in(staff, hub)
        staff.goto(f"{hub.web_url}/console/leads")
        # The page has read the alerts once (history is never announced).
        staff.wait_for_function("() => localStorage.getItem('hubConsoleAlertSeen') !== null")
        staff.evaluate(WATCH_BADGE_JS)
        mails_before = {mail.name for mail in staff_inbox.messages()}

        visitor.goto(f"{hub.web_url}/")
        expect(visitor.locator("#hub-chat")).to_have_attribute("data-session-id", re.compile("."))
        conversation_id = visitor.locator("#hub-chat").get_attribute("data-session-id")
        request, *form_answers = HANDOFF_MESSAGES
        asked_at = time.time()
        assert _say(visitor, request), "the bot did not answer the request for a person"
        for answer in form_answers:
            # The last message sent completes the request (the form's confirmation).
            confirmed_at = time.time()
            if not _say(visitor, answer, timeout_ms=FORM_ANSWER_TIMEOUT_MS):
                break

        # The widget: a member of staff will answer here, with the office hours in Qingdao time
        # (open or closed: both name the hours the website serves).
        hours = visitor.request.get(f"{hub.web_url}/chat/office-hours?lang=en").json()
        note = visitor.locator(".hc-log > .hc-note").last
        expect(note).to_contain_text(f"Office hours: {hours['hours']} (Qingdao time)")
        if hours["open"]:
            expect(note).to_contain_text("A member of staff will answer here.")
        else:
            expect(note).to_contain_text("Our office is closed now.")
            expect(note).to_contain_text("will reply by e-mail")
        # No typing indicator while nobody types.
        visitor.get_by_role("textbox").fill("Is anyone there?")
        visitor.locator(".hc-send").click()
        expect(visitor.locator(".hc-log > .hc-user").last).to_have_text(re.compile("anyone"))
        expect(visitor.locator(".hc-typing")).to_be_hidden()

        # The console, without a reload: the badge, a notification and a sound.
        badge = staff.get_by_test_id("waiting-badge")
        expect(badge).to_be_visible(timeout=ALERT_TIMEOUT_MS)
        expect(badge).to_have_text(re.compile(r"^[1-9]\d* waiting$"))
        staff.wait_for_function(
            "() => window.__hubNotifications.includes("
            "'A visitor is waiting for a member of staff') && window.__hubSounds > 0",
            timeout=ALERT_TIMEOUT_MS,
        )

        badge_ms = staff.evaluate("() => window.__hubBadgeRoseAt")
        assert badge_ms, "the badge never counted one more visitor"
        badge_at = badge_ms / 1000

        # The e-mail about this visitor, with the link to the conversation in the console.
        mail = staff_inbox.wait_for(_is_new_waiting_mail(mails_before), MAIL_TIMEOUT_SECONDS)
        assert mail.message["To"] == STAFF_ALERT_ADDRESS
        link = CONSOLE_LINK.search(mail.body)
        assert link, f"no console link in the e-mail:\n{mail.body}"
        assert link[1].startswith(f"{hub.web_url}/console/handoffs#")
        for name, moment in (("badge", badge_at), ("e-mail", mail.arrived_at)):
            print(
                f"{name}: {moment - confirmed_at:.2f} s after the visitor confirmed the request"
                f" ({moment - asked_at:.2f} s after asking, form included)"
            )
        assert mail.arrived_at - confirmed_at < MAIL_TIMEOUT_SECONDS

        # Staff open the link (signed in): the handoff page, at the visitor's conversation; the
        # page says how long the visitor has waited; staff reply there.
        staff.goto(link[1])
        article = staff.locator(f"article#{link[2]}")
        expect(article).to_be_visible(timeout=ALERT_TIMEOUT_MS)
        expect(article).to_have_attribute("data-conversation-id", conversation_id or "")
        expect(article.get_by_test_id("waited")).to_contain_text("Waiting for")
        reply = f"Hello, this is the hub's staff. Ref {uuid.uuid4().hex[:6]}"
        article.get_by_role("textbox").fill(reply)
        article.get_by_role("button", name="Send reply").click()

        # The widget: "a member of staff has joined", then their reply.
        staff_message = visitor.locator(".hc-log > .hc-staff").last
        expect(staff_message).to_contain_text(reply, timeout=ALERT_TIMEOUT_MS)
        joined = visitor.locator(".hc-log > .hc-note", has_text="has joined the chat")
        expect(joined).to_have_count(1)
        order = visitor.locator(".hc-log > *").evaluate_all(
            "(items) => items.map((item) => item.className + ' ' + item.textContent)"
        )
        joined_at = next(i for i, item in enumerate(order) if "has joined the chat" in item)
        assert reply in order[joined_at + 1], "the note is not just before the staff reply"

        # Staff hand back: the visitor is told the assistant is back.
        article = staff.locator(f'article[data-conversation-id="{conversation_id}"]')
        article.get_by_role("button", name="Hand back to the bot").click()
        expect(visitor.locator(".hc-log > .hc-bot").last).to_contain_text(
            "The assistant is back", timeout=ALERT_TIMEOUT_MS
        )
    finally:
        visitor_context.close()
        staff_context.close()
