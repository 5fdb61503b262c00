"""`actions.list_positions`: a position in the list just shown, or beyond the cards shown."""

from __future__ import annotations

from actions.projects import ActionShowProject
from tests.actions.helpers import (
    PROJECTS,
    ask,
    entity,
    page_json,
    project_json,
    responses_sent,
    serve_search,
    slots_set,
)


def test_a_position_in_the_list_just_shown_names_the_project(catalogue):
    catalogue.get(f"{PROJECTS}/medical-logistics-park", json=project_json("medical-logistics-park"))
    messages, events = ask(
        ActionShowProject(),
        intent="project_details",
        text="расскажите подробнее о втором",
        entities=[entity("ordinal", "2")],
        slots={"shown_projects": ["sco-plaza-area", "medical-logistics-park"]},
    )
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == "medical-logistics-park"


def test_the_last_one_is_the_last_shown(catalogue):
    catalogue.get(
        f"{PROJECTS}/pingdu-new-economy-city", json=project_json("pingdu-new-economy-city")
    )
    _, events = ask(
        ActionShowProject(),
        intent="project_details",
        text="the last one",
        entities=[entity("ordinal", "last")],
        slots={"shown_projects": ["sco-plaza-area", "pingdu-new-economy-city"]},
    )
    assert slots_set(events)["project"] == "pingdu-new-economy-city"


def test_a_position_beyond_the_whole_list_asks_which_project(catalogue):
    serve_search(catalogue, {"lang": "en", "page": "2", "page_size": "3"}, page_json([], total=1))
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="第五个",
        entities=[entity("ordinal", "5")],
        slots={"shown_projects": ["sco-plaza-area"]},
    )
    assert responses_sent(messages) == ["utter_ask_which_project"]


def test_a_position_beyond_the_cards_shown_is_a_position_in_the_whole_list(catalogue):
    serve_search(
        catalogue,
        {"lang": "en", "sector": "infrastructure", "page": "2", "page_size": "3"},
        page_json([project_json("xiushui-river-city-industry")], total=4),
    )
    catalogue.get(
        f"{PROJECTS}/xiushui-river-city-industry",
        json=project_json("xiushui-river-city-industry"),
    )
    messages, events = ask(
        ActionShowProject(),
        intent="project_details",
        text="the fourth one",
        entities=[entity("ordinal", "4")],
        slots={
            "sector": "infrastructure",
            "shown_projects": ["sco-plaza-area", "shoucheng-park", "huanxiu-lake-south"],
        },
    )
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == "xiushui-river-city-industry"
