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
from actions.contacts import ActionShowContacts
from actions.followups import (
    HUB,
    PROFILE_TOPIC,
    SERVICE,
    SOURCE_TOPIC,
    WEAK_TOPIC,
    main_topic,
    message_topics,
    set_subject,
    subject,
)
from actions.hub_answers import (
    HUB_SUMMARY,
    TOPIC_RESPONSES,
    asks_trade_more,
    asks_trade_with_a_country,
    follows_trade,
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
    asked_groups,
    bullet_figures,
    chosen_figures,
    figure_groups_asked,
)
from actions.hub_years import say_year_not_published
from actions.project_followups import DATE_TOPIC, asks_about_the_project
from actions.projects import ActionShowProject, asks_unpublished_fact, say_fact_unpublished
from actions.second_request import HUB_ANSWER, answer_second_request
from actions.services import ActionShowServices
from actions.sources import Sourced, SourceRef, citation
from hub_lexicon.replies import (
    asks_about_the_future,
    asks_for_organisations,
    asks_for_prices,
    asks_who_took_part,
    holds,
    names_a_chamber,
    names_the_hub,
)
from hub_vocabulary import PROJECT_TOPICS

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
EVENTS_TOPIC = "events"
FACT_SHEET_TOPIC = "fact_sheet"
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
        topics = message_topics(tracker)
        topic = main_topic(topics)
        text = tracker.latest_message.get("text") or ""
        # "and asean? also where do these numbers come from": the figures, then the sources.
        others = [t for t in topics if t not in (SOURCE_TOPIC, WEAK_TOPIC)]
        also_sources = topic == SOURCE_TOPIC and bool(others or asked_groups(text))
        if also_sources:
            topic = main_topic(others)
        if TRADE_TOPIC in topics and topic == "investment":
            topic = TRADE_TOPIC  # "how much trade grew": "how much" of trade is no investment
        if topic == TRADE_TOPIC and names_a_chamber(text):
            topic = None  # "савдо палатасимиз": a chamber of commerce asks what the hub offers
        if asks_for_organisations(text) and not asks_who_took_part(text):
            # "which companies were at the opening" asks who took part, not for the hub's own.
            return ActionShowContacts().answer(dispatcher, tracker, language)
        if topic == EVENTS_TOPIC and asks_about_the_future(text):
            # "下一次招商会什么时候开": the seeds announce no event to come.
            dispatcher.utter_message(response="utter_hub_no_upcoming_events")
            return [set_subject(HUB)]
        if topic in (None, FACT_SHEET_TOPIC) and asks_trade_with_a_country(tracker):
            # "and with Kazakhstan?", "有没有跟俄罗斯单独的数据" right after the trade figures
            topic = TRADE_TOPIC
        elif topic is None and follows_trade(tracker) and asks_trade_more(text):
            topic = TRADE_TOPIC  # "and 2020?", "and with belt and road countries"
        if asks_about_the_project(tracker, topic):
            return ActionShowProject().answer(dispatcher, tracker, language)
        about_the_service = topic in (*PROJECT_TOPICS, PROFILE_TOPIC) or (
            # "how many days it takes"; not "what were the 20 projects qingdao announced"
            topic is None and not names_the_hub(text) and not asked_groups(text)
        )
        if about_the_service and self._follows_service(tracker):
            # "who is that company exactly?", "сколько стоит?" right after a service.
            return ActionShowServices().answer(dispatcher, tracker, language)
        # "сколько стоит участие для палаты": a price, though "сколько стоит" reads as investment.
        priced = topic is None or (
            topic == "investment" and (names_a_chamber(text) or holds(text, "rents"))
        )
        if priced and asks_for_prices(text):
            # "membership fee for chambers?", "土地价格大概多少": the seeds give no prices.
            dispatcher.utter_message(response="utter_prices_not_published")
            return [set_subject(HUB)]
        if topic not in (SOURCE_TOPIC, TRADE_TOPIC) and asks_unpublished_fact(text):
            say_fact_unpublished(dispatcher)
            return [set_subject(HUB)]
        follow_up = last_hub_answer(tracker) == HUB_SUMMARY
        hub = self.catalogue().hub_info(language=language)
        if topic != SOURCE_TOPIC and say_year_not_published(dispatcher, hub, text):
            return [set_subject(HUB)]  # "а в 2022 сколько подписали?"
        # "开幕的时候签了几个项目": a count asked about an event is a question about figures.
        counted = [t for t in topics if t in ("investment", "status") and topic != TRADE_TOPIC]
        if topic == EVENTS_TOPIC and holds(text, "counts"):
            counted = ["investment"]  # "开幕那天青岛还发布了多少个项目": how many, at that event
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
            response="utter_hub_sources", releases=release_lines(hub, language), **citation(facts)
        )

    @staticmethod
    def _follows_service(tracker: Tracker) -> bool:
        """Whether the question is about the service just shown: it does not name the hub."""
        text = tracker.latest_message.get("text") or ""
        discussed = bool(tracker.get_slot("discussed_services"))
        return subject(tracker) == SERVICE and discussed and not names_the_hub(text)

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
        if topic is None and sureness < SURE_EVENT:
            events = []
        named_weakly = topic == EVENTS_TOPIC and sureness > 0
        follows_event = topic in (None, DATE_TOPIC) or named_weakly or asks_who_took_part(text)
        if sureness < SURE_EVENT and follows_event:
            shown = self._events_just_shown(tracker, hub)
            dated = topic == DATE_TOPIC and sureness > 0  # "какого числа было открытие"
            if dated or (named_weakly and asks_who_took_part(text)):
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
