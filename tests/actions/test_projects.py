from __future__ import annotations

import pytest
import requests
from responses import matchers

from actions.project_search import ActionSearchProjects
from actions.projects import ActionShowProject
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    action_event,
    entity,
    make_tracker,
    page_json,
    project_json,
    responses_sent,
    run_action,
    slots_set,
    user_event,
)

PROJECTS = f"{CATALOGUE_URL}/projects"


INFRASTRUCTURE = {"name": "sector", "value": "infrastructure", "label": "Infrastructure"}
PINGDU = {"name": "district", "value": "pingdu", "label": "Pingdu"}
PINGDU_PROJECT = project_json("pingdu-new-economy-city", "Pingdu New Economy")


def search_answers(catalogue, query, items=(), filters=(), total=None):
    """The catalogue answers the first page of a search with exactly these filters."""
    first_page = {"lang": "en", **query, "page": "1", "page_size": "3"}
    catalogue.get(
        PROJECTS,
        match=[matchers.query_param_matcher(first_page)],
        json=page_json(items, total=total, filters=filters),
    )


def test_search_uses_filters_and_sends_one_card_per_project(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "ru", "sector": "medical", "page": "1", "page_size": "3"}
            )
        ],
        json=page_json(
            [project_json("xinhong-medical-industry", "Инвестиции в медицинскую отрасль Синьхун")],
            filters=[{"name": "sector", "value": "medical", "label": "Медицина"}],
        ),
    )
    tracker = make_tracker(
        intent="search_projects",
        entities=[entity("sector", "medical")],
        slots={"language": "ru", "sector": "medical"},
    )
    messages, events = run_action(ActionSearchProjects(), tracker)
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
    messages, _ = run_action(ActionSearchProjects(), make_tracker(intent="search_projects"))
    assert responses_sent(messages)[-1] == "utter_more_projects_sourced"
    assert messages[-1]["remaining"] == 9
    assert messages[0]["response"] == "utter_projects_found"


def test_show_more_right_after_results_turns_the_page(catalogue):
    catalogue.get(
        PROJECTS,
        match=[matchers.query_param_matcher({"lang": "en", "page": "2", "page_size": "3"})],
        json=page_json([project_json()], total=4, page=2),
    )
    history = [
        action_event("action_listen"),
        user_event("projects", "search_projects"),
        action_event("action_search_projects"),
        action_event("action_listen"),
    ]
    tracker = make_tracker(intent="search_projects", slots={"search_page": 1.0}, events=history)
    messages, events = run_action(ActionSearchProjects(), tracker)
    assert messages[0]["first"] == 4
    assert slots_set(events)["search_page"] == 2.0


def test_a_new_filter_after_results_starts_again_at_page_one(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {
                    "lang": "en",
                    "sector": "medical",
                    "district": "jiaozhou",
                    "page": "1",
                    "page_size": "3",
                }
            )
        ],
        json=page_json(
            [],
            total=0,
            filters=[
                {"name": "sector", "value": "medical", "label": "Medical"},
                {"name": "district", "value": "jiaozhou", "label": "Jiaozhou"},
            ],
        ),
    )
    history = [
        user_event("medical projects", "search_projects"),
        action_event("action_search_projects"),
    ]
    tracker = make_tracker(
        intent="search_projects",
        entities=[entity("district", "jiaozhou")],
        slots={"sector": "medical", "district": "jiaozhou", "search_page": 1.0},
        events=history,
    )
    for alone in ({"district": "jiaozhou"}, {"sector": "medical"}):
        search_answers(catalogue, alone, total=0)
    messages, _ = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages) == ["utter_no_projects_found"]
    assert messages[0]["filters"] == "Medical, Jiaozhou"


def test_any_clears_the_filter(catalogue):
    catalogue.get(
        PROJECTS,
        match=[matchers.query_param_matcher({"lang": "en", "page": "1", "page_size": "3"})],
        json=page_json([project_json()]),
    )
    tracker = make_tracker(
        intent="search_projects",
        entities=[entity("sector", "any"), entity("district", "any")],
        slots={"sector": "any", "district": "any"},
    )
    _, events = run_action(ActionSearchProjects(), tracker)
    assert slots_set(events) == {
        "sector": None,
        "district": None,
        "search_page": 1.0,
        "shown_projects": ["sco-plaza-area"],
        "subject": "project",
    }


def test_past_the_last_page_says_so(catalogue):
    catalogue.get(PROJECTS, json=page_json([], total=3, page=2))
    history = [user_event("projects", "search_projects"), action_event("action_search_projects")]
    tracker = make_tracker(intent="search_projects", slots={"search_page": 1.0}, events=history)
    messages, _ = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages) == ["utter_no_more_projects"]


def test_catalogue_down_gives_a_clear_message(catalogue):
    catalogue.get(PROJECTS, body=requests.ConnectionError("refused"))
    messages, events = run_action(ActionSearchProjects(), make_tracker(intent="search_projects"))
    assert responses_sent(messages) == ["utter_catalogue_unavailable"]
    assert events == []


def test_details_by_id_from_a_button(catalogue):
    catalogue.get(
        f"{PROJECTS}/pingdu-new-economy-city",
        match=[matchers.query_param_matcher({"lang": "zh"})],
        json=project_json(
            "pingdu-new-economy-city", "平度新经济产业城项目", investment_label="未披露"
        ),
    )
    tracker = make_tracker(
        intent="project_details",
        entities=[entity("project", "pingdu-new-economy-city")],
        slots={"language": "zh", "discussed_projects": ["sco-plaza-area"]},
    )
    messages, events = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]
    assert messages[0]["name"] == "平度新经济产业城项目"
    assert messages[0]["investment"] == "未披露"
    assert slots_set(events)["discussed_projects"] == [
        "sco-plaza-area",
        "pingdu-new-economy-city",
    ]


def test_details_by_typed_name_use_the_fuzzy_search(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "en", "q": "SCO Finanse Bilding", "page": "1", "page_size": "1"}
            )
        ],
        json=page_json([project_json("sco-finance-building", "SCO Finance Building")]),
    )
    tracker = make_tracker(
        intent="project_details", entities=[entity("project", "SCO Finanse Bilding")]
    )
    messages, events = run_action(ActionShowProject(), tracker)
    assert messages[0]["name"] == "SCO Finance Building"
    assert slots_set(events)["project"] == "sco-finance-building"


def test_unknown_project_is_said_plainly(catalogue):
    catalogue.get(f"{PROJECTS}/moon-base", status=404, json={"detail": "no such project"})
    catalogue.get(PROJECTS, json=page_json([]))
    tracker = make_tracker(intent="project_details", entities=[entity("project", "moon-base")])
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_not_found"]


def test_details_without_a_project_ask_which_one(catalogue):
    catalogue.get(PROJECTS, json=page_json([project_json()] * 1, total=4))
    tracker = make_tracker(intent="project_details", text="tell me about the park")
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_ask_which_project"]


def test_a_name_the_nlu_missed_is_found_when_it_matches_one_project(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "en", "q": "tell me about the CMIC branch", "page": "1", "page_size": "1"}
            )
        ],
        json=page_json([project_json("cmic-qingdao-branch", "Qingdao Branch of CMIC")]),
    )
    tracker = make_tracker(intent="project_details", text="tell me about the CMIC branch")
    messages, events = run_action(ActionShowProject(), tracker)
    assert messages[0]["name"] == "Qingdao Branch of CMIC"
    assert slots_set(events)["project"] == "cmic-qingdao-branch"


def test_without_a_name_the_project_talked_about_last_is_shown(catalogue):
    catalogue.get(PROJECTS, json=page_json([], total=0))
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="project_details", text="what is its status?", slots={"project": "sco-plaza-area"}
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert messages[0]["name"] == "SCO Plaza Area"


@pytest.mark.parametrize(
    ("text", "language"),
    [("show me all projects", "en"), ("全部项目都看看", "zh"), ("покажите все проекты", "ru")],
)
def test_asking_for_all_projects_after_a_filtered_search_drops_the_filters(
    catalogue, text, language
):
    catalogue.get(
        PROJECTS,
        match=[matchers.query_param_matcher({"lang": language, "page": "1", "page_size": "3"})],
        json=page_json([project_json()]),
    )
    tracker = make_tracker(
        intent="search_projects",
        text=text,
        slots={"language": language, "district": "xiushui_river", "search_page": 1.0},
        events=[action_event("action_search_projects")],
    )
    _, events = run_action(ActionSearchProjects(), tracker)
    assert slots_set(events)["district"] is None
    assert slots_set(events)["search_page"] == 1.0


def test_a_filter_value_that_is_no_code_is_dropped(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "en", "sector": "medical", "page": "1", "page_size": "3"}
            )
        ],
        json=page_json([project_json()]),
    )
    tracker = make_tracker(
        intent="search_projects",
        entities=[entity("district", "the moon")],
        slots={"sector": "medical", "district": "the moon"},
    )
    _, events = run_action(ActionSearchProjects(), tracker)
    assert slots_set(events) == {
        "district": None,
        "search_page": 1.0,
        "shown_projects": ["sco-plaza-area"],
        "subject": "project",
    }


def test_a_position_in_the_list_just_shown_names_the_project(catalogue):
    catalogue.get(f"{PROJECTS}/medical-logistics-park", json=project_json("medical-logistics-park"))
    tracker = make_tracker(
        intent="project_details",
        text="расскажите подробнее о втором",
        entities=[entity("ordinal", "2")],
        slots={"shown_projects": ["sco-plaza-area", "medical-logistics-park"]},
    )
    messages, events = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == "medical-logistics-park"


def test_the_last_one_is_the_last_shown(catalogue):
    catalogue.get(
        f"{PROJECTS}/pingdu-new-economy-city", json=project_json("pingdu-new-economy-city")
    )
    tracker = make_tracker(
        intent="project_details",
        text="the last one",
        entities=[entity("ordinal", "last")],
        slots={"shown_projects": ["sco-plaza-area", "pingdu-new-economy-city"]},
    )
    _, events = run_action(ActionShowProject(), tracker)
    assert slots_set(events)["project"] == "pingdu-new-economy-city"


def test_a_position_beyond_the_whole_list_asks_which_project(catalogue):
    catalogue.get(
        PROJECTS,
        match=[matchers.query_param_matcher({"lang": "en", "page": "2", "page_size": "3"})],
        json=page_json([], total=1),
    )
    tracker = make_tracker(
        intent="project_details",
        text="第五个",
        entities=[entity("ordinal", "5")],
        slots={"shown_projects": ["sco-plaza-area"]},
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_ask_which_project"]


def test_a_position_beyond_the_cards_shown_is_a_position_in_the_whole_list(catalogue):
    catalogue.get(
        PROJECTS,
        match=[
            matchers.query_param_matcher(
                {"lang": "en", "sector": "infrastructure", "page": "2", "page_size": "3"}
            )
        ],
        json=page_json([project_json("xiushui-river-city-industry")], total=4),
    )
    catalogue.get(
        f"{PROJECTS}/xiushui-river-city-industry",
        json=project_json("xiushui-river-city-industry"),
    )
    tracker = make_tracker(
        intent="project_details",
        text="the fourth one",
        entities=[entity("ordinal", "4")],
        slots={
            "sector": "infrastructure",
            "shown_projects": ["sco-plaza-area", "shoucheng-park", "huanxiu-lake-south"],
        },
    )
    messages, events = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == "xiushui-river-city-industry"


def test_a_question_about_the_project_just_shown_gets_a_short_answer(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="project_details",
        text="where is it?",
        entities=[entity("topic", "location")],
        slots={"project": "sco-plaza-area"},
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_location_unknown"]
    assert messages[0]["project_id"] == "sco-plaza-area"


def test_search_results_name_their_press_releases_once_in_the_last_message(catalogue):
    both = "press release, 20 Apr 2021; press release, 25 Sep 2021"
    files = "000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt"
    items = [
        project_json(source_label=both, source=files),
        project_json("b", source_label=both, source=files),
    ]
    catalogue.get(PROJECTS, json=page_json(items, total=5))
    messages, _ = run_action(ActionSearchProjects(), make_tracker(intent="search_projects"))
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
    messages, _ = run_action(ActionSearchProjects(), make_tracker(intent="search_projects"))
    assert responses_sent(messages)[-2:] == ["utter_project_card", "utter_project_card_sourced"]
    assert messages[-1]["source"] == "press release, 20 Apr 2021"


@pytest.mark.parametrize("topic", ["location", "status"])
def test_a_short_answer_about_a_project_names_its_source(catalogue, topic):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="project_details",
        entities=[entity("topic", topic)],
        slots={"project": "sco-plaza-area"},
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    expected = "utter_project_location_unknown" if topic == "location" else "utter_project_status"
    assert responses_sent(messages) == [expected]
    assert messages[0]["source"] == project_json()["source_label"]


def test_a_project_without_a_known_source_never_shows_its_file_name(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json(source_label=None))
    tracker = make_tracker(intent="project_details", entities=[entity("project", "sco-plaza-area")])
    messages, _ = run_action(ActionShowProject(), tracker)
    assert messages[0]["source"] == ""


def test_results_on_several_pages_say_which_are_shown(catalogue):
    items = [project_json(), project_json("b"), project_json("c")]
    catalogue.get(PROJECTS, json=page_json(items, total=5))
    messages, _ = run_action(ActionSearchProjects(), make_tracker(intent="search_projects"))
    assert responses_sent(messages)[0] == "utter_projects_found"


@pytest.mark.parametrize(
    "text", ["and when was it signed?", "签约是哪一年？", "когда его подписали?"]
)
def test_when_a_project_was_signed_gets_its_details_with_the_dates(catalogue, text):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="project_details",
        text=text,
        entities=[entity("topic", "status")],
        slots={"project": "sco-plaza-area"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]
    assert messages[0]["summary"] == "Signed at the hub's opening conference."


def test_whether_a_project_is_signed_gets_its_status_alone(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="project_details",
        text="is it signed already?",
        entities=[entity("topic", "status")],
        slots={"project": "sco-plaza-area"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_status"]


def test_whether_a_project_was_signed_in_a_year_gets_its_dated_details(catalogue):
    catalogue.get(f"{PROJECTS}/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="project_details",
        text="是2019年签的吗",
        entities=[entity("topic", "status")],
        slots={"project": "sco-plaza-area"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]


@pytest.mark.parametrize(
    "text", ["and when did this one settle?", "这个几时落户的", "а этот когда?"]
)
def test_this_after_a_search_with_one_result_is_that_result(catalogue, text):
    catalogue.get(f"{PROJECTS}/cmic-qingdao-branch", json=project_json("cmic-qingdao-branch"))
    tracker = make_tracker(
        intent="project_details",
        text=text,
        entities=[entity("topic", "status")],
        slots={"project": "pingdu-new-economy-city", "shown_projects": ["cmic-qingdao-branch"]},
        events=[action_event("action_search_projects"), action_event("action_listen")],
    )
    _, events = run_action(ActionShowProject(), tracker)
    assert slots_set(events)["project"] == "cmic-qingdao-branch"


def test_a_filter_asked_for_instead_is_tried_alone_when_both_find_nothing(catalogue):
    search_answers(catalogue, {"sector": "infrastructure", "district": "pingdu"}, total=0)
    search_answers(catalogue, {"district": "pingdu"}, [PINGDU_PROJECT])
    tracker = make_tracker(
        intent="search_projects",
        text="hmm no, i changed my mind, show me what's in pingdu",
        entities=[entity("district", "pingdu")],
        slots={"sector": "infrastructure", "district": "pingdu", "search_page": 1.0},
    )
    messages, events = run_action(ActionSearchProjects(), tracker)
    assert "Pingdu New Economy" in str(messages)
    assert {"event": "slot", "timestamp": None, "name": "sector", "value": None} in events


def test_two_filters_that_find_nothing_together_show_what_the_place_has(catalogue):
    both = {"sector": "infrastructure", "district": "pingdu"}
    search_answers(catalogue, both, total=0, filters=[INFRASTRUCTURE, PINGDU])
    search_answers(catalogue, {"district": "pingdu"}, [PINGDU_PROJECT], filters=[PINGDU])
    tracker = make_tracker(
        intent="search_projects",
        text="а пинду это тоже инфраструктура?",
        entities=[entity("district", "pingdu"), entity("sector", "infrastructure")],
        slots={"sector": "infrastructure", "district": "pingdu"},
    )
    messages, events = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages)[0] == "utter_no_projects_found_relaxed"
    assert (messages[0]["filters"], messages[0]["kept"]) == ("Infrastructure, Pingdu", "Pingdu")
    assert "Pingdu New Economy" in str(messages)
    assert {"event": "slot", "timestamp": None, "name": "sector", "value": None} in events
