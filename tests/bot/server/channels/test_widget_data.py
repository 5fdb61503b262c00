"""The widget learns each message's language, whether it is an answer, and its source line."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.shared.core.events import BotUttered

from bot.server.channels.message_ids import MessageIdOutput
from bot.server.channels.widget_data import is_answer, message_language, source_of
from tests.bot.server.channels.test_message_ids import FakeSocketServer

RU = [{"type": "slot", "name": "language", "value": "ru"}]
LABEL = "пресс-релиз от 20.04.2021"
RELEASE = "000_2cccb1eb8e631a90.txt"


def sent(text: str | None, data: dict[str, Any] | None = None, **metadata: Any) -> list[Any]:
    """What the widget receives for one bot event."""
    event = BotUttered(text, data or {}, metadata, timestamp=1715000000.5)
    sio = FakeSocketServer()
    asyncio.run(MessageIdOutput(sio, "bot_uttered").send_response("s-1", event.message()))
    return [args[1] if len(args) > 1 else kwargs["data"] for args, kwargs in sio.emitted]


def test_the_language_is_the_one_of_the_response_variation():
    """A Russian answer on the English page is marked Russian (WCAG 3.1.2)."""
    assert message_language({"condition": RU}) == "ru"
    assert message_language({"condition": [{"type": "slot", "name": "x", "value": "ru"}]}) is None
    assert message_language({}) is None
    (part,) = sent("Привет.", condition=RU, utter_action="utter_help")
    assert part["lang"] == "ru"


def test_questions_and_greetings_are_not_answers():
    """Thumbs only under answers: never under "What is your name?"."""
    assert not is_answer({"utter_action": "utter_ask_lead_name"})
    assert not is_answer({"utter_action": "utter_greet"})
    assert is_answer({"utter_action": "utter_project_details"})
    assert is_answer({})


def test_the_source_line_stays_with_the_text_before_it():
    """The line is no message of its own; it names its label and releases."""
    text = "Проект.\n\nКраткое описание.\n\nИсточник: " + LABEL
    parts = sent(
        text,
        {"buttons": [{"title": "Подробнее", "payload": "/x"}]},
        condition=RU,
        utter_action="utter_project_details",
        source=LABEL,
        source_releases=[RELEASE],
    )
    assert [part["text"] for part in parts] == [
        "Проект.",
        "Краткое описание.\nИсточник: " + LABEL,
    ]
    assert "source" not in parts[0]
    assert parts[1]["source"] == {
        "line": "Источник: " + LABEL,
        "label": LABEL,
        "releases": ["000_2cccb1eb8e631a90"],  # the release's id: never a file name
    }
    assert parts[1]["quick_replies"][0]["payload"] == "/x"


def test_a_source_line_in_the_middle_joins_the_paragraph_before_it():
    """A question after the source stays a message of its own."""
    text = "Summary.\n\nSource: press release, 20 Apr 2021\n\nWhat next?"
    parts = sent(text, source="press release, 20 Apr 2021", source_releases=[RELEASE])
    assert [part["text"] for part in parts] == [
        "Summary.\nSource: press release, 20 Apr 2021",
        "What next?",
    ]


def test_no_label_no_source():
    """An answer whose facts have no known source names none."""
    assert source_of({"text": "Source: ", "source": ""}) is None
    assert all("source" not in part for part in sent("Hello.\n\nSource: ", source=""))


def test_the_widget_learns_when_a_wait_for_a_person_starts_and_ends():
    """The handoff's messages carry `handoff`, so the widget can stop its typing indicator,
    show the office hours and say when the bot is back (issue 21, item 9)."""
    (started,) = sent("A member of staff will reply here.", utter_action="utter_handoff_started")
    (ended,) = sent("I am back.", condition=RU, utter_action="utter_handoff_ended")
    (other,) = sent("Hello.", utter_action="utter_greet")
    assert started["handoff"] == "started"
    assert ended["handoff"] == "ended" and ended["lang"] == "ru"
    assert "handoff" not in other
