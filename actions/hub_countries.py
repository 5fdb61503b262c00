"""Trade figures asked for one country ("and Kazakhstan?", "а с Россией?", "和伊朗呢").

The press releases give Qingdao's trade with ASEAN and with the Belt and Road countries as a
whole, and nothing for a single country. A question that names one gets that said first,
then the figures there are.
"""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from hub_lexicon.countries import default_country_normaliser

#: The hub's own country: its figures are Qingdao's.
HUB_COUNTRY = "CN"
TRADE_TOPIC = "trade"


def names_another_country(text: str) -> bool:
    """Whether the message names one country other than China."""
    return default_country_normaliser().code(text) not in (None, HUB_COUNTRY)


def say_no_country_figures(dispatcher: CollectingDispatcher, topic: str | None, text: str) -> None:
    """Says first that trade figures for one country are not published, if one is asked."""
    if topic == TRADE_TOPIC and names_another_country(text):
        dispatcher.utter_message(response="utter_hub_no_country_figures")
