"""Follow-ups read against the subject of the last answer (issue 20, error classes 2, 3, 7)."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.followups import main_topic
from actions.hub import ActionShowHubInfo
from actions.project_search import ActionSearchProjects
from actions.projects import ActionShowProject
from actions.services import ActionShowServices
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    PINGDU,
    PROJECTS,
    action_event,
    ask,
    entity,
    hub_json,
    make_tracker,
    page_json,
    project_json,
    responses_sent,
    run_action,
    slots_set,
)

AFTER_THE_SUMMARY = [
    {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_summary"}},
    action_event("action_listen"),
]


def test_a_follow_up_without_a_topic_after_the_hub_gets_its_dated_facts(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, events = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="and what else?",
        slots={"subject": "hub"},
        events=AFTER_THE_SUMMARY,
    )
    assert responses_sent(messages) == ["utter_hub_info"]
    assert slots_set(events) == {"subject": "hub"}


def test_a_project_question_naming_no_project_after_the_hub_is_about_the_hub(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    catalogue.get(PROJECTS, json=page_json([], total=0))
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="它是哪年开的？",
        slots={"subject": "hub", "project": "sco-plaza-area"},
        events=AFTER_THE_SUMMARY,
    )
    assert responses_sent(messages) == ["utter_hub_info"]


def test_an_unsure_short_follow_up_with_a_topic_is_answered_about_the_project(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, events = ask(
        ActionFallback(),
        intent="nlu_fallback",
        text="цена?",
        entities=[entity("topic", "investment")],
        slots={"language": "ru", "subject": "project", "project": "sco-plaza-area"},
    )
    assert responses_sent(messages) == ["utter_project_investment"]
    assert not any(event["event"] == "rewind" for event in events)


def test_an_unsure_message_without_a_topic_still_gets_the_help_menu():
    messages, _ = ask(
        ActionFallback(), intent="nlu_fallback", text="hmm", slots={"subject": "project"}
    )
    assert responses_sent(messages) == ["utter_default"]


def test_where_yields_to_any_other_topic_named():
    assert main_topic(["location", "fact_sheet"]) == "fact_sheet"
    assert main_topic(["location"]) == "location"
    assert main_topic([]) is None


def test_a_question_about_sources_wins_over_the_other_topics_named():
    assert main_topic(["location", "fact_sheet", "source"]) == "source"


def test_a_new_question_about_the_hub_after_one_topic_gets_the_summary(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    trade = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_trade"}}
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="what is this hub?",
        slots={"subject": "hub"},
        events=[trade, action_event("action_listen")],
    )
    assert responses_sent(messages) == ["utter_hub_summary"]


@pytest.mark.parametrize(
    ("action", "intent", "text", "language"),
    [
        (ActionShowServices(), "ask_service", "а что они хотят туда привезти", "ru"),
        (ActionSearchProjects(), "search_projects", "它已经落地了吗", "zh"),
        (ActionShowHubInfo(), "ask_hub_info", "когда его заключили", "ru"),
        (ActionShowHubInfo(), "ask_hub_info", "когда договорились?", "ru"),
        (ActionFallback(), "nlu_fallback", "what do they make there", "en"),
    ],
)
def test_a_word_for_the_project_just_shown_asks_about_it(catalogue, action, intent, text, language):
    catalogue.get(PROJECTS, json=page_json([], total=0))
    catalogue.get(f"{PROJECTS}/pingdu-new-economy-city", json=PINGDU)
    messages, events = ask(
        action,
        intent=intent,
        text=text,
        slots={"language": language, "subject": "project", "project": PINGDU["id"]},
    )
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == PINGDU["id"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("its for trade with russia right?", "en"), ("is it only for russia trade?", "en")],
)
def test_a_country_asked_of_the_project_just_shown_is_about_it(catalogue, text, language):
    """ "trade" names a sector too; the project's description says which countries it is for."""
    catalogue.get(f"{PROJECTS}/pingdu-new-economy-city", json=PINGDU)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text=text,
        entities=[entity("sector", "trade")],
        slots={"language": language, "subject": "project", "project": PINGDU["id"]},
    )
    assert responses_sent(messages) == ["utter_project_details"]


def test_a_place_asked_of_the_project_just_shown_by_a_pronoun_is_about_it(catalogue):
    """ "is it in pingdu as well?" right after another project: that project's place."""
    catalogue.get(f"{PROJECTS}/pingdu-new-economy-city", json=PINGDU)
    tracker = make_tracker(
        intent="search_projects",
        text="is it in jiaozhou as well?",
        entities=[entity("district", "jiaozhou")],
        slots={"subject": "project", "project": PINGDU["id"]},
    )
    messages, events = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == PINGDU["id"]
    messages, events = run_action(ActionShowProject(), tracker)  # read as the project's
    assert slots_set(events)["project"] == PINGDU["id"]


def test_a_word_for_it_that_names_something_else_is_about_that(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/services", json={"items": []})
    messages, _ = ask(
        ActionShowServices(),
        intent="ask_service",
        text="а визу они помогают оформить?",
        entities=[entity("service", "visa")],
        slots={"language": "ru", "subject": "project", "project": PINGDU["id"]},
    )
    assert responses_sent(messages) == ["utter_service_not_listed_visa"]
