"""The hub's support services: legal, visa, accounting, audit, living, HR and more."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CatalogueAction, extend_list_slot, latest_entity_values
from actions.catalogue_client import Service
from actions.followups import PROJECT, SERVICE, refers_to_the_project, set_subject, subject
from actions.sources import citation
from actions.vocabulary import PLATFORM_SERVICE, SERVICE_TYPES
from hub_lexicon.replies import (
    asks_for_all_services,
    asks_for_others,
    holds,
    names_a_platform_function,
    names_everything,
)

#: What an answer about a service cannot tell, in its own words for some types; the
#: others take `utter_service_limits`.
LIMITS_RESPONSES = {"visa": "utter_service_limits_visa"}


def not_listed_response(requested: list[str]) -> str:
    """The answer for types the catalogue has no service of: naming the one asked for."""
    if len(requested) == 1:
        return f"utter_service_not_listed_{requested[0]}"
    return "utter_service_not_listed"


class ActionShowServices(CatalogueAction):
    """Says what the hub offers for a service type and who provides it, or lists them all.

    Either answer names the press release(s) it comes from, once. An answer about a
    service says what the hub offers, what it cannot tell (the published materials give no
    rules, fees or deadlines), and what the visitor can do next. A follow-up that names no
    service right after one ("how long does it take?", "сколько стоит?", "who provides it?")
    is about that service, unless it asks for the others or all of them.
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_show_services"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Sends the services of the types asked for, or a short overview with buttons."""
        requested = self._requested(tracker)
        text = tracker.latest_message.get("text") or ""
        # "а сколько там рабочих мест будет" right after a project: its staff numbers.
        unpublished = subject(tracker) == PROJECT and holds(text, "unpublished")
        if not requested and (refers_to_the_project(tracker) or unpublished):
            # "а что они хотят туда привезти" right after a project: about that project.
            from actions.projects import ActionShowProject  # projects answer services too

            return ActionShowProject().answer(dispatcher, tracker, language)
        if not requested:
            self._overview(dispatcher, self.catalogue().list_services(language=language))
            return []
        services = [
            service
            for service_type in requested
            for service in self.catalogue().list_services(
                language=language, service_type=service_type
            )
        ]
        if not services:
            dispatcher.utter_message(response=not_listed_response(requested))
            if asks_for_all_services(tracker.latest_message.get("text") or ""):
                # "what support do you give foreign companies setting up in qingdao?": the
                # service named is not listed, and the visitor asked what there is.
                self._overview(dispatcher, self.catalogue().list_services(language=language))
        elif requested == [PLATFORM_SERVICE]:
            dispatcher.utter_message(
                response="utter_platform_functions",
                functions="\n".join(
                    f"• {service.name}: {service.description}" for service in services
                ),
            )
        else:
            for service in services:
                dispatcher.utter_message(
                    response="utter_service_item",
                    name=service.name,
                    description=service.description,
                    provider=service.provider_name,
                )
            dispatcher.utter_message(response=self._limits(requested))
        if services:
            cited = citation(services)
            dispatcher.utter_message(
                response="utter_service_followup_sourced"
                if cited["source"]
                else "utter_service_followup",
                **cited,
            )
        return [
            SlotSet(
                "discussed_services", extend_list_slot(tracker, "discussed_services", *requested)
            ),
            set_subject(SERVICE),
        ]

    @staticmethod
    def _requested(tracker: Tracker) -> list[str]:
        """The service types the message names, or the one just discussed for a follow-up."""
        named = [
            value for value in latest_entity_values(tracker, "service") if value in SERVICE_TYPES
        ]
        text = tracker.latest_message.get("text") or ""
        if not named and names_a_platform_function(text):
            return [PLATFORM_SERVICE]  # "do you organise roadshows?"
        discussed = list(tracker.get_slot("discussed_services") or [])
        if named or subject(tracker) != SERVICE or not discussed:
            return named
        # "what support services are there" asks for them all.
        if names_everything(text) or asks_for_others(text) or asks_for_all_services(text):
            return []
        return discussed[-1:]

    @staticmethod
    def _limits(requested: list[str]) -> str:
        """The response that says what the answer cannot tell, for the types asked."""
        if len(requested) == 1 and requested[0] in LIMITS_RESPONSES:
            return LIMITS_RESPONSES[requested[0]]
        return "utter_service_limits"

    @staticmethod
    def _overview(dispatcher: CollectingDispatcher, services: list[Service]) -> None:
        """One message: the services' names, and a button per type a visitor can ask for."""
        types = {service.type: service.type_label for service in services}
        dispatcher.utter_message(
            response="utter_services_overview",
            services="\n".join(f"• {service.name}" for service in services),
            **citation(services),
            buttons=[
                {"title": label, "payload": f'/ask_service{{"service": "{service_type}"}}'}
                for service_type, label in types.items()
                if service_type in SERVICE_TYPES
            ],
        )
