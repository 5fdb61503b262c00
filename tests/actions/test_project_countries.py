"""`actions.project_countries`: projects whose published description names a country."""

from __future__ import annotations

import pytest

from actions.project_countries import country_asked_of_projects
from actions.project_search import ActionSearchProjects
from tests.actions.helpers import (
    action_event,
    ask,
    page_json,
    project_json,
    responses_sent,
    serve_search,
    slots_set,
    user_event,
)

COLD_CHAIN = project_json(
    "huarong-guangde-cold-chain-park",
    "Huarong and Guangde Cold Chain Trade and Finance Industrial Park",
    summary="Aims to develop trade with Russia and other countries along the Belt and Road.",
)
PLAZA = project_json()
#: The visitor has just read the trade figures.
AFTER_TRADE = [
    user_event("trade growth with belt and road countries?", "ask_hub_info"),
    action_event("action_show_hub_info"),
    action_event("action_listen"),
]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("а какие проекты у вас связаны с россией", "RU"),
        ("和俄罗斯有关的项目有哪些", "RU"),
        ("any projects linked to kazakhstan", "KZ"),
        ("projects for Pakistan?", "PK"),
        # Where the visitor is from is no country asked of the projects.
        ("hi im from kazakhstan, what projects do you have?", None),
        ("Я из Казахстана, какие есть проекты?", None),
        ("我们来自俄罗斯，有什么项目", None),
        ("Қазақстаннан жазып отырмын, қандай жобалар бар?", None),
        ("trade with russia?", None),  # no projects asked
        ("projects in china?", None),
    ],
)
def test_the_country_a_question_about_projects_asks(text, code):
    assert country_asked_of_projects(text) == code


def serve_every_project(catalogue) -> None:
    query = {"lang": "en", "page": "1", "page_size": "50"}
    serve_search(catalogue, query, page_json([PLAZA, COLD_CHAIN], page_size=50))


def test_projects_whose_summary_names_the_country_are_listed(catalogue):
    serve_every_project(catalogue)
    messages, events = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="which of your projects are related to russia?",
        slots={"subject": "hub"},
        events=AFTER_TRADE,
    )
    assert responses_sent(messages) == ["utter_projects_for_country", "utter_project_card_sourced"]
    assert messages[1]["project_id"] == "huarong-guangde-cold-chain-park"
    assert slots_set(events)["shown_projects"] == ["huarong-guangde-cold-chain-park"]


def test_a_country_no_summary_names_is_said_honestly(catalogue):
    serve_every_project(catalogue)
    messages, _ = ask(
        ActionSearchProjects(), intent="search_projects", text="any projects linked to iran?"
    )
    assert responses_sent(messages) == ["utter_no_projects_for_country"]
