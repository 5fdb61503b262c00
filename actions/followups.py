"""What a short follow-up is about: the subject of the last answer.

Each answer about the hub, a project or a service records its subject in the `subject`
slot, so that "and a year later?", "price?" or "where is it?" are read against what was
just shown, whichever way it was shown (typed name, position in a list, button).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

SUBJECT_SLOT = "subject"
HUB = "hub"
PROJECT = "project"
SERVICE = "service"


def subject(tracker: Tracker) -> str | None:
    """The subject of the last answer: "hub", "project", "service" or None."""
    return tracker.get_slot(SUBJECT_SLOT)


def set_subject(value: str) -> dict[str, Any]:
    """The event that records the subject of the answer being given."""
    return SlotSet(SUBJECT_SLOT, value)
