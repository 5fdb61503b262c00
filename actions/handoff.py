"""Handing a conversation to the hub's staff."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import lead_outbox, reply_language
from actions.leads import deliver_lead

#: Responses that tell the visitor their lead was kept (`actions/leads.py`).
LEAD_KEPT_RESPONSES = frozenset({"utter_lead_saved", "utter_lead_queued"})


def lead_left_here(tracker: Tracker) -> bool:
    """Whether the conversation, as Rasa has it now, shows a lead left in it.

    An erased conversation (`hub_web.privacy`) shows none, so the contact details the action
    server's outbox still holds for it are never used again.
    """
    if tracker.get_slot("lead_id"):
        return True
    return any(
        event.get("event") == "bot"
        and (event.get("metadata") or {}).get("utter_action") in LEAD_KEPT_RESPONSES
        for event in tracker.events
    )


class ActionRequestHuman(Action):
    """Records a lead flagged for handoff and pauses the bot for this conversation.

    Without contact details yet, it first runs the lead form; the form's submission then
    carries the handoff flag.
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_request_human"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Hands over now, or asks for contact details first."""
        earlier_lead = lead_outbox().latest_payload(tracker.sender_id)
        if earlier_lead is None or not lead_left_here(tracker):
            dispatcher.utter_message(response="utter_handoff_need_contact")
            return [SlotSet("handoff_requested", True), FollowupAction("lead_form")]
        payload = {
            **earlier_lead,
            "client_reference": None,
            "handoff": True,
            "language": reply_language(tracker),
            "projects": list(tracker.get_slot("discussed_projects") or []),
            "services": list(tracker.get_slot("discussed_services") or []),
        }
        return await deliver_lead(dispatcher, payload)
