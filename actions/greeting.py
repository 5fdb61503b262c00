"""Greeting: the full introduction once, a short hello when the visitor greets again.

A greeting that carries a request ("hi, what projects do you have for logistics?") gets a
short hello and the answer to the request: the introduction would only push it away.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import latest_entity_values
from actions.project_search import ActionSearchProjects
from actions.projects import ActionShowProject
from actions.services import ActionShowServices

#: The full introduction; a conversation that already shows it gets `utter_greet_again`.
GREETING = "utter_greet"
#: Before the answer to a request made in the greeting.
SHORT_GREETING = "utter_greet_short"
#: What answers a request in a greeting, by the first entity type it names ("logistics" is
#: a sector and a service: a greeting that names it asks for projects).
REQUEST_ACTIONS: dict[str, type[Action]] = {
    "project": ActionShowProject,
    "sector": ActionSearchProjects,
    "district": ActionSearchProjects,
    "service": ActionShowServices,
}


def has_greeted(tracker: Tracker) -> bool:
    """Whether the bot already sent its introduction in this conversation."""
    return any(
        event.get("event") == "bot"
        and (event.get("metadata") or {}).get("utter_action") == GREETING
        for event in tracker.events
    )


def requested_answer(tracker: Tracker) -> type[Action] | None:
    """The action that answers what the message names: a project, sector, district or service.

    Used for a greeting's request and for a low-confidence message's.
    """
    return next(
        (
            action
            for entity_type, action in REQUEST_ACTIONS.items()
            if latest_entity_values(tracker, entity_type)
        ),
        None,
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
        """Sends the introduction the first time, a short hello afterwards or before an answer."""
        request = requested_answer(tracker)
        if request is not None:
            dispatcher.utter_message(response=SHORT_GREETING)
            return await request().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_greet_again" if has_greeted(tracker) else GREETING)
        return []
