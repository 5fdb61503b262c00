"""A one-line offer to continue in English, for Uzbek or Kazakh in Latin letters.

Such a visitor is answered in Russian (bot/nlu/language/turkic_latin.py); the offer follows
the first answer of the conversation that the visitor wrote that way.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

#: Output property that bot.nlu.language.transliterator sets on such a message.
TURKIC_LATIN_PROPERTY = "turkic_latin"
OFFER_RESPONSE = "utter_offer_english"


def offer_english_once(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Sends `utter_offer_english` once per conversation, after a Latin-script answer.

    Args:
        dispatcher: Sends responses to the visitor.
        tracker: The conversation.
    """
    if not tracker.latest_message.get(TURKIC_LATIN_PROPERTY):
        return
    if tracker.get_slot("language") != "ru":
        return
    already_offered = any(
        event.get("event") == "bot"
        and (event.get("metadata") or {}).get("utter_action") == OFFER_RESPONSE
        for event in tracker.events
    )
    if not already_offered:
        dispatcher.utter_message(response=OFFER_RESPONSE)
