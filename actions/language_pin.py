"""A language the visitor asked for stays the conversation's language (issue 20, class e).

"请用英文回复" written in Chinese, then "有哪些基础设施项目": the visitor chose English and
keeps typing Chinese, so the answers stay in English until they ask for another language.
The NLU decides each message's language on its own (`bot/nlu/language`); this check, run by
Rasa after every message's slots are extracted, records a request in the `chosen_language`
slot and puts the chosen language back. The slot, not the messages, keeps the choice: Rasa
hands actions only the conversation's recent turns (`bot/server/tracker_tail.py`).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from hub_vocabulary import LANGUAGES

LANGUAGE_SLOT = "language"
#: The language the visitor last asked for (unset: none asked for).
CHOSEN_LANGUAGE_SLOT = "chosen_language"
#: The LanguageDetector's reason for a language the message asks for.
EXPLICIT_REQUEST = "explicit_request"
CHANGE_LANGUAGE_INTENT = "change_language"


def requested_language(parse_data: dict[str, Any]) -> str | None:
    """The language a message explicitly asks for ("in English please", a language button)."""
    languages = [
        str(entity.get("value"))
        for entity in parse_data.get("entities") or []
        if entity.get("entity") == LANGUAGE_SLOT and entity.get("value") in LANGUAGES
    ]
    if not languages:
        return None
    detection = parse_data.get("language_detection") or {}
    intent = (parse_data.get("intent") or {}).get("name")
    if detection.get("reason") == EXPLICIT_REQUEST or intent == CHANGE_LANGUAGE_INTENT:
        return languages[-1]
    return None


def chosen_language(events: list[dict[str, Any]]) -> str | None:
    """The language the visitor last asked for before their latest message, if any."""
    user_messages = [event for event in events if event.get("event") == "user"]
    for event in reversed(user_messages[:-1]):
        language = requested_language(event.get("parse_data") or {})
        if language is not None:
            return language
    return None


class ValidateSlotMappings(Action):
    """Records a language the visitor asks for, and keeps it while they write in another."""

    def name(self) -> str:
        """The name Rasa calls after extracting a message's slots."""
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Records a request, or sets the chosen language back when the message's differs."""
        requested = requested_language(tracker.latest_message)
        if requested is not None:
            if tracker.get_slot(CHOSEN_LANGUAGE_SLOT) == requested:
                return []
            return [SlotSet(CHOSEN_LANGUAGE_SLOT, requested)]
        chosen = tracker.get_slot(CHOSEN_LANGUAGE_SLOT) or chosen_language(list(tracker.events))
        if chosen is None or tracker.get_slot(LANGUAGE_SLOT) == chosen:
            return []
        return [SlotSet(LANGUAGE_SLOT, chosen)]
