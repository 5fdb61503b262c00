"""The lead form: validation of each answer, and delivery of the lead to the catalogue."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import latest_intent, lead_outbox, outbox_courier, reply_language
from actions.catalogue_client import default_catalogue_client

#: Stored instead of an answer the user chose to skip (by saying "no").
SKIPPED = "-"
FORM_SLOTS = (
    "lead_name",
    "lead_company",
    "lead_country",
    "lead_contact",
    "lead_interest",
    "lead_consent",
)
MAX_NAME_LENGTH = 100
MAX_COMPANY_LENGTH = 200
MAX_COUNTRY_LENGTH = 100
MAX_INTEREST_LENGTH = 1000
#: Region assumed for a phone number written without a country code: the hub is in China.
DEFAULT_PHONE_REGION = "CN"
EMAIL_CANDIDATE = re.compile(r"[^\s<>(),;:]+@[^\s<>(),;:]+")


def has_letter(text: str) -> bool:
    """Whether the text holds at least one letter, in any script."""
    return any(character.isalpha() for character in text)


def parse_contact(text: str) -> dict[str, str] | None:
    """Finds an e-mail address or a phone number in what the user wrote.

    Args:
        text: The user's answer, e.g. "my e-mail is li@example.com" or "+7 701 234 5678".

    Returns:
        `{"email": ...}` or `{"phone": ...}` (E.164), or None when there is neither.
    """
    for candidate in EMAIL_CANDIDATE.findall(text):
        try:
            email = validate_email(candidate.strip("."), check_deliverability=False)
        except EmailNotValidError:
            continue
        return {"email": email.normalized}
    for match in phonenumbers.PhoneNumberMatcher(text, DEFAULT_PHONE_REGION):
        if phonenumbers.is_valid_number(match.number):
            return {
                "phone": phonenumbers.format_number(
                    match.number, phonenumbers.PhoneNumberFormat.E164
                )
            }
    return None


def stop_form(slot: str) -> dict[str, Any]:
    """Slot values that end the form early, without consent: nothing will be stored.

    The form ends when the requested slot is cleared; `action_submit_lead` then says that
    the details were not stored.
    """
    return {slot: None, "lead_consent": None, "requested_slot": None}


class ValidateLeadForm(FormValidationAction):
    """Checks each answer of the lead form; a rejected answer is asked again."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_lead_form"

    def validate_lead_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A name has a letter and fits the limit; "no" stops the form."""
        if latest_intent(tracker) == "deny":
            return stop_form("lead_name")
        text = str(value or "").strip()
        if not has_letter(text) or len(text) > MAX_NAME_LENGTH:
            dispatcher.utter_message(response="utter_invalid_lead_name", max_length=MAX_NAME_LENGTH)
            return {"lead_name": None}
        return {"lead_name": text}

    def validate_lead_company(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A company is optional: "no" skips it."""
        return {"lead_company": self._optional_text(value, tracker, dispatcher, MAX_COMPANY_LENGTH)}

    def validate_lead_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A country has a letter and fits the limit; "no" stops the form."""
        if latest_intent(tracker) == "deny":
            return stop_form("lead_country")
        text = str(value or "").strip()
        if not has_letter(text) or len(text) > MAX_COUNTRY_LENGTH:
            dispatcher.utter_message(
                response="utter_invalid_lead_country", max_length=MAX_COUNTRY_LENGTH
            )
            return {"lead_country": None}
        return {"lead_country": text}

    def validate_lead_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A contact is a valid e-mail address or phone number, stored normalised.

        "No" stops the form.
        """
        contact = parse_contact(str(value or ""))
        if contact is None and latest_intent(tracker) == "deny":
            return stop_form("lead_contact")
        if contact is None:
            dispatcher.utter_message(response="utter_invalid_lead_contact")
            return {"lead_contact": None}
        return {"lead_contact": next(iter(contact.values()))}

    def validate_lead_interest(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """What the user is interested in; "no" skips it (projects seen are sent anyway)."""
        return {
            "lead_interest": self._optional_text(value, tracker, dispatcher, MAX_INTEREST_LENGTH)
        }

    @staticmethod
    def _optional_text(
        value: Any, tracker: Tracker, dispatcher: CollectingDispatcher, max_length: int
    ) -> str | None:
        if latest_intent(tracker) == "deny":
            return SKIPPED
        text = str(value or "").strip()
        if not text:
            return SKIPPED
        if len(text) > max_length:
            dispatcher.utter_message(response="utter_invalid_lead_text", max_length=max_length)
            return None
        return text


def lead_payload(tracker: Tracker, *, handoff: bool) -> dict[str, Any]:
    """The lead, as the catalogue API takes it, from the form's slots and the conversation."""

    def answer(slot: str) -> str | None:
        value = tracker.get_slot(slot)
        return None if value in (None, SKIPPED) else value

    contact = parse_contact(tracker.get_slot("lead_contact") or "") or {}
    return {
        "name": answer("lead_name"),
        "company": answer("lead_company"),
        "country": answer("lead_country"),
        "email": contact.get("email"),
        "phone": contact.get("phone"),
        "interest": answer("lead_interest"),
        "consent": True,
        "conversation_id": tracker.sender_id,
        "language": reply_language(tracker),
        "projects": list(tracker.get_slot("discussed_projects") or []),
        "services": list(tracker.get_slot("discussed_services") or []),
        "handoff": handoff,
    }


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
    reference = outbox.add(payload)
    result = await asyncio.to_thread(outbox.deliver, reference, default_catalogue_client())
    events: list[dict[str, Any]] = []
    if result.state == "delivered":
        dispatcher.utter_message(response="utter_lead_saved", lead_id=result.lead_id)
        events.append(SlotSet("lead_id", str(result.lead_id)))
    elif result.state == "pending":
        dispatcher.utter_message(response="utter_lead_queued")
        outbox_courier().wake()
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
            dispatcher.utter_message(response="utter_lead_consent_declined")
            return [*clear_form, SlotSet("handoff_requested", False)]
        handoff = bool(tracker.get_slot("handoff_requested"))
        events = await deliver_lead(dispatcher, lead_payload(tracker, handoff=handoff))
        return [*clear_form, *events]
