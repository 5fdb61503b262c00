"""WCAG 2.2 AA checks with axe-core, and the chat by keyboard alone (issue 21).

axe-core runs with the tags ``wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa`` and must find
nothing on: each language's home page with the chat fresh, after a search, a project's
details, the lead form and a request for a person; each Sources page; every console page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

from tests.browser.a11y_support import (
    PAGE_PATHS,
    SIZES,
    SOURCES_PATHS,
    Size,
    assert_no_axe_violations,
    new_context,
    open_chat,
    reply_with,
    say,
    screenshot,
)
from tests.browser.test_widget_and_console import (
    FORM_ANSWER_TIMEOUT_MS,
    HANDOFF_MESSAGES,
    _say,
    _sign_in,
    _wait_for_bot_turn,
)

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

#: Per language: a search, a project's details, the lead form, a request for a person.
TURNS = {
    "en": (
        "What projects do you have?",
        "Tell me about the first one",
        "I'm interested",
        "I want to talk to a person",
    ),
    "zh": ("有哪些项目？", "第一个项目介绍一下", "我有兴趣", "转人工"),
    "ru": (
        "Какие есть проекты?",
        "Расскажите о первом",
        "Мне интересно",
        "Соедините с сотрудником",
    ),
}
STATES = ("search", "details", "lead-form", "handoff")
#: The details' "I'm interested" button.
LEAD_FORM_PAYLOAD = "/leave_contact"
#: One size per language, phones and a desktop: each page and state once per language.
SIZE_BY_LANGUAGE = {"en": SIZES[3], "zh": SIZES[0], "ru": SIZES[1]}


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_public_pages_and_chat_states_have_no_axe_violations(
    browser: object, hub: HubEndpoints, screenshot_dir: Path, language: str
) -> None:
    size: Size = SIZE_BY_LANGUAGE[language]
    context = new_context(browser, language, size)
    page = context.new_page()
    try:
        page.goto(hub.web_url + SOURCES_PATHS[language])
        assert_no_axe_violations(page, f"{SOURCES_PATHS[language]} ({size.name})")
        page.goto(hub.web_url + PAGE_PATHS[language])
        assert_no_axe_violations(page, f"{PAGE_PATHS[language]}, chat closed")
        open_chat(page)
        assert_no_axe_violations(page, f"{PAGE_PATHS[language]}, chat fresh")
        for state, text in zip(STATES, TURNS[language], strict=True):
            if state == "lead-form":  # the details' button, as a visitor would
                assert reply_with(page, LEAD_FORM_PAYLOAD), "the lead form did not start"
            else:
                assert say(page, text), f"no answer to {text!r}"
            assert_no_axe_violations(page, f"{PAGE_PATHS[language]}, after {state}")
            if state == "lead-form":
                # A question of the form is no answer: no thumbs under it.
                question = page.locator(".hc-log > .hc-bot").last
                expect(question.locator(".hc-thumb")).to_have_count(0)
        screenshot(page, screenshot_dir, f"a11y-{language}-{size.name}-handoff")
    finally:
        context.close()


def _visitor_waiting_for_staff(browser: object, hub: HubEndpoints) -> str:
    """A visitor asks for a person and leaves a lead; returns the conversation's id."""
    context = new_context(browser, "zh", SIZES[0])
    page = context.new_page()
    try:
        page.goto(hub.web_url + PAGE_PATHS["zh"])
        open_chat(page)
        assert say(page, "有医疗项目吗?")
        request, *form_answers = HANDOFF_MESSAGES
        assert say(page, request), "no answer to the request for a person"
        for answer in form_answers:
            if not _say(page, answer, timeout_ms=FORM_ANSWER_TIMEOUT_MS):
                break  # handed over: the bot stays silent
        return page.locator("#hub-chat").get_attribute("data-session-id") or ""
    finally:
        context.close()


def test_console_pages_have_no_axe_violations(
    browser: object, hub: HubEndpoints, screenshot_dir: Path
) -> None:
    assert _visitor_waiting_for_staff(browser, hub)
    context = new_context(browser, "en", SIZES[3])
    page = context.new_page()
    try:
        page.goto(f"{hub.web_url}/console/login")
        assert_no_axe_violations(page, "/console/login")
        _sign_in(page, hub)
        expect(page.get_by_test_id("staff-user")).to_have_text(hub.staff_user)
        for path in (
            "/console/leads",
            "/console/handoffs",
            "/console/charts",
            "/console/review",
            "/console/audit",
            "/console/projects",
            "/console/projects/new",
            "/console/content",
            "/console/content/services/legal",
            "/console/content/contacts/hub-development-company",
            "/console/content/hub-facts/new",
        ):
            page.goto(hub.web_url + path)
            if path == "/console/handoffs":  # with the visitor's live transcript on it
                expect(page.locator(".handoff .transcript li").first).to_be_visible()
            assert_no_axe_violations(page, path)
        page.goto(f"{hub.web_url}/console/leads")
        page.locator("table.data-table tbody a[href^='/console/leads/']").first.click()
        expect(page).to_have_url(re.compile(r"/console/leads/\d+"))
        assert_no_axe_violations(page, page.url)
        screenshot(page, screenshot_dir, "a11y-console")
    finally:
        context.close()


def _focused(page: Page) -> str:
    """The focused element, described: tag, classes and text."""
    return str(
        page.evaluate(
            """() => { const e = document.activeElement;
              const text = e.textContent.trim().slice(0, 40);
              return `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ${text}`; }"""
        )
    )


def _tab_to(page: Page, selector: str, *, backwards: bool = False, limit: int = 12) -> None:
    """Press Tab (or Shift+Tab) until the focus is on an element matching ``selector``."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    assert page.evaluate("(s) => document.activeElement.matches(s)", selector), (
        f"Tab never reached {selector}; focus is on {_focused(page)}"
    )


def _ratings_per_turn(page: Page) -> list[int]:
    """The rating controls shown per turn (a turn starts at a visitor's message)."""
    return list(
        page.evaluate(
            """() => {
              const turns = [0];
              for (const node of document.querySelectorAll('.hc-log > *')) {
                if (node.classList.contains('hc-user')) turns.push(0);
                turns[turns.length - 1] += node.querySelectorAll('.hc-thumbs').length;
              }
              return turns;
            }"""
        )
    )


def test_the_chat_by_keyboard_alone(
    browser: object, hub: HubEndpoints, screenshot_dir: Path
) -> None:
    context = new_context(browser, "en", SIZES[3])
    page = context.new_page()
    try:
        page.goto(hub.web_url + "/")
        # The first Tab reaches the skip link, which opens the chat at its message box.
        page.keyboard.press("Tab")
        expect(page.locator(".skip-link")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#hub-chat")).to_have_class(re.compile(r"\bhc-open\b"))
        expect(page.locator(".hc-input")).to_be_focused()
        expect(page.locator(".hc-send")).to_be_enabled()

        # Ask; focus stays in the message box.
        page.keyboard.type("What projects do you have?")
        before = page.locator(".hc-log > .hc-bot").count()
        page.keyboard.press("Enter")
        assert _wait_for_bot_turn(page, before)
        expect(page.locator(".hc-log .hc-thumbs")).to_have_count(1)
        expect(page.locator(".hc-input")).to_be_focused()

        # A quick reply, backwards from the message box; then focus is back in the box.
        _tab_to(page, ".hc-reply, .hc-card-action", backwards=True)
        answered = page.locator(".hc-log > .hc-user").count()
        before = page.locator(".hc-log > .hc-bot").count()
        page.keyboard.press("Enter")
        expect(page.locator(".hc-log > .hc-user")).to_have_count(answered + 1)
        assert _wait_for_bot_turn(page, before)
        expect(page.locator(".hc-input")).to_be_focused()
        # One rating per answered turn, never one per part of a turn.
        assert all(count <= 1 for count in _ratings_per_turn(page)), _ratings_per_turn(page)

        # Rate the last answer: focus goes to its thank-you, not to <body>.
        _tab_to(page, ".hc-thumb-up", backwards=True)
        page.keyboard.press("Enter")
        expect(page.locator(".hc-feedback-thanks").last).to_be_focused()

        # Another answer, rated down with a comment: the comment box, then the thank-you.
        page.locator(".hc-input").focus()
        assert say(page, "What services do you offer?")
        page.locator(".hc-input").focus()
        _tab_to(page, ".hc-thumb-down", backwards=True)
        page.keyboard.press("Enter")
        expect(page.locator(".hc-feedback-input")).to_be_focused()
        page.keyboard.type("Too long")
        page.keyboard.press("Enter")
        expect(page.locator(".hc-feedback-thanks").last).to_be_focused()
        names = page.locator("#hub-chat button:visible").all_inner_texts()
        assert names.count("Send") == 1, names

        # Esc closes the chat; focus returns to the launcher; Enter opens it again, as it was.
        shown = page.locator(".hc-log > *").count()
        page.keyboard.press("Escape")
        expect(page.locator("#hub-chat")).not_to_have_class(re.compile(r"\bhc-open\b"))
        expect(page.locator("[data-hc-launcher]")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator(".hc-input")).to_be_focused()
        expect(page.locator(".hc-log > *")).to_have_count(shown)
        screenshot(page, screenshot_dir, "keyboard-en-1366x768")

        # Each message is marked with its own language (WCAG 3.1.2): English so far, then a
        # Russian question on the English page gets a Russian answer, marked Russian.
        expect(page.locator(".hc-log > .hc-bot:not([lang='en'])")).to_have_count(0)
        assert say(page, "Какие есть проекты?")
        expect(page.locator(".hc-log > .hc-bot").last).to_have_attribute("lang", "ru")
        expect(page.locator("#hub-chat")).to_have_attribute("lang", "en")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_full_screen_chat_on_a_phone_keeps_the_focus(
    browser: object, hub: HubEndpoints, language: str
) -> None:
    """At 360 px the open chat covers the page: a modal dialog Tab and Shift+Tab never leave."""
    context = new_context(browser, language, SIZES[0])
    page = context.new_page()
    try:
        page.goto(hub.web_url + PAGE_PATHS[language])
        open_chat(page)
        dialog = page.locator("#hub-chat")
        expect(dialog).to_have_attribute("aria-modal", "true")
        inside = "() => document.getElementById('hub-chat').contains(document.activeElement)"
        for key in ("Tab", "Shift+Tab"):
            page.locator(".hc-input").focus()
            for _ in range(25):
                page.keyboard.press(key)
                assert page.evaluate(inside), f"{key} left the chat for {_focused(page)}"
        page.keyboard.press("Escape")
        expect(dialog).not_to_have_attribute("aria-modal", "true")
        expect(page.locator("[data-hc-launcher]")).to_be_focused()
    finally:
        context.close()
