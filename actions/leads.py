"""The lead: built from the form's answers, kept in the outbox and sent to the catalogue."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import latest_intent, lead_outbox, outbox_courier, reply_language
from actions.catalogue_client import default_catalogue_client
from actions.consent import consent_record
from actions.lead_answers import parse_contact
from actions.lead_form import FORM_SLOTS, SKIPPED, ValidateLeadForm
from hub_lexicon.replies import is_only_thanks, means_for_now
from hub_vocabulary import LEAD_CHANNELS, LEAD_FORM_FIELDS

__all__ = [
    "SKIPPED",
    "ActionSubmitLead",
    "ValidateLeadForm",
    "deliver_lead",
    "lead_channel",
    "lead_payload",
    "parse_contact",
]


def lead_channel(tracker: Tracker) -> str | None:
    """The channel the visitor writes through (``socketio``, ``rest``, ``telegram``), if known.

    Rasa names it on each user message; a channel the catalogue does not know (the command
    line, a test channel) is not recorded.
    """
    channel = tracker.get_latest_input_channel()
    return channel if channel in LEAD_CHANNELS else None


def lead_payload(
    tracker: Tracker, *, handoff: bool, domain: DomainDict | None = None
) -> dict[str, Any]:
    """The lead, as the catalogue API takes it, from the form's slots and the conversation.

    The form's answers go to the fields ``hub_vocabulary.LEAD_FORM_FIELDS`` names; the contact
    is split into ``email`` or ``phone``. The consent is recorded with the exact question the
    visitor agreed to, its language and its version (:func:`actions.consent.consent_record`).
    """

    def answer(slot: str) -> str | None:
        value = tracker.get_slot(slot)
        return None if value in (None, SKIPPED) else value

    contact = parse_contact(tracker.get_slot("lead_contact") or "") or {}
    return {
        **{field: answer(slot) for slot, field in LEAD_FORM_FIELDS.items() if field},
        "email": contact.get("email"),
        "phone": contact.get("phone"),
        "consent": True,
        **consent_record(tracker, domain or {}),
        "conversation_id": tracker.sender_id,
        "channel": lead_channel(tracker),
        "language": reply_language(tracker),
        "projects": list(tracker.get_slot("discussed_projects") or []),
        "services": list(tracker.get_slot("discussed_services") or []),
        "handoff": handoff,
    }


#: Namespace of the leads' client references (`lead_reference`).
LEAD_REFERENCE_NAMESPACE = uuid.UUID("6f1d3c52-9a4e-4b8e-8c1e-2f0a7d6b9e41")


def lead_reference(payload: dict[str, Any]) -> str:
    """The lead's client reference, from its content: the same lead is stored once.

    When the Rasa server stops after the lead was stored but before it saved the
    conversation, the visitor confirms again and the same lead is sent again; with the
    same reference, the catalogue returns the stored lead instead of creating another.
    """
    content = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return str(uuid.uuid5(LEAD_REFERENCE_NAMESPACE, content))


async def deliver_lead(
    dispatcher: CollectingDispatcher, payload: dict[str, Any]
) -> list[dict[str, Any]]:
    """Keeps the lead in the outbox, sends it, and tells the user what happened.

    Args:
        dispatcher: Sends responses to the user.
        payload: The lead for the catalogue API.

    Returns:
        Events that record the lead's id and, for a handoff, pause the bot.
    """
    outbox = lead_outbox()
    reference = outbox.add(
        {**payload, "client_reference": payload.get("client_reference") or lead_reference(payload)}
    )
    result = await asyncio.to_thread(outbox.deliver, reference, default_catalogue_client())
    events: list[dict[str, Any]] = []
    if result.state == "delivered":
        dispatcher.utter_message(response="utter_lead_saved", lead_id=result.lead_id)
        events.append(SlotSet("lead_id", str(result.lead_id)))
    elif result.state == "pending":
        dispatcher.utter_message(response="utter_lead_queued")
        outbox_courier().wake(lead_pending=True)
    else:
        dispatcher.utter_message(response="utter_lead_rejected")
        return events
    if payload["handoff"]:
        dispatcher.utter_message(response="utter_handoff_started")
        # The bot listens (and stays silent) from here: after staff resume the
        # conversation, the visitor's next message is handled like any other.
        events += [
            SlotSet("handoff_requested", False),
            ActionExecuted("action_listen"),
            ConversationPaused(),
        ]
    return events


def not_stored_response(tracker: Tracker) -> str:
    """Why nothing was stored: a goodbye, the form left half-way, or consent refused."""
    text = tracker.latest_message.get("text") or ""
    if latest_intent(tracker) == "goodbye" and not means_for_now(text):
        return "utter_lead_not_stored_goodbye"
    if is_only_thanks(text):
        return "utter_lead_not_stored_thanks"  # "ok thx a lot" asked for a name
    if tracker.get_slot("lead_consent") is None:
        return "utter_lead_form_left"
    return "utter_lead_consent_declined"


class ActionSubmitLead(Action):
    """Sends the completed lead form, if the user agreed to be contacted."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_submit_lead"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Delivers the lead and clears the form for a next one."""
        clear_form = [SlotSet(slot, None) for slot in FORM_SLOTS]
        if tracker.get_slot("lead_consent") is not True:
            dispatcher.utter_message(response=not_stored_response(tracker))
            return [*clear_form, SlotSet("handoff_requested", False)]
        handoff = bool(tracker.get_slot("handoff_requested"))
        payload = lead_payload(tracker, handoff=handoff, domain=domain)
        events = await deliver_lead(dispatcher, payload)
        return [*clear_form, *events]
