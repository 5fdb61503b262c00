"""Whether a question the hub's answer got is about the project just shown instead.

"where is it?", "когда его заключили", "когда договорились?" right after a project are
about that project; "and the total signed at the opening event?" and "какое население
Циндао тогда" are about the hub's and the city's figures, even right after one.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.base import follows_a_list, latest_entity_values, previous_bot_action
from actions.followups import (
    PROJECT,
    SOURCE_TOPIC,
    message_topics,
    refers_to_the_project,
    subject,
)
from actions.hub_figures import asked_groups, asks_city_figures
from actions.when import asks_when
from hub_lexicon.replies import asks_for_a_total, asks_who_took_part, names_the_hub
from hub_vocabulary import PROJECT_TOPICS

DATE_TOPIC = "date"
EVENTS_TOPIC = "events"


def asks_about_the_project(tracker: Tracker, topic: str | None) -> bool:
    """Whether a question about `topic` is about the project just shown.

    Args:
        tracker: The conversation.
        topic: The question's main topic, if any.
    """
    if not follows_project(tracker):
        return False
    text = tracker.latest_message.get("text") or ""
    at_an_event = EVENTS_TOPIC in message_topics(tracker) or bool(asked_groups(text))
    if asks_for_a_total(text) and at_an_event:
        # "а всего сколько подписали на открытии", "and total for the 10 projects signed at
        # the opening?": the hub's figures
        return False
    project_topic = topic in (*PROJECT_TOPICS, SOURCE_TOPIC, DATE_TOPIC)
    about_project = project_topic and not asks_city_figures(text)
    # "在上合示范区吗" right after a project: is it there?
    place_asked = topic is None and bool(latest_entity_values(tracker, "district"))
    # "когда договорились?"; "when did that happen" right after "is it signed?"
    agreed_when = asks_when(text) and (asks_who_took_part(text) or topic is None)
    return about_project or place_asked or agreed_when or refers_to_the_project(tracker)


def follows_project(tracker: Tracker) -> bool:
    """Whether the question follows a project shown on its own, or as the only one of a list.

    A question that names the hub does not.
    """
    follows = previous_bot_action(tracker) == "action_show_project" or subject(tracker) == PROJECT
    one_listed = len(tracker.get_slot("shown_projects") or []) == 1 and follows_a_list(tracker)
    shown = bool(tracker.get_slot("project")) or one_listed
    text = tracker.latest_message.get("text") or ""
    return follows and shown and not names_the_hub(text)
