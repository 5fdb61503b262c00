"""Low-confidence messages and messages in a language the bot does not speak."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.base import latest_entity_values, reply_language


class ActionFallback(Action):
    """Redirects the user helpfully instead of guessing, then forgets the message."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_fallback"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Says which languages the bot speaks, or offers the help menu.

        The message is forgotten, as with Rasa's default fallback; a supported language it
        was written in is kept, an unsupported one leaves the conversation's language alone.
        """
        if latest_entity_values(tracker, "unsupported_language"):
            dispatcher.utter_message(response="utter_unsupported_language")
            return [UserUtteranceReverted()]
        dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted(), SlotSet("language", reply_language(tracker))]
