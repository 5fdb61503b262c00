"""Greeting: the full introduction once, a short hello when the visitor greets again."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

#: The full introduction; a conversation that already shows it gets `utter_greet_again`.
GREETING = "utter_greet"


def has_greeted(tracker: Tracker) -> bool:
    """Whether the bot already sent its introduction in this conversation."""
    return any(
        event.get("event") == "bot"
        and (event.get("metadata") or {}).get("utter_action") == GREETING
        for event in tracker.events
    )


class ActionGreet(Action):
    """Introduces the assistant, or says hello again without repeating the introduction."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_greet"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Sends the introduction the first time, a short hello afterwards."""
        dispatcher.utter_message(response="utter_greet_again" if has_greeted(tracker) else GREETING)
        return []
