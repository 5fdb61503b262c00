"""Handing a conversation to the hub's staff."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.lead_form import FORM_SLOTS
from actions.leads import deliver_lead, lead_payload

#: Responses that tell the visitor their lead was kept (`actions/leads.py`).
LEAD_KEPT_RESPONSES = frozenset({"utter_lead_saved", "utter_lead_queued"})


def kept_lead(tracker: Tracker) -> Tracker | None:
    """The conversation as it was when its last lead was kept, if one was.

    The lead's answers are read from the conversation itself (the form's slot events up to
    the reply that confirmed the lead), never from a copy elsewhere: the outbox keeps none
    once the catalogue has the lead, and an erased conversation (`hub_web.privacy`) shows no
    lead at all.

    Returns:
        A tracker whose form slots hold that lead's answers and whose events end before the
        confirmation; None when no lead with consent was kept here.
    """
    events = list(tracker.events)
    confirmations = [
        index
        for index, event in enumerate(events)
        if event.get("event") == "bot"
        and (event.get("metadata") or {}).get("utter_action") in LEAD_KEPT_RESPONSES
    ]
    if not confirmations:
        return None
    before = events[: confirmations[-1]]
    answers: dict[str, Any] = {slot: None for slot in FORM_SLOTS}
    for event in before:
        if event.get("event") == "slot" and event.get("name") in answers:
            answers[event["name"]] = event.get("value")
    if answers["lead_consent"] is not True:
        return None
    return Tracker(
        tracker.sender_id,
        {**tracker.slots, **answers},
        tracker.latest_message,
        before,
        tracker.is_paused(),
        tracker.followup_action,
        tracker.active_loop,
        tracker.latest_action_name,
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
        earlier = kept_lead(tracker)
        if earlier is None:
            dispatcher.utter_message(response="utter_handoff_need_contact")
            return [SlotSet("handoff_requested", True), FollowupAction("lead_form")]
        # The earlier lead's answers and consent, with the conversation's current language,
        # projects and services (slots `kept_lead` leaves as they are now).
        return await deliver_lead(dispatcher, lead_payload(earlier, handoff=True, domain=domain))
