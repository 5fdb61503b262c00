# ruff: noqa: E501 (a table of names, one project a line)
"""Issue 20, class a: a project of the list just shown, referred to by a description."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.lead_form import ActionAskLeadName
from actions.projects import ActionShowProject
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    AFTER_A_PROJECT,
    action_event,
    make_tracker,
    project_json,
    run_action,
    slots_set,
)

PROJECTS = f"{CATALOGUE_URL}/projects"
#: Three projects as a search lists them, per language: (id, name, sectors).
LISTED = {
    "en": [
        ("medical-logistics-park", "Modern Medical Logistics Industrial Park", ["medical", "logistics"]),
        ("huarong-guangde-cold-chain-park", "Huarong and Guangde Cold Chain Trade and Finance Industrial Park", ["logistics", "trade"]),
        ("xinhong-medical-industry", "Xinhong Medical Industry Investment", ["medical"]),
    ],
    "zh": [
        ("medical-logistics-park", "现代医药物流产业园项目", ["medical", "logistics"]),
        ("huarong-guangde-cold-chain-park", "Huarong与Guangde冷链商贸金融产业园项目", ["logistics", "trade"]),
        ("xinhong-medical-industry", "Xinhong医疗产业投资项目", ["medical"]),
    ],
    "ru": [
        ("medical-logistics-park", "Современный медицинский логистический индустриальный парк", ["medical", "logistics"]),
        ("huarong-guangde-cold-chain-park", "Индустриальный парк холодовой цепи, торговли и финансов Huarong и Guangde", ["logistics", "trade"]),
        ("xinhong-medical-industry", "Инвестиции в медицинскую отрасль Синьхун", ["medical"]),
    ],
}  # fmt: skip
AFTER_A_LIST = [action_event("action_search_projects"), action_event("action_listen")]


def list_shown(catalogue, language: str) -> dict:
    for project_id, name, sectors in LISTED[language]:
        catalogue.get(
            f"{PROJECTS}/{project_id}", json=project_json(project_id, name, sectors=sectors)
        )
    return {
        "shown_projects": [project_id for project_id, _, _ in LISTED[language]],
        "language": language,
    }


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "ok, more on the cold-chain park please", "huarong-guangde-cold-chain-park"),
        ("en", "what about the pharma logistics park", "medical-logistics-park"),
        ("zh", "那个冷链的具体说说", "huarong-guangde-cold-chain-park"),
        ("zh", "医药物流那个呢", "medical-logistics-park"),
        ("ru", "а подробнее про холодовую цепь", "huarong-guangde-cold-chain-park"),
        ("ru", "тот, где Синьхун", "xinhong-medical-industry"),
    ],
)
def test_a_description_names_one_project_of_the_list_just_shown(
    catalogue, language, text, expected
):
    tracker = make_tracker(
        intent="project_details",
        text=text,
        slots=list_shown(catalogue, language),
        events=AFTER_A_LIST,
    )
    _, events = run_action(ActionShowProject(), tracker)
    assert slots_set(events)["project"] == expected


def test_a_list_a_fallback_showed_is_described_like_a_searchs(catalogue):
    """ "salam, what projects u have for logistic" got the list from the fallback."""
    shown = list_shown(catalogue, "en")
    listed = {"event": "slot", "name": "shown_projects", "value": shown["shown_projects"]}
    tracker = make_tracker(
        intent="project_details",
        text="the cold chain one pls",
        slots=shown,
        events=[action_event("action_fallback"), listed, action_event("action_listen")],
    )
    _, events = run_action(ActionShowProject(), tracker)
    assert slots_set(events)["project"] == "huarong-guangde-cold-chain-park"


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "the medical one"), ("zh", "产业园那个"), ("ru", "медицинский")],
)
def test_a_description_that_fits_two_projects_asks_which(catalogue, language, text):
    tracker = make_tracker(
        intent="project_details",
        text=text,
        slots=list_shown(catalogue, language),
        events=AFTER_A_LIST,
    )
    _, events = run_action(ActionShowProject(), tracker)
    assert "project" not in slots_set(events)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "number 3 seems right for us, get someone to call me", "xinhong-medical-industry"),
        (
            "en",
            "the cold chain park fits us, I'd like a call back",
            "huarong-guangde-cold-chain-park",
        ),
        ("zh", "第一个不错，请联系我", "medical-logistics-park"),
        ("ru", "нас интересует холодовая цепь, перезвоните мне", "huarong-guangde-cold-chain-park"),
    ],
)
def test_asking_to_be_contacted_about_a_listed_project_records_it(
    catalogue, language, text, expected
):
    catalogue.assert_all_requests_are_fired = False  # a position needs no names
    tracker = make_tracker(
        intent="leave_contact",
        text=text,
        slots=list_shown(catalogue, language),
        events=AFTER_A_LIST,
    )
    messages, events = run_action(ActionAskLeadName(), tracker)
    # the question names the project ("I'll pass your interest in … to the hub's staff")
    assert messages[0]["response"] == "utter_ask_lead_name_about_project"
    names = {project_id: name for project_id, name, _ in LISTED[language]}
    assert messages[0]["name"] == names[expected]
    assert slots_set(events)["discussed_projects"] == [expected]


def test_asking_to_be_contacted_without_a_project_records_none(catalogue):
    tracker = make_tracker(
        intent="leave_contact",
        text="please contact me",
        slots=list_shown(catalogue, "en"),
        events=AFTER_A_LIST,
    )
    _, events = run_action(ActionAskLeadName(), tracker)
    assert "discussed_projects" not in slots_set(events)


@pytest.mark.parametrize(
    ("language", "text"), [("en", "and the other one?"), ("zh", "另一个呢"), ("ru", "а другой?")]
)
def test_the_other_of_two_just_shown_is_the_one_not_talked_about(catalogue, language, text):
    """Issue 20, set 12: "а другой?" after the second of two medical projects."""
    two = LISTED[language][::2]
    project_id, name, sectors = two[1]
    catalogue.get(f"{PROJECTS}/{project_id}", json=project_json(project_id, name, sectors=sectors))
    tracker = make_tracker(
        intent="nlu_fallback",
        text=text,
        slots={
            "shown_projects": [two[0][0], project_id],
            "project": two[0][0],
            "subject": "project",
            "language": language,
        },
        events=AFTER_A_PROJECT,
    )
    _, events = run_action(ActionFallback(), tracker)
    assert slots_set(events)["project"] == project_id


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "and the cold chain one?", "huarong-guangde-cold-chain-park"),
        ("zh", "冷链那个呢", "huarong-guangde-cold-chain-park"),
        ("ru", "а тот, что про Синьхун?", "xinhong-medical-industry"),
    ],
)
def test_a_description_the_classifier_could_not_place_names_the_project(
    catalogue, language, text, expected
):
    """Issue 20, set 12: "а тот, что у реки?" right after a list read as `nlu_fallback`."""
    slots = {**list_shown(catalogue, language), "subject": "project"}
    tracker = make_tracker(intent="nlu_fallback", text=text, slots=slots, events=AFTER_A_LIST)
    _, events = run_action(ActionFallback(), tracker)
    assert slots_set(events)["project"] == expected
