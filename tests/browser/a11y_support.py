"""Helpers of the accessibility and layout suite: axe-core, viewports, the chat's turns.

axe-core comes from the npm registry (``web/package.json``), installed by ``npm ci`` into
``web/node_modules`` with the website's other browser assets; it is injected into the page
under test from there, never fetched from another host.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import REPO_ROOT
from tests.browser.test_widget_and_console import (
    BOT_MESSAGES,
    BOT_TIMEOUT_MS,
    _say,
    _wait_for_bot_turn,
)

AXE_PATH = REPO_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_PATHS = {"en": "/", "zh": "/zh/", "ru": "/ru/"}
SOURCES_PATHS = {"en": "/sources", "zh": "/zh/sources", "ru": "/ru/sources"}
LOCALES = {"en": "en-GB", "zh": "zh-CN", "ru": "ru-RU"}


@dataclass(frozen=True)
class Size:
    """A viewport, and whether it is a touch phone."""

    width: int
    height: int

    @property
    def phone(self) -> bool:
        """Phones are narrower than 600 px and have touch screens."""
        return self.width < 600

    @property
    def name(self) -> str:
        """E.g. ``360x740``."""
        return f"{self.width}x{self.height}"


SIZES = (Size(360, 740), Size(390, 844), Size(768, 1024), Size(1366, 768))


def new_context(
    browser: Browser, language: str, size: Size, storage_state: Any = None
) -> BrowserContext:
    """A fresh visitor in ``language`` at ``size`` (a touch phone below 600 px)."""
    context = browser.new_context(
        locale=LOCALES[language],
        viewport={"width": size.width, "height": size.height},
        is_mobile=size.phone,
        has_touch=size.phone,
        device_scale_factor=2 if size.phone else 1,
        bypass_csp=True,
        storage_state=storage_state,
    )
    context.set_default_timeout(BOT_TIMEOUT_MS)
    return context


def axe_violations(page: Page, context: str | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the page (or a part of it) with the WCAG A/AA tags; its violations."""
    if not AXE_PATH.is_file():
        pytest.fail(f"axe-core is missing at {AXE_PATH}: run `npm ci --prefix web`")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_PATH.read_text("utf-8"))
    result = page.evaluate(
        """async ([context, tags]) => {
          const options = {runOnly: {type: "tag", values: tags}};
          const results = await axe.run(context || document, options);
          return results.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
          }));
        }""",
        [context, AXE_TAGS],
    )
    return list(result)


def assert_no_axe_violations(page: Page, where: str) -> None:
    """Fail with every violation axe finds, readably."""
    violations = axe_violations(page)
    assert not violations, f"axe-core on {where}:\n" + json.dumps(violations, indent=1)[:6000]


def open_chat(page: Page) -> None:
    """Open the chat with the launcher; wait until it shows the greeting."""
    page.locator("[data-hc-launcher]").click()
    expect(page.locator("#hub-chat")).to_have_class(re.compile(r"\bhc-open\b"))
    expect(page.locator(".hc-log > .hc-bot").first).to_be_visible(timeout=BOT_TIMEOUT_MS)
    expect(page.locator(".hc-send")).to_be_enabled()


def say(page: Page, text: str) -> bool:
    """Send ``text`` and wait for the bot's whole turn (True if it answered)."""
    return _say(page, text)


def reply_with(page: Page, payload: str) -> bool:
    """Press the last answer's button that sends ``payload``; wait for the bot's turn."""
    before = page.locator(BOT_MESSAGES).count()
    page.locator(f'.hc-log > .hc-bot [data-payload="{payload}"]').last.click()
    return _wait_for_bot_turn(page, before)


def screenshot(page: Page, directory: Path, name: str) -> None:
    """A screenshot of the viewport, as a visitor sees it."""
    page.screenshot(path=str(directory / f"{name}.png"))


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: none)."""
    return int(
        page.evaluate(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - window.innerWidth"
        )
    )


#: The page's height and where its content ends: the lowest bottom edge of any element in
#: the flow (not fixed), plus the body's bottom padding (room for the launcher).
PAGE_EXTENT_JS = """() => {
  let bottom = 0;
  for (const node of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(node);
    if (style.position === "fixed" || style.display === "none") continue;
    if (node.closest(".hc-log")) continue;
    const rect = node.getBoundingClientRect();
    if (rect.width && rect.height) bottom = Math.max(bottom, rect.bottom + window.scrollY);
  }
  const padding = parseFloat(getComputedStyle(document.body).paddingBottom) || 0;
  return {height: document.documentElement.scrollHeight, contentEnd: Math.ceil(bottom + padding),
          width: document.documentElement.scrollWidth, viewport: window.innerWidth};
}"""


def page_extent(page: Page) -> dict[str, int]:
    """``{height, contentEnd, width, viewport}`` of the page, in CSS pixels."""
    return dict(page.evaluate(PAGE_EXTENT_JS))


def in_viewport(page: Page, selector: str) -> bool:
    """Whether the element's box is wholly inside the viewport."""
    return bool(
        page.evaluate(
            """(selector) => {
              const node = document.querySelector(selector);
              if (!node) return false;
              const r = node.getBoundingClientRect();
              return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                && r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1;
            }""",
            selector,
        )
    )


def record_measurement(directory: Path, measurement: dict[str, Any]) -> None:
    """Append one page's measurement to ``layout-measurements.jsonl`` beside the screenshots."""
    with (directory / "layout-measurements.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(measurement, ensure_ascii=False) + "\n")
