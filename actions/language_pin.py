"""A language the visitor asked for stays the conversation's language (issue 20, class e).

"请用英文回复" written in Chinese, then "有哪些基础设施项目": the visitor chose English and
keeps typing Chinese, so the answers stay in English until they ask for another language.
The NLU decides each message's language on its own (`bot/language`); this check, run by
Rasa after every message's slots are extracted, puts a chosen language back.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from hub_vocabulary import LANGUAGES

LANGUAGE_SLOT = "language"
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
    """Keeps the language the visitor chose unless their latest message asks for another."""

    def name(self) -> str:
        """The name Rasa calls after extracting a message's slots."""
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Sets the chosen language back when the message's own language differs."""
        if requested_language(tracker.latest_message) is not None:
            return []
        chosen = chosen_language(list(tracker.events))
        if chosen is None or tracker.get_slot(LANGUAGE_SLOT) == chosen:
            return []
        return [SlotSet(LANGUAGE_SLOT, chosen)]
