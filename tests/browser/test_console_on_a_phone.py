"""The staff console at 360×740: every page fits the screen's width, in words, signed in.

Hub staff answer a waiting visitor from their phone too. Wide tables scroll inside their own
region; the page itself never scrolls sideways. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from tests.browser.a11y_support import SIZES, horizontal_overflow, new_context, screenshot
from tests.browser.test_widget_and_console import _sign_in

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

CONSOLE_PAGES = (
    "/console/leads",
    "/console/handoffs",
    "/console/charts",
    "/console/review",
    "/console/audit",
    "/console/projects",
    "/console/projects/new",
)

#: Visible elements that stick out of the screen's width, outside a region that scrolls.
ELEMENTS_PAST_THE_EDGE_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (node) => {
    for (let parent = node.parentElement; parent && parent !== document.body;
         parent = parent.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(parent).overflowX)) return true;
    }
    return false;
  };
  const found = [];
  for (const node of document.body.querySelectorAll("*")) {
    const box = node.getBoundingClientRect();
    // Tiny, or wholly off-screen on purpose (the skip link until it is focused).
    if (box.width <= 1 || box.height <= 1 || box.right <= 0) continue;
    if ((box.right > width + 1 || box.left < -1) && !scrolls(node)) {
      found.push(`${node.tagName.toLowerCase()}.${node.className} (${Math.round(box.right)} px)`);
    }
  }
  return found.slice(0, 5);
}"""


def test_every_console_page_fits_a_phone(
    browser: object, hub: HubEndpoints, screenshot_dir: Path
) -> None:
    phone = SIZES[0]
    context = new_context(browser, "en", phone)
    page = context.new_page()
    try:
        page.goto(f"{hub.web_url}/console/login")
        assert horizontal_overflow(page) == 0, "/console/login"
        _sign_in(page, hub)
        expect(page.get_by_test_id("staff-user")).to_have_text(hub.staff_user)
        overflowing = {}
        for path in CONSOLE_PAGES:
            page.goto(hub.web_url + path)
            past_the_edge = page.evaluate(ELEMENTS_PAST_THE_EDGE_JS)
            if (extra := horizontal_overflow(page)) or past_the_edge:
                overflowing[path] = (extra, past_the_edge)
            name = path.strip("/").replace("/", "-")
            screenshot(page, screenshot_dir, f"{name}-{phone.width}x{phone.height}")
        assert overflowing == {}, f"wider than {phone.width} px (page, elements): {overflowing}"
    finally:
        context.close()
