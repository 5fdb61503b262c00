"""Issue 22, section 3, in a real browser: staff add a project in the console's editor.

Staff open Projects, add a project: saving without its Chinese name is refused and the field
says so; the preview shows the bot's card in en, zh and ru; saved, the project is in the list.
Then a visitor asks the widget for it by name and gets its card within a minute, with no
retraining and no restart. The editor's pages have no axe-core violations.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.a11y_support import (
    SIZES,
    assert_no_axe_violations,
    new_context,
    open_chat,
    say,
    screenshot,
)
from tests.browser.test_widget_and_console import _sign_in

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

#: Staff changes reach visitors within this many seconds (the issue's "within a minute").
DEADLINE_SECONDS = 60
NAMES = {"en": "Amber Glassworks", "zh": "琥珀玻璃厂项目", "ru": "Стекольный завод «Янтарь»"}
SUMMARIES = {
    "en": "A glassworks the hub signed in December.",
    "zh": "中心于十二月签约的玻璃厂。",
    "ru": "Стекольный завод, подписанный центром в декабре.",
}


def _fill_project(page: Page, project_id: str) -> None:
    page.get_by_label(re.compile(r"^Id ")).fill(project_id)
    for lang, language in (("en", "English"), ("zh", "Chinese"), ("ru", "Russian")):
        page.get_by_label(f"Name ({language})").fill(NAMES[lang])
        page.get_by_label(f"Summary ({language})").fill(SUMMARIES[lang])
    page.get_by_label("Manufacturing").check()
    page.get_by_label("Status").select_option("signed")


def test_staff_add_a_project_and_a_visitor_finds_it(
    browser: object, hub: HubEndpoints, screenshot_dir: Path
) -> None:
    project_id = f"amber-glassworks-{uuid.uuid4().hex[:6]}"
    context = new_context(browser, "en", SIZES[3])
    page = context.new_page()
    try:
        _sign_in(page, hub)
        page.get_by_role("link", name="Projects").click()
        expect(page).to_have_url(re.compile(r"/console/projects$"))
        assert_no_axe_violations(page, "/console/projects")
        page.get_by_test_id("new-project").click()

        _fill_project(page, project_id)
        page.get_by_label("Name (Chinese)").fill("")
        page.get_by_test_id("save-project").click()
        expect(page.get_by_test_id("project-errors")).to_be_visible()
        expect(page.get_by_label("Name (Chinese)")).to_have_attribute("aria-invalid", "true")
        assert_no_axe_violations(page, "the editor with a missing translation")

        page.get_by_label("Name (Chinese)").fill(NAMES["zh"])
        page.get_by_role("button", name="Preview").click()
        expect(page.get_by_test_id("preview-zh")).to_contain_text(NAMES["zh"])
        expect(page.get_by_test_id("preview-ru")).to_contain_text("сотрудники центра")
        assert_no_axe_violations(page, "the editor's preview")
        screenshot(page, screenshot_dir, "console-project-editor")

        page.get_by_test_id("save-project").click()
        expect(page.locator(".alert-ok")).to_contain_text("Saved")
        expect(page).to_have_url(re.compile(rf"/console/projects/{project_id}\?notice=saved$"))
    finally:
        context.close()

    visitor_context = new_context(browser, "en", SIZES[3])
    visitor = visitor_context.new_page()
    try:
        visitor.goto(f"{hub.web_url}/")
        open_chat(visitor)
        deadline = time.monotonic() + DEADLINE_SECONDS
        card = visitor.locator(".hc-log > .hc-bot", has_text=SUMMARIES["en"])
        while card.count() == 0 and time.monotonic() < deadline:
            say(visitor, f"Tell me about {NAMES['en']}")
        expect(card.last).to_be_visible()
    finally:
        visitor_context.close()
