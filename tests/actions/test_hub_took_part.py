"""Who took part in which event, asked right after another one (issue 20, blind set 8).

"кто от шос был на открытии" right after the 2021 visit got the visit; "which companies were
at the opening" got the hub's own companies.
"""

from __future__ import annotations

from typing import Any

import pytest

from actions.hub import ActionShowHubInfo
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    entity,
    event_json,
    figure_json,
    hub_json,
    make_tracker,
    responses_sent,
    run_action,
    user_event,
)

AFTER_THE_VISIT = [
    user_event("and in june 2021?", "ask_hub_info"),
    {"event": "bot", "metadata": {"utter_action": "utter_hub_events"}},
]


def hub(opening_title: str = "Opening conference") -> dict[str, Any]:
    """The hub with the opening and the June 2021 visit."""
    visit = event_json(
        "soes-visiting-qingdao-2021", "June 2021", "SOEs Visiting Qingdao", date="2021-06"
    )
    opening = event_json("opening-conference-2020", "29 June 2020", opening_title)
    signed = figure_json("opening_signed_projects", "Projects signed at the opening", "10")
    return hub_json(figures=[signed], events=[opening, visit])


@pytest.mark.parametrize(
    ("text", "opening_title"),
    [
        ("кто от шос был на открытии", "Открытие центра"),
        ("who attended the opening conference?", "Opening conference"),
    ],
)
def test_who_took_part_in_another_event_than_the_one_just_shown_gets_that_event(
    catalogue, text, opening_title
):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub(opening_title))
    tracker = make_tracker(
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", "events")],
        slots={"subject": "hub"},
        events=AFTER_THE_VISIT,
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert messages[0]["events"] == f"• 29 June 2020: {opening_title}"


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("which companies were at the opening conference", ["events"]),
        ("which companies were at the opening", []),  # no topic: one word names it
    ],
)
def test_companies_at_an_event_are_who_took_part_not_the_hub_s_companies(catalogue, text, topics):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub())
    tracker = make_tracker(
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", topic) for topic in topics],
        slots={"subject": "hub"},
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert "utter_contacts_header" not in responses_sent(messages)
    assert messages[0]["events"] == "• 29 June 2020: Opening conference"


@pytest.mark.parametrize("text", ["上合组织秘书处有人参加开幕吗", "上合组织秘书处有人参加开业吗"])
def test_who_took_part_in_one_of_every_event_just_listed_gets_that_one(catalogue, text):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub("中心开幕——线上招商推介会"))
    every_event = [
        user_event("中心有哪些活动", "ask_hub_info"),
        {"event": "bot", "metadata": {"utter_action": "utter_hub_events"}},
    ]
    tracker = make_tracker(
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", "events")],
        slots={"subject": "hub", "language": "zh"},
        events=every_event,
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert messages[0]["events"] == "• 29 June 2020: 中心开幕——线上招商推介会"


def test_who_was_at_an_event_one_word_names_after_others_gets_that_one(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub("Opening of the hub"))
    tracker = make_tracker(
        intent="ask_hub_info",
        text="which companies were at the opening",
        slots={"subject": "hub"},
        events=AFTER_THE_VISIT,
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert messages[0]["events"] == "• 29 June 2020: Opening of the hub"


def test_how_many_took_part_gets_the_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub())
    tracker = make_tracker(
        intent="ask_hub_info",
        text="how many projects were signed at the opening, who took part",
        entities=[entity("topic", "events")],
        slots={"subject": "hub"},
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert messages[0]["figures"] == "• Projects signed at the opening: 10"
