from __future__ import annotations

from actions.greeting import ActionGreet
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    action_event,
    entity,
    make_tracker,
    page_json,
    project_json,
    responses_sent,
    run_action,
)


def greeting_event() -> dict:
    return {"event": "bot", "text": "Hello!", "metadata": {"utter_action": "utter_greet"}}


def test_the_first_hello_gets_the_introduction():
    messages, _ = run_action(ActionGreet(), make_tracker(intent="greet"))
    assert responses_sent(messages) == ["utter_greet"]


def test_a_second_hello_does_not_repeat_the_introduction():
    history = [action_event("action_listen"), greeting_event(), action_event("action_listen")]
    messages, _ = run_action(ActionGreet(), make_tracker(intent="greet", events=history))
    assert responses_sent(messages) == ["utter_greet_again"]


def test_a_greeting_that_asks_for_projects_gets_a_short_hello_and_the_projects(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/projects",
        json=page_json(
            [project_json("medical-logistics-park", "Modern Medical Logistics Industrial Park")],
            filters=[{"name": "sector", "value": "logistics", "label": "Logistics"}],
        ),
    )
    tracker = make_tracker(
        intent="greet",
        text="hi, we are a trading firm, what do you have in logistics",
        entities=[entity("service", "logistics"), entity("sector", "logistics")],
        slots={"sector": "logistics"},
    )
    messages, events = run_action(ActionGreet(), tracker)
    assert responses_sent(messages)[:2] == [
        "utter_greet_short",
        "utter_projects_found_filtered_all",
    ]
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "shown_projects",
        "value": ["medical-logistics-park"],
    } in events
