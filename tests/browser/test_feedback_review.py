"""Feedback to review to training data, in a real headless Chromium against the whole stack.

Scenario: a visitor on the English page asks a question and rates the answer down with a
comment; the answer then shows a thank-you and cannot be rated again (nor through the API).
A member of staff signs in, finds the message in the console's review queue with the
visitor's comment, corrects its intent and entities, and downloads the export: the file
holds the corrected example. ``make export-corrections`` (the same module) writes it too.
"""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from stack.profiles.default import REPO_ROOT

if TYPE_CHECKING:
    from tests.browser.conftest import HubEndpoints

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

from tests.browser.conftest import REQUIRED_ENV
from tests.browser.test_widget_and_console import _new_page, _say, _sign_in

COMMENT = "I need a lawyer for the agreement, not a contact"
#: The model takes this for a question about contacts (or gives up); it asks for legal help.
CORRECT_INTENT = "ask_service"
ENTITY_TYPE, ENTITY_WORDS = "service", "shareholder agreement"


def _question() -> str:
    """A question of its own (a reference), so that the queue item is this test's."""
    return f"Who could review a shareholder agreement for us, ref {uuid.uuid4().hex[:6]}?"


def _rate_last_answer_down(visitor: Page) -> object:
    """Thumbs down on the turn's last answer, with a comment; returns that answer."""
    rateable = visitor.locator(".hc-log > .hc-bot").filter(has=visitor.locator(".hc-thumb"))
    message_id = rateable.last.get_attribute("data-message-id")
    answer = visitor.locator(f'.hc-log > .hc-bot[data-message-id="{message_id}"]')
    answer.get_by_role("button", name="Not helpful").click()
    answer.get_by_label("What was wrong? (optional)").fill(COMMENT)
    answer.get_by_role("button", name="Send feedback").click()
    expect(answer.locator(".hc-feedback-thanks")).to_have_text("Thank you for your feedback.")
    return answer


def test_a_rating_down_reaches_the_review_queue_and_the_export(
    browser: object,
    hub: HubEndpoints,
    screenshot_dir: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    visitor_context, visitor = _new_page(browser, "en-GB")
    staff_context, staff = _new_page(browser, "en-GB")
    question = _question()
    try:
        # (1) Every answer can be rated, in the page's language; a greeting is no answer.
        visitor.goto(f"{hub.web_url}/")
        greeting = visitor.locator(".hc-log > .hc-bot").first
        expect(greeting).to_be_visible()
        expect(greeting.locator(".hc-thumb")).to_have_count(0)
        expect(visitor.locator("#hub-chat")).to_have_attribute("data-session-id", re.compile("."))
        session_id = visitor.locator("#hub-chat").get_attribute("data-session-id")

        assert _say(visitor, question), "the bot did not answer the question"
        rating = visitor.get_by_role("group", name="Was this answer helpful?")
        expect(rating).to_have_count(1)
        expect(rating.get_by_role("button", name="Helpful", exact=True)).to_be_visible()
        answer = _rate_last_answer_down(visitor)
        expect(answer.locator(".hc-thumb")).to_have_count(0)
        visitor.screenshot(path=str(screenshot_dir / "widget-en-rated-down.png"))

        # The rating survives a reload, and the website refuses a second one.
        visitor.reload()
        expect(visitor.locator(".hc-feedback-thanks")).to_have_count(1)
        stored = visitor.locator(".hc-log > .hc-bot").filter(
            has=visitor.locator(".hc-feedback-thanks")
        )
        message_id = visitor.evaluate(
            "() => JSON.parse(localStorage.getItem('hub-chat:v1')).messages"
            ".filter((m) => m.feedback).map((m) => m.messageId)[0]"
        )
        assert stored.count() == 1 and isinstance(message_id, float | int)
        again = visitor_context.request.post(
            f"{hub.web_url}/chat/feedback",
            data={"sender_id": session_id, "message_id": message_id, "rating": "up"},
        )
        assert again.status == 409

        # (2) Staff find the message in the review queue, with the visitor's comment.
        _sign_in(staff, hub)
        expect(staff.get_by_test_id("staff-user")).to_have_text(hub.staff_user)
        staff.get_by_role("link", name="Review").click()
        staff.get_by_role("link", name=re.compile("^Rated down")).click()
        item = staff.get_by_test_id("review-item").filter(has_text=question)
        expect(item).to_be_visible()
        expect(item.get_by_test_id("rating-comment")).to_have_text(COMMENT)
        expect(item.locator(".line-reviewed")).to_contain_text(question)
        staff.screenshot(path=str(screenshot_dir / "console-review-queue.png"), full_page=True)

        # (3) They correct the intent and the entities.
        item.get_by_label("Intent").select_option(CORRECT_INTENT)
        for index in range(item.locator(".entity-row").count()):
            item.get_by_label(f"Entity {index + 1}", exact=True).select_option("")
        item.get_by_label("Entity 1", exact=True).select_option(ENTITY_TYPE)
        item.get_by_label("Words of entity 1").fill(ENTITY_WORDS)
        item.get_by_role("button", name="Save label").click()
        expect(staff.get_by_role("status").filter(has_text=re.compile("^Saved"))).to_be_visible()
        expect(staff.get_by_test_id("review-item").filter(has_text=question)).to_have_count(0)

        staff.get_by_role("link", name="Reviewed").click()
        done = staff.get_by_test_id("review-item").filter(has_text=question)
        expect(done.get_by_test_id("decision")).to_contain_text(f"{CORRECT_INTENT} — ")

        # (4) The export holds the corrected example.
        expected = question.replace(ENTITY_WORDS, f"[{ENTITY_WORDS}]({ENTITY_TYPE})", 1)
        with staff.expect_download() as download:
            staff.get_by_test_id("export-en").click()
        exported = yaml.safe_load(Path(download.value.path()).read_text(encoding="utf-8"))
        assert f"- {expected}" in _examples(exported, CORRECT_INTENT)
        staff.screenshot(path=str(screenshot_dir / "console-review-done.png"), full_page=True)

        if not all(os.environ.get(name, "").strip() for name in REQUIRED_ENV):
            stack = request.getfixturevalue("stack")
            out = tmp_path / "corrections"
            subprocess.run(
                [
                    str(REPO_ROOT / "web/.venv/bin/python"),
                    "-m",
                    "hub_web.review.export",
                    "--db",
                    f"sqlite:///{stack.state_dir / 'console.db'}",
                    "--out",
                    str(out),
                ],
                check=True,
                cwd=REPO_ROOT,
            )
            written = yaml.safe_load((out / "nlu_en.yml").read_text(encoding="utf-8"))
            assert f"- {expected}" in _examples(written, CORRECT_INTENT)
    finally:
        visitor_context.close()
        staff_context.close()


def _examples(nlu_file: dict[str, object], intent: str) -> list[str]:
    return [
        line
        for block in nlu_file["nlu"]
        if block["intent"] == intent
        for line in block["examples"].splitlines()
    ]
