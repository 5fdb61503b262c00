"""Facts no press release gives (floor areas, managers' names, prices) get an honest answer.

Issue 20: "какая там площадь офисов?" after a project got where the project is; "кто директор
центра?" got the hub's summary.
"""

from __future__ import annotations

import pytest

from actions.hub import ActionShowHubInfo
from actions.projects import ActionShowProject
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    ask,
    entity,
    hub_json,
    make_tracker,
    page_json,
    project_json,
    responses_sent,
    run_action,
)


@pytest.mark.parametrize(
    "text",
    [
        "кто директор центра?",
        "who is the director of the hub?",
        "中心主任是谁？",
        "а сколько там рабочих мест будет",
    ],
)
def test_a_manager_s_name_is_said_to_be_unpublished(catalogue, text):
    messages, _ = run_action(ActionShowHubInfo(), make_tracker(intent="ask_hub_info", text=text))
    assert responses_sent(messages) == ["utter_fact_not_published"]
    assert not catalogue.calls


def test_the_floor_area_of_the_project_just_shown_is_unpublished_for_that_project(catalogue):
    project = project_json("sco-finance-building", "SCO Finance Building")
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-finance-building", json=project)
    tracker = make_tracker(
        intent="project_details",
        text="какая там площадь офисов?",
        entities=[entity("topic", "location")],
        slots={"project": "sco-finance-building", "subject": "project"},
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_fact_not_published"]
    assert messages[0]["name"] == "SCO Finance Building"


def test_the_district_of_a_project_is_no_unpublished_area(catalogue):
    project = project_json("sco-plaza-area", "SCO Plaza Area")
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project)
    tracker = make_tracker(
        intent="project_details",
        text="which area is the sco plaza area project in?",
        entities=[entity("project", "sco-plaza-area"), entity("topic", "location")],
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert "utter_fact_not_published" not in responses_sent(messages)


@pytest.mark.parametrize("text", ["площадь циндао какая", "青岛面积多大", "Циндаонун аянты канча?"])
def test_the_published_land_areas_are_no_unpublished_fact(catalogue, text):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, _ = run_action(ActionShowHubInfo(), make_tracker(intent="ask_hub_info", text=text))
    assert "utter_fact_not_published" not in responses_sent(messages)


def test_a_price_the_seeds_do_not_give_is_said_to_be_unpublished(catalogue):
    messages, _ = ask(
        ActionShowHubInfo(), intent="ask_hub_info", text="is there a membership fee for chambers"
    )
    assert responses_sent(messages) == ["utter_prices_not_published"]


def test_what_taking_part_costs_is_said_to_be_unpublished(catalogue):
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="Сколько стоит участие для палаты?",
        entities=[entity("topic", "investment")],
    )
    assert responses_sent(messages) == ["utter_prices_not_published"]


def test_a_price_of_no_project_is_said_to_be_unpublished(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects", json=page_json([], total=0))
    messages, _ = ask(
        ActionShowProject(), intent="project_details", text="上合示范区现在的土地价格大概多少"
    )
    assert responses_sent(messages) == ["utter_prices_not_published"]
