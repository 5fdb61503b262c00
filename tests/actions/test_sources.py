"""The source line of an answer: each press release once, in words, never a file name."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.sources import send_source_line, source_line
from tests.actions.helpers import FIRST_RELEASE, SECOND_RELEASE


def test_each_press_release_is_named_once_in_first_order():
    both = f"{SECOND_RELEASE}; {FIRST_RELEASE}"
    assert source_line([SECOND_RELEASE, both, FIRST_RELEASE]) == both


def test_facts_without_a_source_add_nothing():
    assert source_line(["", FIRST_RELEASE, ""]) == FIRST_RELEASE
    assert source_line(["", ""]) == ""
    assert source_line([]) == ""


def test_the_line_is_sent_once_and_only_when_there_is_a_source():
    dispatcher = CollectingDispatcher()
    send_source_line(dispatcher, [FIRST_RELEASE, FIRST_RELEASE])
    send_source_line(dispatcher, ["", ""])
    assert [(m["response"], m["source"]) for m in dispatcher.messages] == [
        ("utter_source", FIRST_RELEASE)
    ]
