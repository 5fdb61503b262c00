"""Layouts at 360×740, 390×844, 768×1024 and 1366×768 in en, zh and ru (issue 21).

Per language, one visitor holds a 15-turn conversation that ends with a search; the
conversation (kept by the widget in localStorage) is then opened at every size. At each
size: no horizontal overflow, the page no taller than its content, the launcher on the first
screen; with the chat open, the message box and the last answer on screen. Screenshots of
each size, chat closed and open, go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from tests.browser.a11y_support import (
    PAGE_PATHS,
    SIZES,
    SOURCES_PATHS,
    Size,
    horizontal_overflow,
    in_viewport,
    new_context,
    open_chat,
    page_extent,
    record_measurement,
    say,
    screenshot,
)

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

#: 15 turns that stay out of the lead form, the last one a search (cards and a source).
CONVERSATIONS = {
    "en": (
        "hello",
        "What projects do you have?",
        "Tell me about the first one",
        "Are there medical projects?",
        "What services do you offer?",
        "Do you help with visas?",
        "Tell me about the hub",
        "How much investment was signed?",
        "Who can I contact?",
        "Logistics projects",
        "The second one",
        "What about legal services?",
        "Infrastructure projects",
        "Thanks",
        "Digital economy projects",
    ),
    "zh": (
        "你好",
        "有哪些项目？",
        "第一个项目介绍一下",
        "有医疗项目吗?",
        "你们提供哪些服务？",
        "能帮忙办签证吗？",
        "介绍一下中心",
        "签约了多少投资？",
        "怎么联系你们？",
        "物流项目有哪些",
        "第二个",
        "法律服务呢？",
        "基础设施项目",
        "谢谢",
        "数字经济项目",
    ),
    "ru": (
        "Здравствуйте",
        "Какие есть проекты?",
        "Расскажите о первом",
        "Есть медицинские проекты?",
        "Какие услуги вы предлагаете?",
        "Помогаете с визами?",
        "Расскажите о центре",
        "Сколько инвестиций подписано?",
        "С кем связаться?",
        "Проекты в логистике",
        "Второй",
        "А юридические услуги?",
        "Инфраструктурные проекты",
        "Спасибо",
        "Проекты цифровой экономики",
    ),
}
#: Room for rounding: a page may end this many CSS pixels below its content.
SLACK_PX = 24
_conversations: dict[str, Any] = {}


def _conversation(browser: object, hub: HubEndpoints, language: str) -> Any:
    """The browser storage of a visitor after 15 turns in ``language`` (once per language)."""
    if language not in _conversations:
        context = new_context(browser, language, SIZES[3])
        page = context.new_page()
        try:
            page.goto(hub.web_url + PAGE_PATHS[language])
            open_chat(page)
            answered = sum(say(page, text) for text in CONVERSATIONS[language])
            assert answered >= 14, f"only {answered} of 15 turns answered"
            expect(page.locator(".hc-log > .hc-user")).to_have_count(15)
            _conversations[language] = context.storage_state()
        finally:
            context.close()
    return _conversations[language]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: size.name)
@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_layout_after_a_conversation(
    browser: object, hub: HubEndpoints, screenshot_dir: Path, language: str, size: Size
) -> None:
    state = _conversation(browser, hub, language)
    context = new_context(browser, language, size, storage_state=state)
    page = context.new_page()
    name = f"layout-{language}-{size.name}"
    try:
        page.goto(hub.web_url + PAGE_PATHS[language])
        expect(page.locator(".hc-log > .hc-user")).to_have_count(15)
        expect(page.locator(".hc-send")).to_be_enabled()
        extent = page_extent(page)
        record_measurement(screenshot_dir, {"page": name, **extent})
        assert horizontal_overflow(page) <= 0, f"{name}: page is {extent['width']} px wide"
        assert extent["height"] <= max(extent["contentEnd"], size.height) + SLACK_PX, (
            f"{name}: page is {extent['height']} px tall, its content ends at "
            f"{extent['contentEnd']} px"
        )
        assert in_viewport(page, "[data-hc-launcher]"), f"{name}: launcher off the first screen"
        screenshot(page, screenshot_dir, f"{name}-closed")

        open_chat(page)
        assert in_viewport(page, ".hc-input"), f"{name}: message box off screen"
        assert in_viewport(page, ".hc-send"), f"{name}: send button off screen"
        last = page.locator(".hc-log > .hc-bot").last
        box, log_box = last.bounding_box(), page.locator(".hc-log").bounding_box()
        assert box and log_box and box["y"] + box["height"] <= log_box["y"] + log_box["height"] + 1
        assert horizontal_overflow(page) <= 0, f"{name}: chat wider than the screen"
        # The search answer ends with its one-line source under the last card, on screen.
        source = page.locator(".hc-log .hc-source").last
        expect(source).to_be_visible()
        assert re.search(r"2021", source.inner_text())
        expect(source.locator("a").first).to_have_attribute(
            "href", re.compile(r"sources#press-release-2021-\d\d-\d\d$")
        )
        assert in_viewport(page, ".hc-log > .hc-bot:last-child .hc-source"), (
            f"{name}: the last answer's source is off screen"
        )
        screenshot(page, screenshot_dir, f"{name}-open")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_the_sources_page_at_phone_width(
    browser: object, hub: HubEndpoints, screenshot_dir: Path, language: str
) -> None:
    """The Sources page: no overflow at 360 px, and its launcher opens the same chat."""
    state = _conversation(browser, hub, language)
    context = new_context(browser, language, SIZES[0], storage_state=state)
    page = context.new_page()
    try:
        page.goto(hub.web_url + SOURCES_PATHS[language] + "#press-release-2021-04-20")
        assert horizontal_overflow(page) <= 0
        assert in_viewport(page, "[data-hc-launcher]")
        expect(page.locator("#hub-chat")).to_be_hidden()
        open_chat(page)
        expect(page.locator(".hc-log > .hc-user")).to_have_count(15)
        page.keyboard.press("Escape")
        expect(page.locator("#hub-chat")).to_be_hidden()
        expect(page.locator("[data-hc-launcher]")).to_be_focused()
        screenshot(page, screenshot_dir, f"sources-{language}-{SIZES[0].name}")
    finally:
        context.close()
