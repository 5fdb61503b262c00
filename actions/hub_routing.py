"""What a question the hub's action got is about, and the questions another answer serves.

`topic_asked` reads the question's topic against the conversation: "how much trade grew" is
about trade, not investment; "and with Kazakhstan?" right after the trade figures is about
trade. `answered_elsewhere` gives the answers that are not the hub's own figures: the hub's
organisations, the project or the service just talked about, and honest answers where the
seeds say nothing (events to come, prices, unpublished facts).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

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
    asks_trade_more,
    asks_trade_with_a_country,
    follows_events,
    follows_trade,
)
from actions.hub_countries import TRADE_TOPIC
from actions.hub_figures import asked_groups
from actions.project_followups import EVENTS_TOPIC, asks_about_the_project
from actions.projects import ActionShowProject, asks_unpublished_fact, say_fact_unpublished
from actions.references import the_other_shown
from actions.services import ActionShowServices
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

FACT_SHEET_TOPIC = "fact_sheet"


def topic_asked(tracker: Tracker) -> tuple[str | None, list[str], bool]:
    """The question's main topic, all its topics, and whether it asks the sources too.

    "and asean? also where do these numbers come from" asks the figures, then the sources.
    """
    topics = message_topics(tracker)
    topic = main_topic(topics)
    text = tracker.latest_message.get("text") or ""
    others = [t for t in topics if t not in (SOURCE_TOPIC, WEAK_TOPIC)]
    also_sources = topic == SOURCE_TOPIC and bool(others or asked_groups(text))
    if also_sources:
        topic = main_topic(others)
    if TRADE_TOPIC in topics and topic == "investment":
        topic = TRADE_TOPIC  # "how much trade grew": "how much" of trade is no investment
    if topic == TRADE_TOPIC and names_a_chamber(text):
        topic = None  # "савдо палатасимиз": a chamber of commerce asks what the hub offers
    if topic in (None, FACT_SHEET_TOPIC) and asks_trade_with_a_country(tracker):
        # "and with Kazakhstan?", "有没有跟俄罗斯单独的数据" right after the trade figures
        topic = TRADE_TOPIC
    elif topic is None and follows_trade(tracker) and asks_trade_more(text):
        topic = TRADE_TOPIC  # "and 2020?", "and with belt and road countries"
    elif topic is None and follows_events(tracker) and holds(text, "in_person"):
        topic = EVENTS_TOPIC  # "was it in person?": the events say which were online
    return topic, topics, also_sources


def answered_elsewhere(
    dispatcher: CollectingDispatcher, tracker: Tracker, language: str, topic: str | None
) -> list[dict[str, Any]] | None:
    """Answers a question that is not for the hub's own figures; None when it is.

    Args:
        dispatcher: Where the answer goes.
        tracker: The conversation.
        language: The reply language.
        topic: The question's main topic (`topic_asked`).

    Returns:
        The answer's events, or None when the hub's figures answer the question.
    """
    text = tracker.latest_message.get("text") or ""
    if asks_for_organisations(text) and not asks_who_took_part(text):
        # "which companies were at the opening" asks who took part, not for the hub's own.
        return ActionShowContacts().answer(dispatcher, tracker, language)
    if topic == EVENTS_TOPIC and asks_about_the_future(text):
        # "下一次招商会什么时候开": the seeds announce no event to come.
        dispatcher.utter_message(response="utter_hub_no_upcoming_events")
        return [set_subject(HUB)]
    if asks_about_the_project(tracker, topic) or the_other_shown(tracker) is not None:
        # "where is it?" right after a project; "what about the other?" after one of two
        return ActionShowProject().answer(dispatcher, tracker, language)
    # "сколько стоит участие для палаты", "narxi qancha?" right after a service: a price,
    # though "сколько стоит" reads as investment.
    priced = topic is None or (
        topic == "investment"
        and (names_a_chamber(text) or holds(text, "rents") or _follows_service(tracker))
    )
    if priced and asks_for_prices(text):
        # "membership fee for chambers?", "土地价格大概多少": the seeds give no prices.
        dispatcher.utter_message(response="utter_prices_not_published")
        return [set_subject(HUB)]
    about_the_service = topic in (*PROJECT_TOPICS, PROFILE_TOPIC) or (
        # "how many days it takes"; not "what were the 20 projects qingdao announced"
        topic is None and not names_the_hub(text) and not asked_groups(text)
    )
    if about_the_service and _follows_service(tracker):
        # "who is that company exactly?", "how many days?" right after a service.
        return ActionShowServices().answer(dispatcher, tracker, language)
    if topic not in (SOURCE_TOPIC, TRADE_TOPIC) and asks_unpublished_fact(text):
        say_fact_unpublished(dispatcher)
        return [set_subject(HUB)]
    return None


def _follows_service(tracker: Tracker) -> bool:
    """Whether the question is about the service just shown: it does not name the hub."""
    text = tracker.latest_message.get("text") or ""
    discussed = bool(tracker.get_slot("discussed_services"))
    return subject(tracker) == SERVICE and discussed and not names_the_hub(text)
