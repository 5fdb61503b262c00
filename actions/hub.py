"""Contacts and facts about the hub, all from the catalogue API."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CatalogueAction


class ActionShowContacts(CatalogueAction):
    """Lists the hub's organisations with their channels (or "not disclosed")."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_show_contacts"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Sends one card per organisation."""
        dispatcher.utter_message(response="utter_contacts_header")
        for contact in self.catalogue().list_contacts(language=language):
            dispatcher.utter_message(
                response="utter_contact_card",
                name=contact.name,
                description=contact.description,
                website=contact.website_label,
                email=contact.email_label,
                phone=contact.phone_label,
            )
        dispatcher.utter_message(response="utter_contacts_footer")
        return []


class ActionShowHubInfo(CatalogueAction):
    """Tells what the hub is, with its headline figures and events."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_show_hub_info"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Sends the hub's summary, figures and events."""
        hub = self.catalogue().hub_info(language=language)
        dispatcher.utter_message(
            response="utter_hub_info",
            name=hub.name,
            summary=hub.summary,
            figures="\n".join(f"• {figure.label}: {figure.display}" for figure in hub.figures),
            events="\n".join(f"• {event.date_label}: {event.title}" for event in hub.events),
        )
        return []
