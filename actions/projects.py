"""One project: its details or one fact about it, and which project a message means."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import (
    CatalogueAction,
    extend_list_slot,
    follows_a_list,
    latest_entity_values,
    reply_language,
)
from actions.catalogue_client import CatalogueUnavailable, Project
from actions.followups import (
    HUB,
    PROJECT,
    SERVICE,
    SOURCE_TOPIC,
    asks_the_project_about_a_country,
    asks_where_the_project_is,
    main_topic,
    set_subject,
    subject,
)
from actions.hub_figures import asks_city_figures
from actions.list_positions import project_at_position
from actions.project_filters import (
    FILTER_CODES,
    FILTER_SLOTS,
    named_with_its_own_filters,
    search_filters,
)
from actions.references import described_project, the_other_shown
from actions.services import ActionShowServices
from actions.sources import citation
from actions.when import asks_when
from hub_lexicon.replies import addresses_the_bot, asks_for_prices, holds
from hub_vocabulary import LAST_ORDINAL

#: A year, also as Chinese write it short ("19年": 2019).
YEAR = re.compile(r"(?<!\d)(?:(?:19|20)\d\d(?!\d)|\d\d(?=\s*年))")
PROJECT_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The short answer to one question about a project, by the question's topic.
PROJECT_TOPIC_RESPONSES = {
    "investment": "utter_project_investment",
    "location": "utter_project_location",
    "status": "utter_project_status",
    SOURCE_TOPIC: "utter_project_source",
}


def asks_unpublished_fact(text: str) -> bool:
    """Whether the message asks a fact no press release gives.

    Floor areas, land sizes, staff numbers and managers' names ("какая там площадь офисов?",
    "кто директор центра?"): an honest answer, not the nearest one.
    """
    return holds(text, "unpublished")


def say_fact_unpublished(dispatcher: CollectingDispatcher, project: Project | None = None) -> None:
    """Says that the seeds give no such fact, naming the project it was asked of, if any."""
    if project is None:
        dispatcher.utter_message(response="utter_fact_not_published")
    else:
        dispatcher.utter_message(response="utter_project_fact_not_published", name=project.name)


class ActionShowProject(CatalogueAction):
    """Shows one project, or answers one question about it (its investment, ...).

    The project is named by id (buttons), by name in any language, by its position in
    the list just shown ("the second one", "第二个", "второй"), or is the one talked
    about last ("that project", "how much is the investment?").
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_show_project"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Resolves the project the user means and sends its details or the fact asked.

        A question that names no project, right after an answer about the hub ("where is
        it?", "when did it open?"), is about the hub and gets the hub's answer.
        """
        if asks_unpublished_fact(tracker.latest_message.get("text") or ""):
            shown = tracker.get_slot("project") if subject(tracker) == PROJECT else None
            project = self.catalogue().get_project(shown, language=language) if shown else None
            say_fact_unpublished(dispatcher, project)
            return []
        reference = self._reference(tracker, language)
        if reference is None and subject(tracker) == HUB:
            from actions.hub import ActionShowHubInfo  # the hub's answers use this module

            return ActionShowHubInfo().answer(dispatcher, tracker, language)
        if reference is None and not latest_entity_values(tracker, "ordinal"):
            reference = self._implicit_reference(tracker)
        text = tracker.latest_message.get("text") or ""
        if reference is None and (addresses_the_bot(text) or asks_city_figures(text)):
            # "а где вы находитесь", "какая площадь циндао и сколько там народу", no project
            # talked about: the hub's own answer
            from actions.hub import ActionShowHubInfo  # the hub's answers use this module

            return ActionShowHubInfo().answer(dispatcher, tracker, language)
        if reference is None and subject(tracker) == SERVICE:
            # "сколько стоит?" right after a service is about that service.
            return ActionShowServices().answer(dispatcher, tracker, language)
        if reference is None and asks_for_prices(text):
            # "上合示范区现在的土地价格大概多少": no project, and the seeds give no prices.
            dispatcher.utter_message(response="utter_prices_not_published")
            return []
        if reference is None:
            dispatcher.utter_message(response="utter_ask_which_project")
            return []
        project = (
            reference if isinstance(reference, Project) else self._resolve(reference, language)
        )
        if project is None:
            dispatcher.utter_message(response="utter_project_not_found")
            return [SlotSet("project", None)]
        return self.send(dispatcher, tracker, project)

    @staticmethod
    def send(
        dispatcher: CollectingDispatcher, tracker: Tracker, project: Project
    ) -> list[dict[str, Any]]:
        """Sends the project's details, or the one fact asked about it, and records it."""
        topic = main_topic(latest_entity_values(tracker, "topic"))
        text = tracker.latest_message.get("text") or ""
        if topic == "status" and (asks_when(text) or YEAR.search(text)):
            topic = None  # "when was it signed?", "是2019年签的吗": the summary holds the dates
        response = PROJECT_TOPIC_RESPONSES.get(topic or "", "utter_project_details")
        if response == "utter_project_location" and project.district is None:
            response = "utter_project_location_unknown"
        dispatcher.utter_message(
            response=response,
            project_id=project.id,
            name=project.name,
            sectors=", ".join(project.sector_labels),
            district=project.district_label,
            status=project.status_label,
            investment=project.investment_label,
            summary=project.summary,
            **citation([project]),
        )
        return [
            SlotSet("project", project.id),
            SlotSet(
                "discussed_projects", extend_list_slot(tracker, "discussed_projects", project.id)
            ),
            set_subject(PROJECT),
        ]

    def _reference(self, tracker: Tracker, language: str) -> Project | str | None:
        """The project the message itself names (or its id or name), or None.

        A project named in the message wins, then the other of two just shown ("а другой?"),
        then a position in the list just shown, then the one project of that list the
        message describes ("the cold chain one"), then the
        one project of a district or sector the message names ("the Pingdu project"),
        then the whole message as a name (a single match only).
        """
        mentioned = latest_entity_values(tracker, "project")
        if mentioned:
            return mentioned[0]
        if asks_where_the_project_is(tracker) or asks_the_project_about_a_country(tracker):
            # "is it in pingdu as well?", "its for trade with russia right?": the one shown,
            # though the message names a place or a sector
            return str(tracker.get_slot("project"))
        own = named_with_its_own_filters(tracker, self.catalogue(), language)
        if own is not None:
            return own  # "для чего он, с какими странами торговля": its own sector
        other = the_other_shown(tracker)
        if other is not None:
            return other
        shown = list(tracker.get_slot("shown_projects") or [])
        ordinals = latest_entity_values(tracker, "ordinal")
        for ordinal in ordinals:
            position = len(shown) if ordinal == LAST_ORDINAL else int(ordinal)
            if 1 <= position <= len(shown):
                return shown[position - 1]
            if shown and position > len(shown):
                filters = search_filters(tracker)
                return project_at_position(self.catalogue(), language, position, filters)
        if ordinals:
            return None
        described = self._described(tracker, shown, language)
        if described is not None:
            return described
        project = self._only_project_of_filters(tracker, language)
        if project is not None:
            return project
        if latest_entity_values(tracker, "topic") and self._implicit_reference(tracker):
            return None  # "where is it?": about the project just shown, not a name
        return self._single_match(tracker.latest_message.get("text") or "", language)

    def describes_a_shown_project(self, tracker: Tracker) -> bool:
        """Whether the message describes one project of the list just shown ("у реки")."""
        shown = list(tracker.get_slot("shown_projects") or [])
        try:
            return self._described(tracker, shown, reply_language(tracker)) is not None
        except CatalogueUnavailable:
            return False

    def _described(self, tracker: Tracker, shown: list[str], language: str) -> Project | None:
        """The project of the list shown that the message describes ("the cold chain one").

        The list is the last one shown while the conversation is still on projects: "can you
        answer in English?" in between leaves it.
        """
        if len(shown) < 2 or not (follows_a_list(tracker) or subject(tracker) == PROJECT):
            return None
        projects = [
            self.catalogue().get_project(project_id, language=language) for project_id in shown
        ]
        return described_project(
            tracker.latest_message.get("text") or "", [p for p in projects if p is not None]
        )

    @staticmethod
    def _implicit_reference(tracker: Tracker) -> str | None:
        """The only project of a search just shown, else the project talked about last.

        "那胶州呢" finds one project; "这个是什么时候落户的" is then about it, not about the
        project whose details were shown before the search.
        """
        shown = list(tracker.get_slot("shown_projects") or [])
        if len(shown) == 1 and follows_a_list(tracker):
            return shown[0]
        if tracker.get_slot("project"):
            return tracker.get_slot("project")
        return shown[0] if len(shown) == 1 else None

    def _only_project_of_filters(self, tracker: Tracker, language: str) -> Project | None:
        """The one project of the district or sector the message names, if just one."""
        named = {slot: latest_entity_values(tracker, slot) for slot in FILTER_SLOTS}
        filters = {
            slot: codes[0]
            for slot, values in named.items()
            if (codes := [value for value in values if value in FILTER_CODES[slot]])
        }
        if not filters:
            return None
        matches = self.catalogue().search_projects(
            language=language,
            page_size=1,
            sector=filters.get("sector"),
            district=filters.get("district"),
        )
        return matches.items[0] if matches.total == 1 else None

    def _single_match(self, text: str, language: str) -> Project | None:
        if not text.strip() or text.startswith("/"):
            return None
        matches = self.catalogue().search_projects(language=language, query=text, page_size=1)
        return matches.items[0] if matches.total == 1 else None

    def _resolve(self, reference: str, language: str) -> Project | None:
        if PROJECT_ID_PATTERN.fullmatch(reference):
            project = self.catalogue().get_project(reference, language=language)
            if project is not None:
                return project
        matches = self.catalogue().search_projects(language=language, query=reference, page_size=1)
        return matches.items[0] if matches.items else None
