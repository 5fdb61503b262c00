"""Which answer about the hub the conversation is on, and the follow-ups to its trade figures.

The hub's answers are responses (`utter_hub_summary`, `utter_hub_trade`, ...); the last one
given while the conversation is still on the hub decides how a short follow-up is read: "and
with belt and road countries" or "а с Россией?" right after the trade figures stays on trade.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.followups import HUB, subject
from actions.hub_countries import TRADE_TOPIC, names_another_country
from actions.hub_events import years_named
from hub_lexicon.replies import holds

HUB_SUMMARY = "utter_hub_summary"
SOURCES_RESPONSE = "utter_hub_sources"
#: The response that introduces each topic's figures.
TOPIC_RESPONSES = {
    "investment": "utter_hub_investment",
    "status": "utter_hub_investment",
    "trade": "utter_hub_trade",
    "location": "utter_hub_location",
    "events": "utter_hub_events",
}


#: The responses that answer a question about the hub.
HUB_RESPONSES = frozenset(
    {HUB_SUMMARY, "utter_hub_info", SOURCES_RESPONSE, *TOPIC_RESPONSES.values()}
)


def last_hub_answer(tracker: Tracker, skip_sources: bool = False) -> str | None:
    """The response of the last answer about the hub, if the conversation is still on it.

    Args:
        tracker: The conversation.
        skip_sources: Read past the sources that followed figures, to those figures.
    """
    if subject(tracker) != HUB:
        return None
    for event in reversed(tracker.events):
        response = (event.get("metadata") or {}).get("utter_action") or ""
        if skip_sources and response == SOURCES_RESPONSE:
            continue
        if event.get("event") == "bot" and response in HUB_RESPONSES:
            return response
    return None


def follows_events(tracker: Tracker) -> bool:
    """Whether the last answer about the hub gave its events ("was it in person?" next)."""
    return last_hub_answer(tracker, skip_sources=True) == TOPIC_RESPONSES["events"]


def follows_trade(tracker: Tracker) -> bool:
    """Whether the last answer about the hub gave its trade figures, perhaps with their sources.

    "and asean? also where do these numbers come from" ends with the sources: "what about
    uzbekistan only" right after still asks about trade.
    """
    return last_hub_answer(tracker, skip_sources=True) == TOPIC_RESPONSES[TRADE_TOPIC]


def asks_trade_more(text: str) -> bool:
    """Whether a follow-up to the trade figures names a year or partners ("and B&R countries")."""
    return bool(years_named(text)) or holds(text, "trade_partners")


def asks_trade_with_a_country(tracker: Tracker) -> bool:
    """Whether a follow-up to the trade figures names one country ("а с Россией?")."""
    text = tracker.latest_message.get("text") or ""
    return follows_trade(tracker) and names_another_country(text)
