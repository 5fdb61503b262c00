"""Follow-ups read against the subject of the last answer (issue 20, error classes 2, 3, 7)."""

from __future__ import annotations

import pytest
from responses import matchers

from actions.fallback import ActionFallback
from actions.followups import main_topic
from actions.hub import ActionShowHubInfo
from actions.project_search import ActionSearchProjects
from actions.projects import ActionShowProject
from actions.services import ActionShowServices
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    action_event,
    entity,
    hub_json,
    make_tracker,
    page_json,
    project_json,
    responses_sent,
    run_action,
    slots_set,
)

PROJECTS = f"{CATALOGUE_URL}/projects"
AFTER_THE_SUMMARY = [
    {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_summary"}},
    action_event("action_listen"),
]
PINGDU = project_json("pingdu-new-economy-city", "Pingdu New Economy Industrial City")


def test_a_follow_up_without_a_topic_after_the_hub_gets_its_dated_facts(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    tracker = make_tracker(
        intent="ask_hub_info",
        text="and what else?",
        slots={"subject": "hub"},
        events=AFTER_THE_SUMMARY,
    )
    messages, events = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_info"]
    assert slots_set(events) == {"subject": "hub"}


def test_the_first_question_about_the_hub_gets_its_summary(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    messages, events = run_action(ActionShowHubInfo(), make_tracker(intent="ask_hub_info"))
    assert responses_sent(messages) == ["utter_hub_summary"]
    assert slots_set(events) == {"subject": "hub"}


def test_a_project_question_naming_no_project_after_the_hub_is_about_the_hub(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    catalogue.get(PROJECTS, json=page_json([], total=0))
    tracker = make_tracker(
        intent="project_details",
        text="它是哪年开的？",
        slots={"subject": "hub", "project": "sco-plaza-area"},
        events=AFTER_THE_SUMMARY,
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_hub_info"]


def test_a_topic_after_a_project_shown_earlier_is_about_that_project(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="ask_hub_info",
        text="price?",
        entities=[entity("topic", "investment")],
        slots={"subject": "project", "project": "sco-plaza-area"},
    )
    messages, events = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_project_investment"]
    assert slots_set(events)["subject"] == "project"


def test_the_project_of_the_district_named_is_the_one_asked_about(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "zh", "district": "pingdu", "page": "1", "page_size": "1"}
            )
        ],
        json=page_json([PINGDU], total=1, page_size=1),
    )
    tracker = make_tracker(
        intent="project_details",
        text="平度那个项目投资多少？",
        entities=[entity("district", "pingdu"), entity("topic", "investment")],
        slots={"language": "zh", "project": "sco-plaza-area"},
    )
    messages, events = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_investment"]
    assert slots_set(events)["project"] == "pingdu-new-economy-city"


def test_a_search_for_a_fact_with_one_result_answers_the_fact(catalogue):
    catalogue.get(PROJECTS, json=page_json([PINGDU], total=1))
    tracker = make_tracker(
        intent="search_projects",
        text="а какой объём инвестиций у проекта в Пинду?",
        entities=[entity("district", "pingdu"), entity("topic", "investment")],
        slots={"language": "ru", "district": "pingdu"},
    )
    messages, events = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages) == ["utter_project_investment"]
    assert slots_set(events)["project"] == "pingdu-new-economy-city"


def test_an_unsure_short_follow_up_with_a_topic_is_answered_about_the_project(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="nlu_fallback",
        text="цена?",
        entities=[entity("topic", "investment")],
        slots={"language": "ru", "subject": "project", "project": "sco-plaza-area"},
    )
    messages, events = run_action(ActionFallback(), tracker)
    assert responses_sent(messages) == ["utter_project_investment"]
    assert not any(event["event"] == "rewind" for event in events)


def test_an_unsure_message_without_a_topic_still_gets_the_help_menu():
    tracker = make_tracker(intent="nlu_fallback", text="hmm", slots={"subject": "project"})
    messages, _ = run_action(ActionFallback(), tracker)
    assert responses_sent(messages) == ["utter_default"]


def test_where_yields_to_any_other_topic_named():
    assert main_topic(["location", "fact_sheet"]) == "fact_sheet"
    assert main_topic(["location"]) == "location"
    assert main_topic([]) is None


def test_a_question_about_sources_wins_over_the_other_topics_named():
    assert main_topic(["location", "fact_sheet", "source"]) == "source"


def test_where_the_hubs_figures_come_from_names_its_press_releases(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    tracker = make_tracker(
        intent="ask_hub_info",
        text="where do these figures come from?",
        entities=[entity("topic", "location"), entity("topic", "source")],
        slots={"subject": "hub"},
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_sources"]
    assert messages[0]["releases"] == (
        "• 20 April 2021: Hub Recruits Customers Online\n"
        "• 25 September 2021: Six Groups of Guests in One Day"
    )


def test_where_a_projects_facts_come_from(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="project_details",
        text="where does this come from?",
        entities=[entity("topic", "location"), entity("topic", "source")],
        slots={"subject": "project", "project": "sco-plaza-area"},
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_source"]
    assert messages[0]["source"]


def test_a_new_question_about_the_hub_after_one_topic_gets_the_summary(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    trade = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_trade"}}
    tracker = make_tracker(
        intent="ask_hub_info",
        text="what is this hub?",
        slots={"subject": "hub"},
        events=[trade, action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
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
    tracker = make_tracker(
        intent=intent,
        text=text,
        slots={"language": language, "subject": "project", "project": PINGDU["id"]},
    )
    messages, events = run_action(action, tracker)
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == PINGDU["id"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("its for trade with russia right?", "en"), ("is it only for russia trade?", "en")],
)
def test_a_country_asked_of_the_project_just_shown_is_about_it(catalogue, text, language):
    """ "trade" names a sector too; the project's description says which countries it is for."""
    catalogue.get(f"{PROJECTS}/pingdu-new-economy-city", json=PINGDU)
    tracker = make_tracker(
        intent="search_projects",
        text=text,
        entities=[entity("sector", "trade")],
        slots={"language": language, "subject": "project", "project": PINGDU["id"]},
    )
    messages, _ = run_action(ActionSearchProjects(), tracker)
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
    tracker = make_tracker(
        intent="ask_service",
        text="а визу они помогают оформить?",
        entities=[entity("service", "visa")],
        slots={"language": "ru", "subject": "project", "project": PINGDU["id"]},
    )
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == ["utter_service_not_listed_visa"]


def test_a_search_that_names_one_project_shows_it(catalogue):
    catalogue.get(f"{PROJECTS}/pingdu-new-economy-city", json=PINGDU)
    tracker = make_tracker(
        intent="search_projects",
        text="pingdu projects",
        entities=[entity("project", PINGDU["id"])],
    )
    messages, _ = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]


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
    tracker = make_tracker(
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", topic) for topic in topics],
        slots={"subject": "project", "project": PINGDU["id"]},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) != ["utter_project_status"]
    assert "utter_project" not in " ".join(responses_sent(messages))


def test_projects_of_a_year_get_the_hubs_figures_of_that_year(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    tracker = make_tracker(intent="search_projects", text="какие проекты подписали в 2021?")
    messages, _ = run_action(ActionSearchProjects(), tracker)
    assert not any(name.startswith("utter_projects_found") for name in responses_sent(messages))


def test_four_projects_are_shown_on_one_page_and_show_more_finds_no_other(catalogue):
    four = [project_json(f"project-{n}", f"Project {n}") for n in range(4)]
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "en", "sector": "infrastructure", "page": "1", "page_size": "3"}
            )
        ],
        json=page_json(four[:3], total=4),
    )
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "en", "sector": "infrastructure", "page": "1", "page_size": "4"}
            )
        ],
        json=page_json(four, total=4, page_size=4),
    )
    tracker = make_tracker(
        intent="search_projects",
        text="infrastructure projects in qingdao?",
        entities=[entity("sector", "infrastructure")],
        slots={"sector": "infrastructure"},
    )
    _, events = run_action(ActionSearchProjects(), tracker)
    assert len(slots_set(events)["shown_projects"]) == 4
    assert slots_set(events)["search_page"] == 2.0


def test_other_projects_of_a_sector_drop_the_place_kept_from_before(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "zh", "sector": "digital_economy", "page": "1", "page_size": "3"}
            )
        ],
        json=page_json([PINGDU], total=2),
    )
    tracker = make_tracker(
        intent="search_projects",
        text="还有别的数字经济项目吗",
        entities=[entity("sector", "digital_economy")],
        slots={"language": "zh", "sector": "digital_economy", "district": "pingdu"},
    )
    _, events = run_action(ActionSearchProjects(), tracker)
    assert slots_set(events)["district"] is None
