"""The hub's organisations and how to reach them, from the catalogue API."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CatalogueAction, previous_bot_action
from actions.sources import citation
from hub_lexicon.channels import asked_channels


class ActionShowContacts(CatalogueAction):
    """Lists the hub's organisations with their channels (or "not disclosed"), and the source.

    Right after a project's details, it first says that the sources name no contact of
    that project's own, so the hub's organisations are the ones to ask. Asked for a
    messenger the hub's materials do not list ("WhatsApp?"), it says so first, honestly.
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_show_contacts"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Sends one card per organisation, then the press release(s) they come from."""
        project_id = tracker.get_slot("project")
        if previous_bot_action(tracker) == "action_show_project" and project_id:
            project = self.catalogue().get_project(project_id, language=language)
            if project is not None:
                dispatcher.utter_message(response="utter_project_contact", name=project.name)
        channels = asked_channels(tracker.latest_message.get("text") or "", language)
        if channels:
            dispatcher.utter_message(
                response="utter_channel_not_listed", channel=", ".join(channels)
            )
        else:
            dispatcher.utter_message(response="utter_contacts_header")
        contacts = self.catalogue().list_contacts(language=language)
        for contact in contacts:
            dispatcher.utter_message(
                response="utter_contact_card",
                name=contact.name,
                description=contact.description,
                website=contact.website_label,
                email=contact.email_label,
                phone=contact.phone_label,
            )
        cited = citation(contacts)
        dispatcher.utter_message(
            response="utter_contacts_footer_sourced"
            if cited["source"]
            else "utter_contacts_footer",
            **cited,
        )
        return []
