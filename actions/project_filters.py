"""The project search's filters (sector and district) as the conversation holds them."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.vocabulary import DISTRICTS, SECTORS

FILTER_CODES = {"sector": SECTORS, "district": DISTRICTS}
FILTER_SLOTS = tuple(FILTER_CODES)


def search_filters(tracker: Tracker) -> dict[str, str]:
    """The search's filters the conversation holds, e.g. ``{"sector": "logistics"}``."""
    return {
        slot: value
        for slot in FILTER_SLOTS
        if (value := tracker.get_slot(slot)) in FILTER_CODES[slot]
    }
