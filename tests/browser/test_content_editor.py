"""Issue 22, section 3, in a real browser: staff correct a service in the content editor.

Staff open "Services & contacts", edit the legal service: saving without its Chinese
description is refused and the field says so; the preview shows the bot's answer in en, zh and
ru, cited to the hub's staff; saved, the audit log names who changed which field. A visitor
asking the widget about legal services gets the new description within a minute, with no
retraining and no restart. The seed's text is saved back at the end, which cites the seed's
press release again. The editor's pages have no axe-core violations; the preview is the
README's picture, ``docs/images/content-editor.png``.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

import pytest

from tests.browser.a11y_support import (
    SIZES,
    assert_no_axe_violations,
    new_context,
    open_chat,
    say,
)
from tests.browser.conftest import REPO_ROOT
from tests.browser.test_widget_and_console import _sign_in

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

#: Staff changes reach visitors within this many seconds (the issue's "within a minute").
DEADLINE_SECONDS = 60
#: The README's picture of the editor.
PICTURE = REPO_ROOT / "docs" / "images" / "content-editor.png"
EDIT_PATH = "/console/content/services/legal"
#: What the test's staff write: a statement about the edit itself, not a fact about the hub.
NEW_EN = "This description was corrected by the hub's staff in the console."


def _save_description(page: Page, hub: HubEndpoints, english: str) -> None:
    page.goto(hub.web_url + EDIT_PATH)
    page.get_by_label("Description (English)").fill(english)
    page.get_by_test_id("save-content").click()
    expect(page.get_by_test_id("content-saved")).to_be_visible()


def test_staff_correct_a_service_and_a_visitor_gets_it(browser: object, hub: HubEndpoints) -> None:
    context = new_context(browser, "en", SIZES[3])
    page = context.new_page()
    original = ""
    try:
        _sign_in(page, hub)
        page.get_by_role("link", name="Services & contacts").click()
        expect(page).to_have_url(re.compile(r"/console/content$"))
        expect(page.get_by_test_id("content-services")).to_contain_text("press release")
        assert_no_axe_violations(page, "/console/content")
        page.locator(f'a[href="{EDIT_PATH}"]').click()
        original = page.get_by_label("Description (English)").input_value()
        chinese = page.get_by_label("Description (Chinese)").input_value()
        assert original and chinese

        page.get_by_label("Description (English)").fill(NEW_EN)
        page.get_by_label("Description (Chinese)").fill("")
        page.get_by_test_id("save-content").click()
        expect(page.get_by_test_id("content-errors")).to_be_visible()
        expect(page.get_by_label("Description (Chinese)")).to_have_attribute("aria-invalid", "true")
        assert_no_axe_violations(page, "the content editor with a missing translation")

        page.get_by_label("Description (Chinese)").fill(chinese)
        page.get_by_role("button", name="Preview").click()
        expect(page.get_by_test_id("preview-en")).to_contain_text(NEW_EN)
        expect(page.get_by_test_id("preview-en")).to_contain_text("Source: hub staff")
        expect(page.get_by_test_id("preview-zh")).to_contain_text("来源：中心工作人员")
        assert_no_axe_violations(page, "the content editor's preview")
        PICTURE.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(PICTURE), full_page=True)

        page.get_by_test_id("save-content").click()
        expect(page.get_by_test_id("content-saved")).to_be_visible()
        expect(page.get_by_role("cell", name="Description (English)").first).to_be_visible()
        assert_no_axe_violations(page, "the content editor after saving, with its changes")

        page.get_by_role("link", name="Audit log").click()
        row = page.locator('tr[data-action="edit"]').first
        expect(row).to_contain_text('Service "Legal services" (legal): Description (English)')
        expect(row).to_contain_text(hub.staff_user)

        visitor_context = new_context(browser, "en", SIZES[3])
        visitor = visitor_context.new_page()
        try:
            visitor.goto(f"{hub.web_url}/")
            open_chat(visitor)
            answer = visitor.locator(".hc-log > .hc-bot", has_text=NEW_EN)
            deadline = time.monotonic() + DEADLINE_SECONDS
            while answer.count() == 0 and time.monotonic() < deadline:
                say(visitor, "What legal services does the hub offer?")
            expect(answer.last).to_be_visible()
        finally:
            visitor_context.close()
    finally:
        if original:
            _save_description(page, hub, original)
            expect(page.get_by_text(re.compile(r"Now: press release"))).to_be_visible()
        context.close()
