"""The console's analytics in a real headless Chromium, after a few conversations in the widget.

Three visitors talk to the bot on the English, Chinese and Russian pages (the English one
leaves a lead); a member of staff opens the charts page, waits until every analytics chart is
drawn, filters by language and downloads a chart's CSV. The analytics section is saved as
``test-artifacts/analytics.png`` (the README's picture is a copy, ``docs/images/``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

from tests.browser.conftest import REPO_ROOT
from tests.browser.test_widget_and_console import (
    _bot_messages,
    _new_page,
    _say,
    _sign_in,
    _wait_for_bot_turn,
)

ARTIFACT = REPO_ROOT / "test-artifacts" / "analytics.png"
LEAD_NAME = "Aibek Nurlanov"
#: In a conversation below: the visitor clicks the details button of the first project card.
OPEN_FIRST_CARD = "<open the first project card>"
#: What each visitor types (or clicks), on which page, and how they rate the last answer.
CONVERSATIONS = {
    ("/", "up"): (
        "show me medical projects",
        OPEN_FIRST_CARD,
        "I'd like to leave my contact details",
        LEAD_NAME,
        "Steppe Trading LLP",
        "Kazakhstan",
        "aibek.nurlanov@example.com",
        "medical projects",
        "yes",
        "I'd like to talk to a person",  # contact details known: handed over at once
    ),
    ("/zh/", "up"): ("签证服务有哪些？", "谢谢"),
    ("/ru/", "down"): ("Здравствуйте!", "какая погода на марсе", "есть ли логистические проекты?"),
}
CHARTS_SELECTOR = "section.analytics figure.chart"


def _rate_last_answer(visitor: Page, rating: str) -> None:
    """Thumbs up or down (with no comment) under the bot's last answer, if the widget has them."""
    thumbs = visitor.locator(f".hc-thumb-{rating}")
    if not thumbs.count():
        return
    thumbs.last.click()
    if rating == "down":
        visitor.locator(".hc-feedback-send").last.click()
    expect(visitor.locator(".hc-feedback-thanks").last).to_be_visible()


def _talk(
    browser: object, hub: HubEndpoints, path: str, messages: tuple[str, ...], rating: str
) -> str:
    """One visitor's conversation through the widget; returns its session id."""
    context, visitor = _new_page(browser, "en-GB")
    try:
        visitor.goto(f"{hub.web_url}{path}")
        expect(visitor.locator(".hc-log > .hc-bot").first).to_be_visible()
        for message in messages:
            if message == OPEN_FIRST_CARD:
                before = _bot_messages(visitor)
                visitor.locator(".hc-card .hc-card-action").first.click()
                assert _wait_for_bot_turn(visitor, before), "no answer to the details button"
            else:
                assert _say(visitor, message), f"no answer to {message!r} on {path}"
        _rate_last_answer(visitor, rating)
        return visitor.locator("#hub-chat").get_attribute("data-session-id") or ""
    finally:
        context.close()


def _qualify_lead(page: Page, hub: HubEndpoints, name: str) -> None:
    """Move the visitor's lead to qualified in the console, as staff would."""
    page.goto(f"{hub.web_url}/console/leads")
    page.get_by_role("link", name=name).first.click()
    for status in ("contacted", "qualified"):
        page.get_by_role("button", name=f"Mark {status}").click()
        expect(page.get_by_test_id("lead-status")).to_have_text(status)


def _wait_for_charts(page: Page) -> None:
    """Every analytics chart has loaded its data, and is drawn unless it has none."""
    figures = page.locator(CHARTS_SELECTOR)
    expect(figures.first).to_be_visible()
    for figure in figures.all():
        expect(figure).to_have_attribute("data-loaded", "true")
    page.wait_for_function(
        """(selector) => [...document.querySelectorAll(selector)].every((figure) => {
             const box = figure.querySelector(".chart-box");
             return box.hidden || window.Chart.getChart(figure.querySelector("canvas"));
           })""",
        arg=CHARTS_SELECTOR,
    )


def _numbers(page: Page, chart: str) -> dict[str, float]:
    rows = page.locator(f'figure[data-chart-name="{chart}"] .chart-data tbody tr')
    return {
        row.locator("td").nth(0).text_content(): float(row.locator("td").nth(1).text_content())
        for row in rows.all()
    }


def test_analytics_after_a_few_conversations(browser: object, hub: HubEndpoints) -> None:
    sessions = [
        _talk(browser, hub, path, messages, rating)
        for (path, rating), messages in CONVERSATIONS.items()
    ]
    assert all(sessions)

    context, staff = _new_page(browser, "en-GB")
    try:
        _sign_in(staff, hub)
        expect(staff.get_by_test_id("staff-user")).to_have_text(hub.staff_user)
        _qualify_lead(staff, hub, LEAD_NAME)
        staff.goto(f"{hub.web_url}/console/charts")
        _wait_for_charts(staff)

        funnel = _numbers(staff, "funnel")
        assert funnel["Conversations"] >= len(CONVERSATIONS)
        assert funnel["Asked about a project or service"] >= 2
        assert funnel["Lead qualified"] >= 1
        steps = list(funnel.values())
        assert steps == sorted(steps, reverse=True)
        containment = _numbers(staff, "containment")
        assert sum(containment.values()) == funnel["Conversations"]
        assert containment["Handed to a person"] >= 1
        assert _numbers(staff, "top-projects"), "the project card opened is not counted"
        assert "Visa" in _numbers(staff, "top-services")

        ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
        staff.locator("section.analytics").screenshot(path=str(ARTIFACT))

        # Filtered by language: the page reloads with the filter in every chart's URL.
        staff.get_by_label("Language", exact=True).select_option("zh")
        staff.get_by_role("button", name="Apply").click()
        expect(staff).to_have_url(re.compile(r"/console/charts\?.*language=zh"))
        _wait_for_charts(staff)
        assert _numbers(staff, "top-services").get("Visa", 0) >= 1

        # The numbers behind a chart, as CSV.
        href = staff.locator('figure[data-chart-name="funnel"] a.chart-csv').get_attribute("href")
        response = context.request.get(f"{hub.web_url}{href}")
        assert response.status == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert response.text().lstrip("\ufeff").startswith("Step,Conversations\n")
    finally:
        context.close()


def test_sources_page_in_every_language(browser: object, hub: HubEndpoints) -> None:
    context, page = _new_page(browser, "en-GB")
    try:
        for path, heading in (("/", "Sources"), ("/zh/", "资料来源"), ("/ru/", "Источники")):
            page.goto(f"{hub.web_url}{path}")
            page.locator(".figures .fact-source").first.click()
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            expect(page.locator(".press-release:target")).to_be_visible()
            assert ".txt" not in page.content()
    finally:
        context.close()
