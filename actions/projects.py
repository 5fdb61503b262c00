"""Project search and project details."""

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
    latest_intent,
)
from actions.catalogue_client import Project, ProjectPage
from actions.followups import (
    HUB,
    PROJECT,
    SERVICE,
    SOURCE_TOPIC,
    main_topic,
    set_subject,
    subject,
)
from actions.hub_figures import asked_groups
from actions.lead_answers import is_payload
from actions.list_positions import project_at_position
from actions.references import described_project
from actions.services import ActionShowServices
from actions.settings import load_settings
from actions.sources import citation
from actions.vocabulary import ANY_VALUE, DISTRICTS, SECTORS
from actions.when import asks_when
from hub_lexicon.replies import names_everything
from hub_vocabulary import LAST_ORDINAL, PROJECT_TOPICS

FILTER_CODES = {"sector": SECTORS, "district": DISTRICTS}
FILTER_SLOTS = tuple(FILTER_CODES)
PROJECT_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The short answer to one question about a project, by the question's topic.
PROJECT_TOPIC_RESPONSES = {
    "investment": "utter_project_investment",
    "location": "utter_project_location",
    "status": "utter_project_status",
    SOURCE_TOPIC: "utter_project_source",
}


#: The line before the results, by (filtered, all on this page).
FOUND_RESPONSES = {
    (False, False): "utter_projects_found",
    (True, False): "utter_projects_found_filtered",
    (False, True): "utter_projects_found_all",
    (True, True): "utter_projects_found_filtered_all",
}


def search_filters(tracker: Tracker) -> dict[str, str]:
    """The search's filters the conversation holds, e.g. ``{"sector": "logistics"}``."""
    return {
        slot: value
        for slot in FILTER_SLOTS
        if (value := tracker.get_slot(slot)) in FILTER_CODES[slot]
    }


def project_card(
    dispatcher: CollectingDispatcher, project: Project, cited: dict[str, Any] | None = None
) -> None:
    """Sends one project as a card with a button to its details.

    Args:
        dispatcher: Where the card goes.
        project: The project.
        cited: The answer's ``citation`` when this card is the answer's last message.
    """
    dispatcher.utter_message(
        response="utter_project_card_sourced"
        if cited and cited["source"]
        else "utter_project_card",
        project_id=project.id,
        name=project.name,
        sectors=", ".join(project.sector_labels),
        district=project.district_label,
        status=project.status_label,
        **(cited or {}),
    )


class ActionSearchProjects(CatalogueAction):
    """Lists projects, filtered by sector and district; "show more" turns the page.

    The cards are followed by the press release(s) they come from, once.
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_search_projects"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Runs the search the conversation asks for and sends the result cards.

        A follow-up that names none of a search's filters but a topic of the hub's own
        ("and ASEAN?", "и население?") right after an answer about the hub is about the hub.
        """
        if self._asks_about_the_hub(tracker):
            from actions.hub import ActionShowHubInfo  # the hub's answers use this module

            return ActionShowHubInfo().answer(dispatcher, tracker, language)
        filters = search_filters(tracker)
        everything = self._asks_for_everything(tracker)
        if everything:
            filters = {}
        page = 1 if everything else self._page_to_show(tracker)
        page_size = load_settings().search_page_size
        result = self.catalogue().search_projects(
            language=language, page=page, page_size=page_size, **filters
        )
        # "any" (and a value that is no code) clears the filter.
        events = [
            SlotSet(slot, None)
            for slot in FILTER_SLOTS
            if tracker.get_slot(slot) is not None and slot not in filters
        ]
        events.append(SlotSet("search_page", float(result.page)))
        events.append(SlotSet("shown_projects", [project.id for project in result.items]))
        events.append(set_subject(PROJECT))
        topics = [t for t in latest_entity_values(tracker, "topic") if t in PROJECT_TOPICS]
        if topics and result.total == 1:
            # "how much is invested in Pingdu?": one project matches, so answer about it.
            return [*events, *ActionShowProject().send(dispatcher, tracker, result.items[0])]
        if not result.items:
            self._no_results(dispatcher, result, page)
            return events
        self._results(dispatcher, result)
        return events

    @staticmethod
    def _asks_for_everything(tracker: Tracker) -> bool:
        """Whether the visitor asks for the whole catalogue ("show me all projects"), no filter."""
        names_filter = any(latest_entity_values(tracker, slot) for slot in FILTER_SLOTS)
        text = tracker.latest_message.get("text") or ""
        return not names_filter and not is_payload(text) and names_everything(text)

    @staticmethod
    def _asks_about_the_hub(tracker: Tracker) -> bool:
        if subject(tracker) != HUB:
            return False
        from actions.hub import asks_trade_with_a_country  # the hub's answers use this module

        if asks_trade_with_a_country(tracker):
            return True  # "а торговля с Беларусью?": "торговля" is no sector search here
        if any(latest_entity_values(tracker, slot) for slot in (*FILTER_SLOTS, "project")):
            return False
        topics = set(latest_entity_values(tracker, "topic")) - {*PROJECT_TOPICS, SOURCE_TOPIC}
        return bool(topics) or bool(asked_groups(tracker.latest_message.get("text") or ""))

    @staticmethod
    def _page_to_show(tracker: Tracker) -> int:
        """Page 1 for a new search, the next page for a bare follow-up like "show more"."""
        new_filter = any(
            value in FILTER_CODES[slot] or value == ANY_VALUE
            for slot in FILTER_SLOTS
            for value in latest_entity_values(tracker, slot)
        )
        follows_results = follows_a_list(tracker)
        if latest_intent(tracker) == "search_projects" and follows_results and not new_filter:
            return int(tracker.get_slot("search_page") or 1) + 1
        return 1

    @staticmethod
    def _filter_labels(result: ProjectPage) -> str:
        return ", ".join(applied.label for applied in result.filters)

    def _results(self, dispatcher: CollectingDispatcher, result: ProjectPage) -> None:
        labels = self._filter_labels(result)
        # All of them on one page: no "Showing 1–2".
        whole = "_all" if result.first_position == 1 and not result.remaining else ""
        dispatcher.utter_message(
            response=FOUND_RESPONSES[bool(labels), bool(whole)],
            total=result.total,
            filters=labels,
            first=result.first_position,
            last=result.last_position,
        )
        # The source goes with the answer's last message: "show more", or else the last card.
        cited = citation(result.items)
        last = len(result.items) - 1
        for position, project in enumerate(result.items):
            project_card(
                dispatcher, project, None if result.remaining or position < last else cited
            )
        if result.remaining:
            dispatcher.utter_message(
                response="utter_more_projects_sourced"
                if cited["source"]
                else "utter_more_projects",
                remaining=result.remaining,
                **cited,
            )

    def _no_results(self, dispatcher: CollectingDispatcher, result: ProjectPage, page: int) -> None:
        if page > 1 and result.total:
            dispatcher.utter_message(response="utter_no_more_projects")
        else:
            dispatcher.utter_message(
                response="utter_no_projects_found", filters=self._filter_labels(result)
            )


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
        reference = self._reference(tracker, language)
        if reference is None and subject(tracker) == HUB:
            from actions.hub import ActionShowHubInfo  # the hub's answers use this module

            return ActionShowHubInfo().answer(dispatcher, tracker, language)
        if reference is None and not latest_entity_values(tracker, "ordinal"):
            reference = self._implicit_reference(tracker)
        if reference is None and subject(tracker) == SERVICE:
            # "сколько стоит?" right after a service is about that service.
            return ActionShowServices().answer(dispatcher, tracker, language)
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
        if topic == "status" and asks_when(tracker.latest_message.get("text") or ""):
            topic = None  # "when was it signed?": the details' summary holds the dates
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

        A project named in the message wins, then a position in the list just shown, then
        the one project of that list the message describes ("the cold chain one"), then the
        one project of a district or sector the message names ("the Pingdu project"),
        then the whole message as a name (a single match only).
        """
        mentioned = latest_entity_values(tracker, "project")
        if mentioned:
            return mentioned[0]
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

    def _described(self, tracker: Tracker, shown: list[str], language: str) -> Project | None:
        """The project of the list just shown that the message describes ("the cold chain one")."""
        if len(shown) < 2 or not follows_a_list(tracker):
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
