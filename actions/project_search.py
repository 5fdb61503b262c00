"""The project search: result cards by sector and district, a page at a time."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CatalogueAction, follows_a_list, latest_entity_values, latest_intent
from actions.catalogue_client import ProjectPage
from actions.followups import (
    HUB,
    PROJECT,
    SOURCE_TOPIC,
    asks_the_project_about_a_country,
    asks_where_the_project_is,
    refers_to_the_project,
    set_subject,
    subject,
)
from actions.hub_answers import asks_trade_more, asks_trade_with_a_country, follows_trade
from actions.hub_figures import asked_groups
from actions.lead_answers import is_payload
from actions.project_cards import send_cards
from actions.project_countries import country_asked_of_projects, projects_naming_country
from actions.project_filters import (
    FILTER_CODES,
    FILTER_SLOTS,
    named_filters,
    named_with_its_own_filters,
    search_filters,
)
from actions.projects import ActionShowProject
from actions.references import the_other_shown
from actions.second_request import SEARCH_ANSWER, answer_second_request
from actions.settings import load_settings
from actions.vocabulary import ANY_VALUE
from hub_lexicon.replies import (
    asks_for_organisations,
    asks_for_others,
    asks_instead,
    holds,
    names_everything,
    names_projects,
)
from hub_vocabulary import PROJECT_TOPICS

#: Two filters (a search has at most these two) that find nothing together: the one tried
#: alone first, then the other.
RELAXED_ORDER = ("district", "sector")
#: The line before the results, by (filtered, all on this page).
FOUND_RESPONSES = {
    (False, False): "utter_projects_found",
    (True, False): "utter_projects_found_filtered",
    (False, True): "utter_projects_found_all",
    (True, True): "utter_projects_found_filtered_all",
}


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
        """Sends the search's result cards."""
        return self._search(dispatcher, tracker, language)

    def answer_also(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """The services or the hub's figures, asked together with the projects."""
        return answer_second_request(dispatcher, tracker, language, SEARCH_ANSWER)

    def _search(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Runs the search the conversation asks for and sends the result cards.

        A follow-up that names none of a search's filters but a topic of the hub's own
        ("and ASEAN?", "и население?") right after an answer about the hub is about the hub.
        A new filter asked for instead ("no, show me what's in Pingdu" after infrastructure)
        that finds nothing together with the ones kept from before is tried alone.
        """
        text = tracker.latest_message.get("text") or ""
        country = None if named_filters(tracker) else country_asked_of_projects(text)
        if country is not None:
            # "а какие проекты у вас связаны с россией": the summaries name the countries
            return self._projects_naming(dispatcher, language, country)
        if self._asks_about_the_hub(tracker):
            from actions.hub import ActionShowHubInfo  # the hub's answers use this module

            return ActionShowHubInfo().answer(dispatcher, tracker, language)
        one_project = bool(latest_entity_values(tracker, "project"))
        about_the_project = (
            refers_to_the_project(tracker)
            or named_with_its_own_filters(tracker, self.catalogue(), language) is not None
            or asks_the_project_about_a_country(tracker)  # "its for trade with russia right?"
            or asks_where_the_project_is(tracker)  # "is it in pingdu as well?"
            or the_other_shown(tracker) is not None  # "and the other one?" after one of two
        )
        if (one_project and not named_filters(tracker)) or about_the_project:
            # "pingdu projects" names one project; "它已经落地了吗" right after a project is
            # about that project, not a new page.
            return ActionShowProject().answer(dispatcher, tracker, language)
        filters = search_filters(tracker)
        if asks_for_others(tracker.latest_message.get("text") or ""):
            # "还有别的数字经济项目吗" after Pingdu's: the sector asked, not the place kept.
            filters = named_filters(tracker) or filters
        everything = self._asks_for_everything(tracker)
        if everything:
            filters = {}
        page = 1 if everything else self._page_to_show(tracker)
        page_size = load_settings().search_page_size
        result = self.catalogue().search_projects(
            language=language, page=page, page_size=page_size, **filters
        )
        widened = False
        if page == 1 and result.total == page_size + 1:
            # Four of four on one screen, rather than three and a page of one ("show more"
            # then finds no second page).
            result = self.catalogue().search_projects(
                language=language, page=page, page_size=page_size + 1, **filters
            )
            widened = True
        named = named_filters(tracker)
        turns = asks_instead(tracker.latest_message.get("text") or "")
        relaxed_from = None
        if not result.total and turns and named and named != filters:
            # "no, show me what's in Pingdu" after infrastructure: the new filter alone.
            filters, page = named, 1
            result = self.catalogue().search_projects(
                language=language, page=page, page_size=page_size, **filters
            )
        elif not result.total and len(filters) > 1 and page == 1:
            # "а пинду это тоже инфраструктура?": what the place has, or else the sector.
            relaxed_from = result
            for slot in RELAXED_ORDER:
                kept = {slot: filters[slot]}
                found = self.catalogue().search_projects(
                    language=language, page=1, page_size=page_size, **kept
                )
                if found.total:
                    filters, result = kept, found
                    break
        # "any" (and a value that is no code) clears the filter.
        events = [
            SlotSet(slot, None)
            for slot in FILTER_SLOTS
            if tracker.get_slot(slot) is not None and slot not in filters
        ]
        # After four of four, "show more" asks for page 3 of three-card pages: past the end.
        events.append(SlotSet("search_page", 2.0 if widened else float(result.page)))
        events.append(SlotSet("shown_projects", [project.id for project in result.items]))
        events.append(set_subject(PROJECT))
        topics = [t for t in latest_entity_values(tracker, "topic") if t in PROJECT_TOPICS]
        if topics and result.total == 1:
            # "how much is invested in Pingdu?": one project matches, so answer about it.
            return [*events, *ActionShowProject().send(dispatcher, tracker, result.items[0])]
        if not result.items:
            self._no_results(dispatcher, result, page)
            return events
        if relaxed_from is not None and result is not relaxed_from:
            dispatcher.utter_message(
                response="utter_no_projects_found_relaxed",
                filters=self._filter_labels(relaxed_from),
                kept=self._filter_labels(result),
            )
        self._results(dispatcher, result)
        return events

    def _projects_naming(
        self, dispatcher: CollectingDispatcher, language: str, country: str
    ) -> list[dict[str, Any]]:
        """The projects whose description names the country, or that none does."""
        projects = projects_naming_country(self.catalogue(), language, country)
        if not projects:
            dispatcher.utter_message(response="utter_no_projects_for_country")
            return [set_subject(PROJECT)]
        dispatcher.utter_message(response="utter_projects_for_country", total=len(projects))
        send_cards(dispatcher, projects)
        shown = [project.id for project in projects]
        return [SlotSet("shown_projects", shown), SlotSet("search_page", 1), set_subject(PROJECT)]

    @staticmethod
    def _asks_for_everything(tracker: Tracker) -> bool:
        """Whether the visitor asks for the whole catalogue ("show me all projects"), no filter."""
        names_filter = any(latest_entity_values(tracker, slot) for slot in FILTER_SLOTS)
        text = tracker.latest_message.get("text") or ""
        return not names_filter and not is_payload(text) and names_everything(text)

    @staticmethod
    def _asks_about_the_hub(tracker: Tracker) -> bool:
        from actions.hub_events import years_named

        named = any(latest_entity_values(tracker, slot) for slot in (*FILTER_SLOTS, "project"))
        if not named and years_named(tracker.latest_message.get("text") or ""):
            return True  # "какие проекты подписали в 2021?": the catalogue has no years
        if not named and asks_for_organisations(tracker.latest_message.get("text") or ""):
            return True  # "а какая ещё компания тогда же появилась?": the hub's own
        if subject(tracker) != HUB:
            return False

        if asks_trade_with_a_country(tracker):
            return True  # "а торговля с Беларусью?": "торговля" is no sector search here
        text = tracker.latest_message.get("text") or ""
        if follows_trade(tracker) and asks_trade_more(text):
            return True  # "和一带一路国家的进出口呢" right after the trade figures
        if any(latest_entity_values(tracker, slot) for slot in (*FILTER_SLOTS, "project")):
            return False
        if holds(text, "which_ones") and not names_projects(text):
            return True  # "which ones for example" right after how many took part
        topics = set(latest_entity_values(tracker, "topic")) - {*PROJECT_TOPICS, SOURCE_TOPIC}
        # "几个项目" right after the hub's figures: how many were signed, not a list
        return bool(topics) or bool(asked_groups(text)) or holds(text, "counts")

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
        cited = send_cards(dispatcher, result.items, cite_last=not result.remaining)
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
