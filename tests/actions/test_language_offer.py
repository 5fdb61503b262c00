"""The offer to continue in English after Uzbek or Kazakh written in Latin letters."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.language_offer import offer_english_once
from tests.actions.helpers import make_tracker, responses_sent

TURKIC_LATIN = {"language": "uz", "original": "Salom", "cyrillic": "Салом"}


def offers(tracker) -> list[str]:
    dispatcher = CollectingDispatcher()
    offer_english_once(dispatcher, tracker)
    return responses_sent(dispatcher.messages)


def test_the_first_latin_script_message_gets_the_offer() -> None:
    tracker = make_tracker(intent="search_projects", slots={"language": "ru"})
    tracker.latest_message["turkic_latin"] = TURKIC_LATIN
    assert offers(tracker) == ["utter_offer_english"]


def test_the_offer_is_made_once() -> None:
    offered = {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_offer_english"}}
    tracker = make_tracker(intent="search_projects", slots={"language": "ru"}, events=[offered])
    tracker.latest_message["turkic_latin"] = TURKIC_LATIN
    assert offers(tracker) == []


def test_other_messages_get_no_offer() -> None:
    assert offers(make_tracker(intent="search_projects", slots={"language": "ru"})) == []
    english = make_tracker(intent="search_projects", slots={"language": "en"})
    english.latest_message["turkic_latin"] = TURKIC_LATIN  # then asked for English
    assert offers(english) == []
