"""`actions.project_followups`: whether a question the hub's answer got is about the project
just shown instead.
"""

from __future__ import annotations

import pytest

from actions.hub import ActionShowHubInfo
from actions.projects import ActionShowProject
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    AFTER_A_PROJECT,
    HUB_JSON,
    PROJECTS,
    action_event,
    ask,
    entity,
    hub_json,
    page_json,
    project_json,
    responses_sent,
    slots_set,
)


def test_an_investment_question_right_after_a_project_is_about_that_project(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="how much is the investment?",
        entities=[entity("topic", "investment")],
        slots={"project": "sco-plaza-area"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_project_investment"]
    assert messages[0]["investment"] == "not disclosed"


def test_what_a_project_does_right_after_it_is_asked_about_that_project(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="他们主要做什么",
        entities=[entity("topic", "profile")],
        slots={"project": "sco-plaza-area", "subject": "project"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_project_details"]


def test_a_question_naming_the_hub_right_after_a_project_is_about_the_hub(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="中心是做什么的",
        entities=[entity("topic", "profile")],
        slots={"project": "sco-plaza-area", "subject": "project"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_hub_summary"]


def test_a_question_about_the_only_project_of_a_list_is_about_it(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    listed = {"event": "slot", "name": "shown_projects", "value": ["sco-plaza-area"]}
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="чем он интересен для айти компании",
        entities=[entity("topic", "profile")],
        slots={"shown_projects": ["sco-plaza-area"], "subject": "project"},
        events=[action_event("action_search_projects"), listed, action_event("action_listen")],
    )
    assert responses_sent(messages) == ["utter_project_details"]


def test_qingdaos_area_right_after_a_project_is_the_hubs_figure(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="ладно, какое население Циндао тогда",
        entities=[entity("topic", "location")],
        slots={"project": "sco-plaza-area", "subject": "project", "language": "ru"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_hub_location"]


def test_a_district_asked_right_after_a_project_is_about_the_project(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    catalogue.get(f"{CATALOGUE_URL}/projects", json=page_json([], total=0))  # none in it
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="在上合示范区吗",
        entities=[entity("district", "scoda")],
        slots={"project": "sco-plaza-area", "subject": "project", "language": "zh"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_project_details"]


def test_a_topic_after_a_project_shown_earlier_is_about_that_project(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    messages, events = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="price?",
        entities=[entity("topic", "investment")],
        slots={"subject": "project", "project": "sco-plaza-area"},
    )
    assert responses_sent(messages) == ["utter_project_investment"]
    assert slots_set(events)["subject"] == "project"


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("and the total signed at the opening event?", ["status", "events"]),
        ("а всего сколько подписали на открытии", ["status", "events"]),
        # "opening" alone is no topic word: the opening's figures name it
        ("and total for the 10 projects signed at the opening?", ["status"]),
    ],
)
def test_a_total_of_an_event_right_after_a_project_gets_the_hubs_figures(catalogue, text, topics):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", topic) for topic in topics],
        slots={"subject": "project", "project": "pingdu-new-economy-city"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) != ["utter_project_status"]
    assert "utter_project" not in " ".join(responses_sent(messages))


def test_when_it_happened_right_after_a_project_is_about_that_project(catalogue):
    """when did that happen" after "is it signed?": the project's details hold its dates."""
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    catalogue.get(PROJECTS, json=page_json([], total=0))  # no project named by the words
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="when did that happen",
        slots={"project": "sco-plaza-area", "subject": "project"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_project_details"]


def test_the_size_of_the_project_just_shown_is_not_qingdao_s(catalogue):
    """ "how big is the building?" right after a project is about that project, not the city."""
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="how big is the building?",
        entities=[entity("topic", "location")],
        slots={"project": "sco-plaza-area", "subject": "project"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages)[0].startswith("utter_project"), responses_sent(messages)
