"""`actions.project_search`: result cards a page at a time, and what a search is about instead."""

from __future__ import annotations

import requests

from actions.project_search import ActionSearchProjects
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    HUB_JSON,
    PINGDU,
    PROJECTS,
    action_event,
    ask,
    entity,
    hub_json,
    page_json,
    project_json,
    responses_sent,
    serve_search,
    slots_set,
    user_event,
)


def test_search_uses_filters_and_sends_one_card_per_project(catalogue):
    serve_search(
        catalogue,
        {"lang": "ru", "sector": "medical", "page": "1", "page_size": "3"},
        page_json(
            [project_json("xinhong-medical-industry", "Инвестиции в медицинскую отрасль Синьхун")],
            filters=[{"name": "sector", "value": "medical", "label": "Медицина"}],
        ),
    )
    messages, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        entities=[entity("sector", "medical")],
        slots={"language": "ru", "sector": "medical"},
    )
    assert responses_sent(messages) == [
        "utter_projects_found_filtered_all",
        "utter_project_card_sourced",
    ]
    assert messages[0]["filters"] == "Медицина"
    card = messages[1]
    assert card["name"] == "Инвестиции в медицинскую отрасль Синьхун"
    assert card["project_id"] == "xinhong-medical-industry"
    assert card["district"] == "not disclosed"
    assert slots_set(events) == {
        "search_page": 1.0,
        "shown_projects": ["xinhong-medical-industry"],
        "subject": "project",
    }


def test_more_results_offer_the_next_page(catalogue):
    catalogue.get(PROJECTS, json=page_json([project_json()] * 3, total=12))
    messages, _ = ask(ActionSearchProjects(), intent="search_projects")
    assert responses_sent(messages)[-1] == "utter_more_projects_sourced"
    assert messages[-1]["remaining"] == 9
    assert messages[0]["response"] == "utter_projects_found"


def test_show_more_right_after_results_turns_the_page(catalogue):
    serve_search(
        catalogue,
        {"lang": "en", "page": "2", "page_size": "3"},
        page_json([project_json()], total=4, page=2),
    )
    history = [
        action_event("action_listen"),
        user_event("projects", "search_projects"),
        action_event("action_search_projects"),
        action_event("action_listen"),
    ]
    messages, events = ask(
        ActionSearchProjects(), intent="search_projects", slots={"search_page": 1.0}, events=history
    )
    assert messages[0]["first"] == 4
    assert slots_set(events)["search_page"] == 2.0


def test_past_the_last_page_says_so(catalogue):
    catalogue.get(PROJECTS, json=page_json([], total=3, page=2))
    history = [user_event("projects", "search_projects"), action_event("action_search_projects")]
    messages, _ = ask(
        ActionSearchProjects(), intent="search_projects", slots={"search_page": 1.0}, events=history
    )
    assert responses_sent(messages) == ["utter_no_more_projects"]


def test_catalogue_down_gives_a_clear_message(catalogue):
    catalogue.get(PROJECTS, body=requests.ConnectionError("refused"))
    messages, events = ask(ActionSearchProjects(), intent="search_projects")
    assert responses_sent(messages) == ["utter_catalogue_unavailable"]
    assert events == []


def test_search_results_name_their_press_releases_once_in_the_last_message(catalogue):
    both = "press release, 20 Apr 2021; press release, 25 Sep 2021"
    files = "000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt"
    items = [
        project_json(source_label=both, source=files),
        project_json("b", source_label=both, source=files),
    ]
    catalogue.get(PROJECTS, json=page_json(items, total=5))
    messages, _ = ask(ActionSearchProjects(), intent="search_projects")
    assert responses_sent(messages)[-3:] == [
        "utter_project_card",
        "utter_project_card",
        "utter_more_projects_sourced",
    ]
    assert messages[-1]["source"] == both
    assert messages[-1]["source_releases"] == [name.strip() for name in files.split(",")]
    assert all("source" not in message for message in messages[:-1])


def test_without_more_results_the_last_card_names_the_source(catalogue):
    catalogue.get(PROJECTS, json=page_json([project_json(), project_json("b")], total=2))
    messages, _ = ask(ActionSearchProjects(), intent="search_projects")
    assert responses_sent(messages)[-2:] == ["utter_project_card", "utter_project_card_sourced"]
    assert messages[-1]["source"] == "press release, 20 Apr 2021"


def test_results_on_several_pages_say_which_are_shown(catalogue):
    items = [project_json(), project_json("b"), project_json("c")]
    catalogue.get(PROJECTS, json=page_json(items, total=5))
    messages, _ = ask(ActionSearchProjects(), intent="search_projects")
    assert responses_sent(messages)[0] == "utter_projects_found"


def test_four_projects_are_shown_on_one_page_and_show_more_finds_no_other(catalogue):
    four = [project_json(f"project-{n}", f"Project {n}") for n in range(4)]
    infrastructure = {"lang": "en", "sector": "infrastructure", "page": "1"}
    serve_search(catalogue, {**infrastructure, "page_size": "3"}, page_json(four[:3], total=4))
    serve_search(
        catalogue, {**infrastructure, "page_size": "4"}, page_json(four, total=4, page_size=4)
    )
    _, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="infrastructure projects in qingdao?",
        entities=[entity("sector", "infrastructure")],
        slots={"sector": "infrastructure"},
    )
    assert len(slots_set(events)["shown_projects"]) == 4
    assert slots_set(events)["search_page"] == 2.0


# --- A search that is about one project, or about the hub ---------------------------------


def test_a_search_for_a_fact_with_one_result_answers_the_fact(catalogue):
    catalogue.get(PROJECTS, json=page_json([PINGDU], total=1))
    messages, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="а какой объём инвестиций у проекта в Пинду?",
        entities=[entity("district", "pingdu"), entity("topic", "investment")],
        slots={"language": "ru", "district": "pingdu"},
    )
    assert responses_sent(messages) == ["utter_project_investment"]
    assert slots_set(events)["project"] == "pingdu-new-economy-city"


def test_a_search_that_names_one_project_shows_it(catalogue):
    catalogue.get(f"{PROJECTS}/pingdu-new-economy-city", json=PINGDU)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="pingdu projects",
        entities=[entity("project", PINGDU["id"])],
    )
    assert responses_sent(messages) == ["utter_project_details"]


def test_projects_of_a_year_get_the_hubs_figures_of_that_year(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, _ = ask(
        ActionSearchProjects(), intent="search_projects", text="какие проекты подписали в 2021?"
    )
    assert not any(name.startswith("utter_projects_found") for name in responses_sent(messages))


def test_examples_of_what_was_just_counted_are_the_hubs_answer_not_a_search(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="which ones for example",
        slots={"subject": "hub"},
    )
    assert not any(response.startswith("utter_project") for response in responses_sent(messages))
