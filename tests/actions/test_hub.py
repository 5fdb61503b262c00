"""`actions.hub`: the hub's summary, its fact sheet, one topic's figures and their sources."""

from __future__ import annotations

from actions.hub import ActionShowHubInfo
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    FIRST_RELEASE,
    HUB_JSON,
    SECOND_RELEASE,
    ask,
    entity,
    hub_json,
    responses_sent,
    slots_set,
)
from tests.actions.test_services import service_json


def test_hub_info_without_a_topic_is_a_short_summary(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(ActionShowHubInfo(), intent="ask_hub_info")
    assert responses_sent(messages) == ["utter_hub_summary"]
    assert messages[0]["summary"] == "A hub."
    assert messages[0]["source"] == f"{FIRST_RELEASE}; {SECOND_RELEASE}"


def test_the_first_question_about_the_hub_gets_its_summary(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, events = ask(ActionShowHubInfo(), intent="ask_hub_info")
    assert responses_sent(messages) == ["utter_hub_summary"]
    assert slots_set(events) == {"subject": "hub"}


def test_the_fact_sheet_lists_figures_and_events(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowHubInfo(), intent="ask_hub_info", entities=[entity("topic", "fact_sheet")]
    )
    assert responses_sent(messages) == ["utter_hub_info"]
    assert "• Their total investment: 42.7 billion yuan" in messages[0]["figures"]
    assert messages[0]["events"] == "• 29 June 2020: Opening conference"


def test_a_question_about_one_topic_gets_only_its_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowHubInfo(), intent="ask_hub_info", entities=[entity("topic", "investment")]
    )
    assert responses_sent(messages) == ["utter_hub_investment"]
    assert messages[0]["source"] == "press release, 20 Apr 2021"
    assert messages[0]["source_releases"] == ["000_2cccb1eb8e631a90.txt"]
    assert messages[0]["figures"] == (
        "• Projects signed at the opening: 10\n• Their total investment: 42.7 billion yuan"
    )


def test_where_the_hubs_figures_come_from_names_its_press_releases(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="where do these figures come from?",
        entities=[entity("topic", "location"), entity("topic", "source")],
        slots={"subject": "hub"},
    )
    assert responses_sent(messages) == ["utter_hub_sources"]
    assert messages[0]["releases"] == (
        "• 20 April 2021: Hub Recruits Customers Online\n"
        "• 25 September 2021: Six Groups of Guests in One Day"
    )


def test_who_that_company_is_right_after_a_service_is_its_provider(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/services",
        json={"items": [service_json("hr", "HR services", "Qingdao SCO Human Resources Co.")]},
    )
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="who is that company exactly",
        entities=[entity("topic", "profile")],
        slots={"subject": "service", "discussed_services": ["hr"]},
    )
    assert responses_sent(messages)[0] == "utter_service_item"
    assert messages[0]["provider"] == "Qingdao SCO Human Resources Co."


def test_a_question_naming_nothing_right_after_a_service_is_about_that_service(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/services",
        json={"items": [service_json("visa", "Visa services", "Hub Development Co.")]},
    )
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="how many days it takes",
        slots={"subject": "service", "discussed_services": ["visa"]},
    )
    assert responses_sent(messages)[0] == "utter_service_item"
