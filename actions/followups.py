"""What a short follow-up is about: the subject of the last answer.

Each answer about the hub, a project or a service records its subject in the `subject`
slot, so that "and a year later?", "price?" or "where is it?" are read against what was
just shown, whichever way it was shown (typed name, position in a list, button).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import latest_entity_values, latest_intent
from actions.hub_countries import names_another_country
from hub_lexicon.normaliser import default_normaliser
from hub_lexicon.replies import holds, refers_back

SUBJECT_SLOT = "subject"
#: The topic of a bare question word ("where", "где", "哪里"), the weakest of several.
WEAK_TOPIC = "location"
#: A question about where the facts come from, the strongest of several topics.
SOURCE_TOPIC = "source"
#: A question about what a project or company is or does ("who is that company?").
PROFILE_TOPIC = "profile"
HUB = "hub"
PROJECT = "project"
SERVICE = "service"
FALLBACK_INTENT = "nlu_fallback"
#: Entity types that give a message a subject of its own, not the project just shown.
OWN_SUBJECT_TYPES = ("project", "sector", "district", "service")


def subject(tracker: Tracker) -> str | None:
    """The subject of the last answer: "hub", "project", "service" or None."""
    return tracker.get_slot(SUBJECT_SLOT)


def set_subject(value: str) -> dict[str, Any]:
    """The event that records the subject of the answer being given."""
    return SlotSet(SUBJECT_SLOT, value)


def message_topics(tracker: Tracker) -> list[str]:
    """The topics the latest message names.

    A message the classifier could not place ("булагы кайсы?", "manba?") keeps no entities of
    a topic; its topics are then read from the lexicon directly.
    """
    topics = latest_entity_values(tracker, "topic")
    if topics or latest_intent(tracker) != FALLBACK_INTENT:
        return topics
    text = tracker.latest_message.get("text") or ""
    found = default_normaliser().find(text)
    return list(dict.fromkeys(match.value for match in found if match.entity == "topic"))


def main_topic(topics: list[str]) -> str | None:
    """The topic a question is about, of those it names.

    A question about sources wins ("where do these figures come from?" is neither about
    a place nor about the figures themselves); a bare "where" yields to any other topic.
    """
    if SOURCE_TOPIC in topics:
        return SOURCE_TOPIC
    named = [topic for topic in topics if topic != WEAK_TOPIC] or topics
    return named[0] if named else None


def refers_to_the_project(tracker: Tracker) -> bool:
    """Whether the message is about the project just shown, by a word for it ("он", "它").

    "он уже работает или только на бумаге", "它已经落地了吗": the message names nothing of its
    own, and the last answer was about a project.
    """
    if subject(tracker) != PROJECT:
        return False
    if any(latest_entity_values(tracker, kind) for kind in OWN_SUBJECT_TYPES):
        return False
    return refers_back(tracker.latest_message.get("text") or "")


def asks_the_project_about_a_country(tracker: Tracker) -> bool:
    """Whether a question about the project just shown names a country.

    "its for trade with russia right?", "is it only for russia trade?": the project's
    description says which countries it is for, though "trade" also names a sector.
    """
    if subject(tracker) != PROJECT or not tracker.get_slot("project"):
        return False
    text = tracker.latest_message.get("text") or ""
    return names_another_country(text) and refers_back(text)


def asks_where_the_project_is(tracker: Tracker) -> bool:
    """Whether a question names a place for the project just shown by a pronoun for it.

    "is it in pingdu as well?" right after another project is about that project, not a
    search of Pingdu; "平度那个项目" ("that Pingdu project") names a project by its place.
    """
    if subject(tracker) != PROJECT or not tracker.get_slot("project"):
        return False
    text = tracker.latest_message.get("text") or ""
    return bool(latest_entity_values(tracker, "district")) and holds(text, "pronouns")
