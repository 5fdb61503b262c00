"""The lead form's validation: free-text answers that a name cannot derail.

Name, company and country take what the visitor typed. A visitor who wants out gets out,
in their own words (`lead_answers.wants_to_stop`), and nothing of the half-filled form is
stored. A question asked in the middle of the form is answered, and the form then asks
its question again without storing the question as the answer.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import extend_list_slot, latest_intent, reply_language
from actions.catalogue_client import CatalogueUnavailable, default_catalogue_client
from actions.contacts import ActionShowContacts
from actions.hub import ActionShowHubInfo
from actions.lead_answers import (
    country_code,
    interest_codes,
    is_accept,
    is_cancel,
    is_decline,
    is_interruption,
    is_payload,
    parse_contact,
    wants_to_stop,
)
from actions.project_search import ActionSearchProjects
from actions.projects import ActionShowProject
from actions.references import projects_referred
from actions.services import ActionShowServices
from hub_lexicon.replies import (
    asks_for_prices,
    asks_to_be_contacted,
    is_only_goodbye,
    is_only_thanks,
    refuses_consent,
)
from hub_vocabulary import LEAD_FORM_SLOTS, LEAD_MAX_LENGTHS

logger = logging.getLogger(__name__)

#: Stored instead of an answer the user chose to skip (by saying "no").
SKIPPED = "-"
#: The form's slots, in their order (``hub_vocabulary.LEAD_FORM_FIELDS`` names the lead field
#: each one fills).
FORM_SLOTS = LEAD_FORM_SLOTS
#: The longest answers, as the catalogue takes them (``hub_vocabulary.LEAD_MAX_LENGTHS``).
MAX_NAME_LENGTH = LEAD_MAX_LENGTHS["name"]
MAX_COMPANY_LENGTH = LEAD_MAX_LENGTHS["company"]
MAX_COUNTRY_LENGTH = LEAD_MAX_LENGTHS["country"]
MAX_INTEREST_LENGTH = LEAD_MAX_LENGTHS["interest"]
#: Actions that answer a question asked in the middle of the form, by intent.
ANSWERING_ACTIONS: dict[str, type[Action]] = {
    "search_projects": ActionSearchProjects,
    "project_details": ActionShowProject,
    "ask_service": ActionShowServices,
    "ask_contact": ActionShowContacts,
    "ask_hub_info": ActionShowHubInfo,
}
#: Responses that answer the other interruptions, by intent.
ANSWERING_RESPONSES = {
    "help": "utter_lead_form_help",
    "bot_challenge": "utter_iamabot",
    "request_human": "utter_handoff_after_form",
}
#: Questions whose answer is never a wish to be contacted, said again.
REPEATED_WISH_SLOTS = frozenset({"lead_name", "lead_company", "lead_country"})
#: Intents answered by asking the question again: the language just changed.
REASKING_INTENTS = frozenset({"change_language"})
#: Every intent of a question or request that the form handles before asking again.
INTERRUPTING_INTENTS = (
    frozenset(ANSWERING_ACTIONS) | frozenset(ANSWERING_RESPONSES) | REASKING_INTENTS
)


def has_letter(text: str) -> bool:
    """Whether the text holds at least one letter, in any script."""
    return any(character.isalpha() for character in text)


def stop_form(slot: str) -> dict[str, Any]:
    """Slot values that end the form early, without consent: nothing will be stored.

    The form ends when the requested slot is cleared; `action_submit_lead` then says that
    the details were not stored.
    """
    return {slot: None, "lead_consent": None, "requested_slot": None}


def answer_text(value: Any) -> str:
    """The visitor's answer as stripped text."""
    return str(value or "").strip()


class ValidateLeadForm(FormValidationAction):
    """Checks each answer of the lead form; a rejected answer is asked again."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_lead_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Answers a question asked instead of an answer, or validates the answer."""
        requested = tracker.get_slot("requested_slot")
        text = tracker.latest_message.get("text") or ""
        intent = latest_intent(tracker)
        confidence = float((tracker.latest_message.get("intent") or {}).get("confidence") or 0)
        if requested and wants_to_stop(text, intent, confidence):
            return [SlotSet(slot, value) for slot, value in stop_form(requested).items()]
        if requested in REPEATED_WISH_SLOTS and asks_to_be_contacted(text):
            # "我想留下联系方式" at the name question: the wish again, not a name; asked again
            return [SlotSet(requested, None)]
        wishes = requested == "lead_interest"
        if (
            requested
            and not is_cancel(text)
            and is_interruption(text, intent, INTERRUPTING_INTENTS, asks_for_wishes=wishes)
        ):
            events = await self._answer_interruption(intent or "", dispatcher, tracker, domain)
            return [*events, SlotSet(requested, None)]
        return await super().run(dispatcher, tracker, domain)

    @staticmethod
    async def _answer_interruption(
        intent: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Runs what would have answered the question outside the form."""
        if intent in ANSWERING_ACTIONS:
            return await ANSWERING_ACTIONS[intent]().run(dispatcher, tracker, domain)
        if intent in ANSWERING_RESPONSES:
            dispatcher.utter_message(response=ANSWERING_RESPONSES[intent])
        if intent == "request_human":
            return [SlotSet("handoff_requested", True)]
        return []

    def validate_lead_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A name is whatever was typed, with a letter and within the limit.

        "спасибо" or "до свидания" asked for a name ends the form: it is nobody's name.
        """
        text = answer_text(value)
        if is_cancel(text) or is_decline(text) or is_only_thanks(text) or is_only_goodbye(text):
            return stop_form("lead_name")
        if is_payload(text):
            return {"lead_name": None}
        if not has_letter(text) or len(text) > MAX_NAME_LENGTH:
            dispatcher.utter_message(response="utter_invalid_lead_name", max_length=MAX_NAME_LENGTH)
            return {"lead_name": None}
        return {"lead_name": text}

    def validate_lead_company(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A company is optional: "no" skips it, "stop" ends the form."""
        return self._optional_text("lead_company", value, dispatcher, MAX_COMPANY_LENGTH)

    def validate_lead_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A country is kept as typed, with its ISO 3166 code when one country is named."""
        text = answer_text(value)
        if is_cancel(text) or is_decline(text):
            return stop_form("lead_country")
        if is_payload(text):
            return {"lead_country": None}
        if not has_letter(text) or len(text) > MAX_COUNTRY_LENGTH:
            dispatcher.utter_message(
                response="utter_invalid_lead_country", max_length=MAX_COUNTRY_LENGTH
            )
            return {"lead_country": None}
        code = country_code(text)
        if code is None:
            logger.info("No ISO 3166 code for the country %r; the text is kept.", text)
        return {"lead_country": text, "lead_country_code": code}

    def validate_lead_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A contact is a valid e-mail address or phone number, stored normalised."""
        text = answer_text(value)
        contact = parse_contact(text)
        if contact is None and (is_cancel(text) or is_decline(text)):
            return stop_form("lead_contact")
        if contact is None:
            dispatcher.utter_message(response="utter_invalid_lead_contact")
            return {"lead_contact": None}
        return {"lead_contact": next(iter(contact.values()))}

    def validate_lead_interest(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """What the user is interested in, with the projects and services it names."""
        answer = self._optional_text("lead_interest", value, dispatcher, MAX_INTEREST_LENGTH)
        interest = answer.get("lead_interest")
        if not interest or interest == SKIPPED:
            return answer
        projects, services = interest_codes(interest)
        return {
            **answer,
            "discussed_projects": extend_list_slot(tracker, "discussed_projects", *projects),
            "discussed_services": extend_list_slot(tracker, "discussed_services", *services),
        }

    def validate_lead_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Consent is a clear yes; a no (or stop) ends the form; anything else asks again."""
        if value is True or value is False:
            return {"lead_consent": value}
        text = answer_text(value)
        intent = latest_intent(tracker)
        if is_accept(text) or (
            intent == "affirm" and not is_decline(text) and not is_payload(text)
        ):
            return {"lead_consent": True}
        if is_cancel(text) or is_decline(text) or intent == "deny" or refuses_consent(text):
            return {"lead_consent": False}
        dispatcher.utter_message(response="utter_invalid_lead_consent")
        return {"lead_consent": None}

    @staticmethod
    def _optional_text(
        slot: str, value: Any, dispatcher: CollectingDispatcher, max_length: int
    ) -> dict[str, Any]:
        text = answer_text(value)
        if is_cancel(text):
            return stop_form(slot)
        if is_decline(text):
            return {slot: SKIPPED}
        if is_payload(text):
            return {slot: None}
        if len(text) > max_length:
            dispatcher.utter_message(response="utter_invalid_lead_text", max_length=max_length)
            return {slot: None}
        return {slot: text}


class ActionAskLeadName(Action):
    """Asks the form's first question; after a handoff's introduction, without repeating it.

    A request to be contacted that names a project of the list just shown, by position or
    by description ("the 2nd one looks good, contact me"), records that project for the lead.
    One that asks for prices hears first that the hub publishes none.

    The handoff has just said "I'll connect you with a member of staff..."; the form then
    asks only for the name instead of "I'll pass your request..." again.
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_ask_lead_name"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Sends the name question that fits how the form was started."""
        after_handoff = tracker.get_slot("handoff_requested") is True
        text = tracker.latest_message.get("text") or ""
        if latest_intent(tracker) == "leave_contact" and asks_for_prices(text):
            # "пришлите прайс на аренду офисов": say first that none is published.
            dispatcher.utter_message(response="utter_prices_not_published")
        projects: list[str] = []
        if latest_intent(tracker) == "leave_contact":
            # "the 2nd one looks good, contact me": the lead is about that project.
            projects = await asyncio.to_thread(
                projects_referred, tracker, reply_language(tracker), default_catalogue_client()
            )
        one = len(projects) == 1 and not after_handoff
        named = await self._name(projects[0], tracker) if one else None
        if named is not None:
            # "我对平度新经济产业城感兴趣": the question says which project it is about
            dispatcher.utter_message(response="utter_ask_lead_name_about_project", name=named)
        else:
            dispatcher.utter_message(
                response="utter_ask_lead_name_after_handoff"
                if after_handoff
                else "utter_ask_lead_name"
            )
        if not projects:
            return []
        return [
            SlotSet(
                "discussed_projects", extend_list_slot(tracker, "discussed_projects", *projects)
            )
        ]

    @staticmethod
    async def _name(project_id: str, tracker: Tracker) -> str | None:
        """The project's name in the conversation's language, or None if it cannot be read."""
        catalogue = default_catalogue_client()
        try:
            project = await asyncio.to_thread(
                catalogue.get_project, project_id, language=reply_language(tracker)
            )
        except CatalogueUnavailable:
            return None
        return None if project is None else project.name
