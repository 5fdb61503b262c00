"""The hub's trade figures: asked for one country (`actions.hub_countries`), right after them
(`actions.hub_answers`), and how much trade grew.
"""

from __future__ import annotations

import pytest

from actions.hub import ActionShowHubInfo
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import HUB_JSON, ask, entity, responses_sent


@pytest.mark.parametrize(
    "text", ["what about trade with Kazakhstan?", "和伊朗的贸易增长多少", "а торговля с Россией?"]
)
def test_trade_with_one_country_says_there_are_no_such_figures_first(catalogue, text):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowHubInfo(), intent="ask_hub_info", text=text, entities=[entity("topic", "trade")]
    )
    assert responses_sent(messages) == ["utter_hub_no_country_figures", "utter_hub_trade"]


@pytest.mark.parametrize(
    ("text", "responses"),
    [
        ("and Kazakhstan?", ["utter_hub_no_country_figures", "utter_hub_trade"]),
        ("and 2020?", ["utter_hub_trade"]),
    ],
)
def test_a_country_or_a_year_right_after_the_trade_figures_is_asked_about_trade(
    catalogue, text, responses
):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    after_trade = [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_trade"}}]
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text=text,
        slots={"subject": "hub"},
        events=after_trade,
    )
    assert responses_sent(messages) == responses


def test_how_much_trade_grew_is_about_trade_not_investment(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="in 2020 first quarter how much trade grew with b&r countries",
        entities=[entity("topic", "investment"), entity("topic", "trade")],
    )
    assert responses_sent(messages) == ["utter_hub_trade"]


def test_a_country_right_after_the_trade_figures_and_their_sources_is_about_trade(catalogue):
    """ "what about uzbekistan only" after "and asean? also where do these numbers come from"."""
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    after_trade_and_sources = [
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_trade"}},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_sources"}},
    ]
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="what about uzbekistan only",
        slots={"subject": "hub"},
        events=after_trade_and_sources,
    )
    assert responses_sent(messages) == ["utter_hub_no_country_figures", "utter_hub_trade"]
