"""`actions.projects`: one project's details or one fact about it, and which project is meant."""

from __future__ import annotations

import pytest
from responses import matchers

from actions.projects import ActionShowProject
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    AFTER_A_PROJECT,
    HUB_JSON,
    PINGDU,
    PROJECTS,
    action_event,
    ask,
    entity,
    page_json,
    project_json,
    responses_sent,
    serve_search,
    slots_set,
)


def test_details_by_id_from_a_button(catalogue):
    catalogue.get(
        f"{PROJECTS}/pingdu-new-economy-city",
        match=[matchers.query_param_matcher({"lang": "zh"})],
        json=project_json(
            "pingdu-new-economy-city", "平度新经济产业城项目", investment_label="未披露"
        ),
    )
    messages, events = ask(
        ActionShowProject(),
        intent="project_details",
        entities=[entity("project", "pingdu-new-economy-city")],
        slots={"language": "zh", "discussed_projects": ["sco-plaza-area"]},
    )
    assert responses_sent(messages) == ["utter_project_details"]
    assert messages[0]["name"] == "平度新经济产业城项目"
    assert messages[0]["investment"] == "未披露"
    assert slots_set(events)["discussed_projects"] == [
        "sco-plaza-area",
        "pingdu-new-economy-city",
    ]


def test_details_by_typed_name_use_the_fuzzy_search(catalogue):
    serve_search(
        catalogue,
        {"lang": "en", "q": "SCO Finanse Bilding", "page": "1", "page_size": "1"},
        page_json([project_json("sco-finance-building", "SCO Finance Building")]),
    )
    messages, events = ask(
        ActionShowProject(),
        intent="project_details",
        entities=[entity("project", "SCO Finanse Bilding")],
    )
    assert messages[0]["name"] == "SCO Finance Building"
    assert slots_set(events)["project"] == "sco-finance-building"


def test_unknown_project_is_said_plainly(catalogue):
    catalogue.get(f"{PROJECTS}/moon-base", status=404, json={"detail": "no such project"})
    catalogue.get(PROJECTS, json=page_json([]))
    messages, _ = ask(
        ActionShowProject(), intent="project_details", entities=[entity("project", "moon-base")]
    )
    assert responses_sent(messages) == ["utter_project_not_found"]


def test_details_without_a_project_ask_which_one(catalogue):
    catalogue.get(PROJECTS, json=page_json([project_json()] * 1, total=4))
    messages, _ = ask(ActionShowProject(), intent="project_details", text="tell me about the park")
    assert responses_sent(messages) == ["utter_ask_which_project"]


def test_a_name_the_nlu_missed_is_found_when_it_matches_one_project(catalogue):
    serve_search(
        catalogue,
        {"lang": "en", "q": "tell me about the CMIC branch", "page": "1", "page_size": "1"},
        page_json([project_json("cmic-qingdao-branch", "Qingdao Branch of CMIC")]),
    )
    messages, events = ask(
        ActionShowProject(), intent="project_details", text="tell me about the CMIC branch"
    )
    assert messages[0]["name"] == "Qingdao Branch of CMIC"
    assert slots_set(events)["project"] == "cmic-qingdao-branch"


def test_without_a_name_the_project_talked_about_last_is_shown(catalogue):
    catalogue.get(PROJECTS, json=page_json([], total=0))
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="what is its status?",
        slots={"project": "sco-plaza-area"},
    )
    assert messages[0]["name"] == "SCO Plaza Area"


def test_the_project_of_the_district_named_is_the_one_asked_about(catalogue):
    serve_search(
        catalogue,
        {"lang": "zh", "district": "pingdu", "page": "1", "page_size": "1"},
        page_json([PINGDU], total=1, page_size=1),
    )
    messages, events = ask(
        ActionShowProject(),
        intent="project_details",
        text="平度那个项目投资多少？",
        entities=[entity("district", "pingdu"), entity("topic", "investment")],
        slots={"language": "zh", "project": "sco-plaza-area"},
    )
    assert responses_sent(messages) == ["utter_project_investment"]
    assert slots_set(events)["project"] == "pingdu-new-economy-city"


# --- One fact about a project, and where it comes from ------------------------------------


def test_a_question_about_the_project_just_shown_gets_a_short_answer(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="where is it?",
        entities=[entity("topic", "location")],
        slots={"project": "sco-plaza-area"},
    )
    assert responses_sent(messages) == ["utter_project_location_unknown"]
    assert messages[0]["project_id"] == "sco-plaza-area"


@pytest.mark.parametrize("topic", ["location", "status"])
def test_a_short_answer_about_a_project_names_its_source(catalogue, topic):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        entities=[entity("topic", topic)],
        slots={"project": "sco-plaza-area"},
    )
    expected = "utter_project_location_unknown" if topic == "location" else "utter_project_status"
    assert responses_sent(messages) == [expected]
    assert messages[0]["source"] == project_json()["source_label"]


def test_a_project_without_a_known_source_never_shows_its_file_name(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json(source_label=None))
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        entities=[entity("project", "sco-plaza-area")],
    )
    assert messages[0]["source"] == ""


def test_where_a_projects_facts_come_from(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="where does this come from?",
        entities=[entity("topic", "location"), entity("topic", "source")],
        slots={"subject": "project", "project": "sco-plaza-area"},
    )
    assert responses_sent(messages) == ["utter_project_source"]
    assert messages[0]["source"]


@pytest.mark.parametrize(
    "text", ["and when was it signed?", "签约是哪一年？", "когда его подписали?"]
)
def test_when_a_project_was_signed_gets_its_details_with_the_dates(catalogue, text):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text=text,
        entities=[entity("topic", "status")],
        slots={"project": "sco-plaza-area"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_project_details"]
    assert messages[0]["summary"] == "Signed at the hub's opening conference."


def test_whether_a_project_is_signed_gets_its_status_alone(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="is it signed already?",
        entities=[entity("topic", "status")],
        slots={"project": "sco-plaza-area"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_project_status"]


@pytest.mark.parametrize("text", ["是2019年签的吗", "是19年签的吗", "signed in 2019?"])
def test_whether_a_project_was_signed_in_a_year_gets_its_dated_details(catalogue, text):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text=text,
        entities=[entity("topic", "status")],
        slots={"project": "sco-plaza-area"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages) == ["utter_project_details"]


@pytest.mark.parametrize(
    "text", ["and when did this one settle?", "这个几时落户的", "а этот когда?"]
)
def test_this_after_a_search_with_one_result_is_that_result(catalogue, text):
    catalogue.get(f"{PROJECTS}/cmic-qingdao-branch", json=project_json("cmic-qingdao-branch"))
    _, events = ask(
        ActionShowProject(),
        intent="project_details",
        text=text,
        entities=[entity("topic", "status")],
        slots={"project": "pingdu-new-economy-city", "shown_projects": ["cmic-qingdao-branch"]},
        events=[action_event("action_search_projects"), action_event("action_listen")],
    )
    assert slots_set(events)["project"] == "cmic-qingdao-branch"


def test_where_the_hub_is_asked_with_no_project_talked_about_is_the_hubs_answer(catalogue):
    catalogue.get(PROJECTS, json=page_json([]))  # no project is named "где вы находитесь"
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="а где вы находитесь",
        entities=[entity("topic", "location")],
    )
    assert responses_sent(messages) == ["utter_hub_location"]
