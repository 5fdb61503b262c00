"""Answers about the hub: its summary, figures, events and sources, from the catalogue API."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import (
    CatalogueAction,
)
from actions.catalogue_client import HubInfo
from actions.catalogue_types import HubEvent
from actions.followups import (
    HUB,
    SOURCE_TOPIC,
    set_subject,
)
from actions.hub_answers import (
    HUB_SUMMARY,
    SOURCES_RESPONSE,
    TOPIC_RESPONSES,
    last_hub_answer,
)
from actions.hub_countries import TRADE_TOPIC, say_no_country_figures
from actions.hub_events import (
    best_events,
    events_discussed,
    months_named,
    utter_events,
)
from actions.hub_figures import (
    bullet_figures,
    chosen_figures,
    figure_groups_asked,
)
from actions.hub_routing import FACT_SHEET_TOPIC, answered_elsewhere, topic_asked
from actions.hub_years import say_year_not_published
from actions.project_followups import DATE_TOPIC, EVENTS_TOPIC
from actions.second_request import HUB_ANSWER, answer_second_request
from actions.sources import Sourced, SourceRef, citation
from hub_lexicon.replies import (
    asks_who_took_part,
    holds,
    names_projects,
)

#: The language the press releases were published in.
RELEASE_LANGUAGE = "en"

#: The hub's figures that answer a question about one topic, by the figures' keys.
FIGURES_BY_TOPIC: dict[str, tuple[str, ...]] = {
    "investment": (
        "opening_signed_projects",
        "opening_signed_investment",
        "announced_projects",
        "announced_investment",
        "visiting_2021_projects",
        "visiting_2021_investment",
    ),
    # "how many projects were signed?": the counts with their sums.
    "status": (
        "opening_signed_projects",
        "opening_signed_investment",
        "announced_projects",
        "announced_investment",
        "visiting_2021_projects",
        "visiting_2021_investment",
    ),
    "trade": (
        "exports_asean_growth_2019",
        "trade_belt_and_road_growth_2019",
        "trade_asean_growth_2020q1",
        "trade_belt_and_road_growth_2020q1",
    ),
    "location": (
        "qingdao_land_area",
        "jiaodong_peninsula_area",
        "shandong_area",
        "qingdao_population",
    ),
    "events": ("opening_central_enterprises", "scoda_visit_central_soes"),
}
#: The topics of a question an event may answer ("летом 21го кто приезжал", "date?").
EVENT_TOPICS = (None, EVENTS_TOPIC, DATE_TOPIC)
#: How surely a question must name an event (`best_events`) to leave the one talked about.
SURE_EVENT = 2


def release_lines(hub: HubInfo, language: str) -> str:
    """One line per press release: its date, and its title in the title's language.

    The releases were published in English; the website's Sources page translates them.
    """
    return "\n".join(
        f"• {r.date_label}: {r.title}" if language == RELEASE_LANGUAGE else f"• {r.date_label}"
        for r in hub.releases
    )


class ActionShowHubInfo(CatalogueAction):
    """Answers what was asked about the hub: one topic, a short summary, or everything.

    Right after a project's details, a question about an investment, a location, a status,
    what the project is (or its source) that does not name the hub is about that project,
    and the project's answer is given instead. A question about sources gets the press
    releases of the hub's facts. A follow-up that names no topic right after the hub's
    summary ("and a year later?", "它是哪年开的？") gets the hub's dated figures and events,
    with their sources. A question about one of the hub's figures ("and in 2021?",
    "青岛人口多少") gets those figures alone (`hub_figures.yml`), and one that dates or names
    an event ("who came in July 2021?") gets that event with what happened there
    (`hub_events.yml`).
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_show_hub_info"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Sends the summary with topic buttons, one topic's facts, or the fact sheet."""
        topic, topics, also_sources = topic_asked(tracker)
        routed = answered_elsewhere(dispatcher, tracker, language, topic)
        if routed is not None:
            return routed
        text = tracker.latest_message.get("text") or ""
        follow_up = last_hub_answer(tracker) == HUB_SUMMARY
        hub = self.catalogue().hub_info(language=language)
        if topic != SOURCE_TOPIC and say_year_not_published(dispatcher, hub, text):
            return [set_subject(HUB)]  # "а в 2022 сколько подписали?"
        # "开幕的时候签了几个项目": a count asked about an event is a question about figures.
        counted = [t for t in topics if t in ("investment", "status") and topic != TRADE_TOPIC]
        if topic == EVENTS_TOPIC and (holds(text, "counts") or names_projects(text)):
            # "开幕那天青岛还发布了多少个项目": how many, at that event; "发布会上是不是还公布了一批
            # 项目": the projects announced there
            counted = ["investment"]
        groups = figure_groups_asked(text, counted[0] if counted else topic)
        # "how much was signed in June 2021?": a dated count is about that event.
        dated = bool(months_named(text))
        # "which companies were at the opening": who took part, not the opening's figures;
        # "how many central enterprises took part": the figures
        took_part = asks_who_took_part(text) and not holds(text, "counts")
        asked = dated or not groups or took_part
        events = self._events_asked(tracker, hub, topic) if asked else []
        if topic == SOURCE_TOPIC:
            self._sources(dispatcher, hub, language)
        elif events:
            utter_events(dispatcher, events)
        elif groups:
            keys = tuple(dict.fromkeys(key for group in groups for key in group.figures))
            say_no_country_figures(dispatcher, groups[0].topic, text)
            self._topic(dispatcher, hub, groups[0].topic, keys)
        elif topic in TOPIC_RESPONSES:
            say_no_country_figures(dispatcher, topic, text)
            self._topic(dispatcher, hub, topic)
        elif topic == DATE_TOPIC:
            self._topic(dispatcher, hub, EVENTS_TOPIC)
        elif topic == FACT_SHEET_TOPIC or follow_up:
            self._fact_sheet(dispatcher, hub)
        else:
            dispatcher.utter_message(
                response=HUB_SUMMARY,
                name=hub.name,
                summary=hub.summary,
                **citation([SourceRef(hub.summary_source, hub.summary_source_files)]),
            )
        if also_sources:
            self._sources(dispatcher, hub, language)
        return [set_subject(HUB)]

    def answer_also(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """The services, asked together with the hub's figures."""
        return answer_second_request(dispatcher, tracker, language, HUB_ANSWER)

    @staticmethod
    def _sources(dispatcher: CollectingDispatcher, hub: HubInfo, language: str) -> None:
        """Sends the press releases the hub's facts and figures come from."""
        facts: list[Sourced] = [*hub.figures, *hub.events]
        dispatcher.utter_message(
            response=SOURCES_RESPONSE, releases=release_lines(hub, language), **citation(facts)
        )

    @staticmethod
    def _topic(
        dispatcher: CollectingDispatcher,
        hub: HubInfo,
        topic: str,
        keys: tuple[str, ...] | None = None,
    ) -> None:
        figures = chosen_figures(hub.figures, keys or FIGURES_BY_TOPIC[topic])
        events = hub.events if topic == EVENTS_TOPIC else ()
        dispatcher.utter_message(
            response=TOPIC_RESPONSES[topic],
            figures=bullet_figures(figures),
            events="\n".join(f"• {event.date_label}: {event.title}" for event in hub.events),
            **citation([*figures, *events]),
        )

    def _events_asked(self, tracker: Tracker, hub: HubInfo, topic: str | None) -> list[HubEvent]:
        """The events a question is about: those it surely names, else the one talked about.

        "what did they agree on?", "date?", "how many central enterprises took part" right
        after an event stay on it; "итог визита какой" names an event, but not surely; one
        word of a title ("a roadshow for our company") names none.
        """
        text = tracker.latest_message.get("text") or ""
        events, sureness = best_events(text, hub.events) if topic in EVENT_TOPICS else ([], 0)
        took_part = asks_who_took_part(text)
        if topic is None and sureness < SURE_EVENT and not took_part:
            events = []
        # "which companies were at the opening": one word of a title names it weakly
        named_weakly = sureness > 0 and (topic == EVENTS_TOPIC or took_part)
        follows_event = topic in (None, DATE_TOPIC) or named_weakly or took_part
        if sureness < SURE_EVENT and follows_event:
            shown = self._events_just_shown(tracker, hub)
            dated = topic == DATE_TOPIC and sureness > 0  # "какого числа было открытие"
            if dated or (named_weakly and took_part):
                # "кто от шос был на открытии" after the 2021 visit, or after every event
                return [event for event in events if event in shown] or events
            return shown or events
        return events

    @staticmethod
    def _events_just_shown(tracker: Tracker, hub: HubInfo) -> list[HubEvent]:
        """The events the conversation is on, while it is on the hub (`events_discussed`)."""
        if last_hub_answer(tracker) is None:
            return []
        questions = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
        return events_discussed(questions, hub.events)

    @staticmethod
    def _fact_sheet(dispatcher: CollectingDispatcher, hub: HubInfo) -> None:
        dispatcher.utter_message(
            response="utter_hub_info",
            name=hub.name,
            summary=hub.summary,
            figures=bullet_figures(list(hub.figures)),
            events="\n".join(f"• {event.date_label}: {event.title}" for event in hub.events),
            **citation([*hub.figures, *hub.events]),
        )
