"""Conversation start: the page the visitor chats from sets the starting language."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import SUPPORTED_LANGUAGES

#: Slots that a new session of the same conversation keeps.
CARRIED_OVER_SLOTS = (
    "language",
    "chosen_language",
    "discussed_projects",
    "discussed_services",
    "lead_id",
)


class ActionSessionStart(Action):
    """Starts a session, keeping the conversation's language or taking the page's."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_session_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Emits the session start, the carried-over slots and the starting language."""
        events: list[dict[str, Any]] = [SessionStarted()]
        events += [
            SlotSet(slot, tracker.get_slot(slot))
            for slot in CARRIED_OVER_SLOTS
            if tracker.get_slot(slot) is not None
        ]
        metadata = tracker.get_slot("session_started_metadata") or {}
        page_language = metadata.get("language") if isinstance(metadata, dict) else None
        if page_language in SUPPORTED_LANGUAGES:
            events.append(SlotSet("language", page_language))
        events.append(ActionExecuted("action_listen"))
        return events
