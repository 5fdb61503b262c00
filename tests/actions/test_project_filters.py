"""`actions.project_filters`: the search's sector and district as the conversation holds them.

A new filter starts again at page one; "any", "all projects" and a value that is no code clear
one; a filter asked for instead, or two that find nothing together, are tried alone.
"""

from __future__ import annotations

import pytest

from actions.project_search import ActionSearchProjects
from tests.actions.helpers import (
    AFTER_A_PROJECT,
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
    user_event,
)

INFRASTRUCTURE_FILTER = {"name": "sector", "value": "infrastructure", "label": "Infrastructure"}
PINGDU_FILTER = {"name": "district", "value": "pingdu", "label": "Pingdu"}
PINGDU_PROJECT = project_json("pingdu-new-economy-city", "Pingdu New Economy")


def search_answers(catalogue, query, items=(), filters=(), total=None):
    """The catalogue answers the first page of a search with exactly these filters."""
    first_page = {"lang": "en", **query, "page": "1", "page_size": "3"}
    serve_search(catalogue, first_page, page_json(items, total=total, filters=filters))


def test_a_new_filter_after_results_starts_again_at_page_one(catalogue):
    search_answers(
        catalogue,
        {"sector": "medical", "district": "jiaozhou"},
        total=0,
        filters=[
            {"name": "sector", "value": "medical", "label": "Medical"},
            {"name": "district", "value": "jiaozhou", "label": "Jiaozhou"},
        ],
    )
    history = [
        user_event("medical projects", "search_projects"),
        action_event("action_search_projects"),
    ]
    for alone in ({"district": "jiaozhou"}, {"sector": "medical"}):
        search_answers(catalogue, alone, total=0)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        entities=[entity("district", "jiaozhou")],
        slots={"sector": "medical", "district": "jiaozhou", "search_page": 1.0},
        events=history,
    )
    assert responses_sent(messages) == ["utter_no_projects_found"]
    assert messages[0]["filters"] == "Medical, Jiaozhou"


def test_any_clears_the_filter(catalogue):
    serve_search(
        catalogue, {"lang": "en", "page": "1", "page_size": "3"}, page_json([project_json()])
    )
    _, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        entities=[entity("sector", "any"), entity("district", "any")],
        slots={"sector": "any", "district": "any"},
    )
    assert slots_set(events) == {
        "sector": None,
        "district": None,
        "search_page": 1.0,
        "shown_projects": ["sco-plaza-area"],
        "subject": "project",
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [("show me all projects", "en"), ("全部项目都看看", "zh"), ("покажите все проекты", "ru")],
)
def test_asking_for_all_projects_after_a_filtered_search_drops_the_filters(
    catalogue, text, language
):
    serve_search(
        catalogue, {"lang": language, "page": "1", "page_size": "3"}, page_json([project_json()])
    )
    _, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text=text,
        slots={"language": language, "district": "xiushui_river", "search_page": 1.0},
        events=[action_event("action_search_projects")],
    )
    assert slots_set(events)["district"] is None
    assert slots_set(events)["search_page"] == 1.0


def test_a_filter_value_that_is_no_code_is_dropped(catalogue):
    search_answers(catalogue, {"sector": "medical"}, [project_json()])
    _, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        entities=[entity("district", "the moon")],
        slots={"sector": "medical", "district": "the moon"},
    )
    assert slots_set(events) == {
        "district": None,
        "search_page": 1.0,
        "shown_projects": ["sco-plaza-area"],
        "subject": "project",
    }


def test_a_filter_asked_for_instead_is_tried_alone_when_both_find_nothing(catalogue):
    search_answers(catalogue, {"sector": "infrastructure", "district": "pingdu"}, total=0)
    search_answers(catalogue, {"district": "pingdu"}, [PINGDU_PROJECT])
    messages, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="hmm no, i changed my mind, show me what's in pingdu",
        entities=[entity("district", "pingdu")],
        slots={"sector": "infrastructure", "district": "pingdu", "search_page": 1.0},
    )
    assert "Pingdu New Economy" in str(messages)
    assert {"event": "slot", "timestamp": None, "name": "sector", "value": None} in events


def test_two_filters_that_find_nothing_together_show_what_the_place_has(catalogue):
    both = {"sector": "infrastructure", "district": "pingdu"}
    search_answers(catalogue, both, total=0, filters=[INFRASTRUCTURE_FILTER, PINGDU_FILTER])
    search_answers(catalogue, {"district": "pingdu"}, [PINGDU_PROJECT], filters=[PINGDU_FILTER])
    messages, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="а пинду это тоже инфраструктура?",
        entities=[entity("district", "pingdu"), entity("sector", "infrastructure")],
        slots={"sector": "infrastructure", "district": "pingdu"},
    )
    assert responses_sent(messages)[0] == "utter_no_projects_found_relaxed"
    assert (messages[0]["filters"], messages[0]["kept"]) == ("Infrastructure, Pingdu", "Pingdu")
    assert "Pingdu New Economy" in str(messages)
    assert {"event": "slot", "timestamp": None, "name": "sector", "value": None} in events


def test_other_projects_of_a_sector_drop_the_place_kept_from_before(catalogue):
    serve_search(
        catalogue,
        {"lang": "zh", "sector": "digital_economy", "page": "1", "page_size": "3"},
        page_json([PINGDU], total=2),
    )
    _, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="还有别的数字经济项目吗",
        entities=[entity("sector", "digital_economy")],
        slots={"language": "zh", "sector": "digital_economy", "district": "pingdu"},
    )
    assert slots_set(events)["district"] is None


COLD_CHAIN = project_json(
    "huarong-guangde-cold-chain-park",
    "Huarong and Guangde Cold Chain Park",
    sectors=["logistics", "trade", "finance"],
)


def test_a_project_named_with_its_own_sector_is_that_project_not_a_search(catalogue):
    catalogue.get(f"{PROJECTS}/huarong-guangde-cold-chain-park", json=COLD_CHAIN)
    messages, events = ask(
        ActionSearchProjects(),
        text="интересует холодовая цепь, склады заморозки. есть проекты?",
        intent="search_projects",
        entities=[
            entity("project", "huarong-guangde-cold-chain-park"),
            entity("sector", "logistics"),
        ],
    )
    assert responses_sent(messages) == ["utter_project_details"]
    assert slots_set(events)["project"] == "huarong-guangde-cold-chain-park"


@pytest.mark.parametrize(
    ("text", "sector", "refers_back", "about_the_project"),
    [
        ("для чего он вообще, с какими странами торговля", "trade", True, True),
        ("Орусия менен соодага тиешеси барбы?", "trade", True, True),
        ("он про медицину?", "medical", True, False),
        ("а торговля какие есть?", "trade", False, False),
        # One of its topics, naming no projects: "где будет штаб-квартира?" (set 12).
        ("where will the logistics park be?", "logistics", True, True),
        ("where are the logistics projects?", "logistics", False, False),
    ],
)
def test_right_after_a_project_its_own_sector_with_it_or_a_country_is_about_it(
    catalogue, text, sector, refers_back, about_the_project
):
    if refers_back:
        catalogue.get(f"{PROJECTS}/huarong-guangde-cold-chain-park", json=COLD_CHAIN)
    if not about_the_project:
        search_answers(catalogue, {"sector": sector}, items=[COLD_CHAIN])
    messages, _ = ask(
        ActionSearchProjects(),
        text=text,
        intent="search_projects",
        entities=[entity("sector", sector)],
        slots={
            "project": "huarong-guangde-cold-chain-park",
            "subject": "project",
            "sector": sector,
        },
        events=[user_event("холодовая цепь", "project_details"), *AFTER_A_PROJECT],
    )
    assert (responses_sent(messages) == ["utter_project_details"]) is about_the_project
