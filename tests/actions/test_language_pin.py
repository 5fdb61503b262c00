"""Issue 20, class e: a language the visitor asked for stays until they ask for another."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.language_pin import ValidateSlotMappings
from tests.actions.helpers import run_action


def said(text: str, language: str, intent: str = "search_projects", reason: str = "script"):
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "text": text,
            "intent": {"name": intent},
            "entities": [{"entity": "language", "value": language}],
            "language_detection": {"reply_language": language, "reason": reason},
        },
    }


def asked(text: str, language: str):
    return said(text, language, "change_language", "explicit_request")


def tracker_after(*messages: dict[str, Any], chosen: str | None = None) -> Tracker:
    """The tracker as Rasa hands it over: the latest message's language already extracted."""
    latest = messages[-1]["parse_data"]
    return Tracker(
        sender_id="visitor",
        slots={"language": latest["entities"][0]["value"], "chosen_language": chosen},
        latest_message=latest,
        events=list(messages),
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.mark.parametrize(
    ("request_message", "next_message", "chosen"),
    [
        (asked("麻烦用英语跟我说", "en"), said("有什么物流项目", "zh"), "en"),
        (asked("ответьте по-китайски, пожалуйста", "zh"), said("а медицина есть?", "ru"), "zh"),
        (asked('/change_language{"language": "ru"}', "ru"), said("any visa help?", "en"), "ru"),
    ],
)
def test_the_chosen_language_stays_while_the_visitor_writes_another(
    request_message, next_message, chosen
):
    _, events = run_action(ValidateSlotMappings(), tracker_after(request_message, next_message))
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": chosen}]


def test_a_new_request_replaces_the_chosen_language():
    tracker = tracker_after(
        asked("请用英文", "en"), asked("а теперь снова по-русски", "ru"), chosen="en"
    )
    _, events = run_action(ValidateSlotMappings(), tracker)
    chosen = {"event": "slot", "timestamp": None, "name": "chosen_language", "value": "ru"}
    assert events == [chosen]


def test_the_choice_outlives_the_turns_rasa_hands_over():
    """The request has left the recent turns the action sees; the slot still holds it."""
    tracker = tracker_after(said("有什么物流项目", "zh"), said("医疗项目呢", "zh"), chosen="en")
    _, events = run_action(ValidateSlotMappings(), tracker)
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": "en"}]


def test_without_a_request_each_message_keeps_its_own_language():
    tracker = tracker_after(said("hello", "en", "greet"), said("有什么项目", "zh"))
    _, events = run_action(ValidateSlotMappings(), tracker)
    assert events == []
