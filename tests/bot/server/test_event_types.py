"""`bot.server.event_types`: Rasa's event classes by name from a table, as Rasa finds them."""

from __future__ import annotations

import pytest
import rasa.shared.utils.common
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from bot.server import event_types


def test_every_event_name_resolves_to_rasas_class():
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        expected = event_types._original_resolve_by_type(cls.type_name)
        assert event_types.resolve_by_type(cls.type_name) is expected


def test_unknown_names_answer_as_rasa_does():
    assert event_types.resolve_by_type("topic") is None
    assert event_types.resolve_by_type("no such event", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no such event'"):
        event_types.resolve_by_type("no such event")


def test_a_class_defined_later_is_found():
    event_types.resolve_by_type("slot")  # the table is built

    class LateEvent(SlotSet):
        type_name = "hub_test_late_event"

    assert event_types.resolve_by_type("hub_test_late_event") is LateEvent


def test_install_makes_rasa_deserialise_events_through_the_table():
    original = Event.__dict__["resolve_by_type"]
    try:
        event_types.install()
        assert Event.resolve_by_type is event_types.resolve_by_type
        events = [
            Event.from_parameters({"event": "user", "text": "hi", "parse_data": {}}),
            Event.from_parameters({"event": "action", "name": "action_listen"}),
            Event.from_parameters({"event": "slot", "name": "language", "value": "en"}),
        ]
        assert [type(event) for event in events] == [UserUttered, ActionExecuted, SlotSet]
    finally:
        Event.resolve_by_type = original
