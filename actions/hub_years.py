"""Years the hub's published figures and events do not cover ("and for 2022?")."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue_types import HubInfo
from actions.hub_events import YEAR, years_named


def covered_years(hub: HubInfo) -> list[int]:
    """The years the hub's figures and events are about, as the catalogue gives them."""
    texts = [
        *(f"{figure.key} {figure.label}" for figure in hub.figures),
        *(event.date for event in hub.events),
    ]
    return sorted({int(year) for text in texts for year in YEAR.findall(text)})


def say_year_not_published(dispatcher: CollectingDispatcher, hub: HubInfo, text: str) -> bool:
    """Says that nothing is published for the year asked, if no year asked is covered.

    Returns:
        Whether it was said: "а в 2022 сколько подписали?" gets this, not the 2020–2021 figures
        as if they answered it; "and in 2021?" gets the figures.
    """
    asked = sorted(int(year) for year in years_named(text))
    covered = covered_years(hub)
    if not asked or not covered or any(year in covered for year in asked):
        return False
    dispatcher.utter_message(
        response="utter_hub_year_not_published",
        year=str(asked[0]),
        first=str(covered[0]),
        last=str(covered[-1]),
    )
    return True
