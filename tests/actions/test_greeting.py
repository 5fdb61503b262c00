from __future__ import annotations

from actions.greeting import ActionGreet
from tests.actions.helpers import action_event, make_tracker, responses_sent, run_action


def greeting_event() -> dict:
    return {"event": "bot", "text": "Hello!", "metadata": {"utter_action": "utter_greet"}}


def test_the_first_hello_gets_the_introduction():
    messages, _ = run_action(ActionGreet(), make_tracker(intent="greet"))
    assert responses_sent(messages) == ["utter_greet"]


def test_a_second_hello_does_not_repeat_the_introduction():
    history = [action_event("action_listen"), greeting_event(), action_event("action_listen")]
    messages, _ = run_action(ActionGreet(), make_tracker(intent="greet", events=history))
    assert responses_sent(messages) == ["utter_greet_again"]
