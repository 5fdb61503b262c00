"""Follow-ups about the hub that blind set 8 found misread (issue 20).

"and with belt and road countries" right after the trade figures got the hub's summary; "开幕那天
青岛还发布了多少个项目来着" got an event's line; "上合示范区办公室租金多少钱一平" got the signed
investment.
"""

from __future__ import annotations

import pytest

from actions.hub import ActionShowHubInfo
from actions.project_search import ActionSearchProjects
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    entity,
    event_json,
    figure_json,
    hub_json,
    make_tracker,
    responses_sent,
    run_action,
)

HUB = hub_json(
    figures=[
        figure_json("opening_signed_projects", "Projects signed at the opening", "10"),
        figure_json("announced_projects", "Projects Qingdao announced", "20"),
    ],
    events=[
        event_json("opening-conference-2020", "29 June 2020", "中心开幕——线上招商推介会"),
        event_json("soes-visiting-qingdao-2021", "June 2021", "2021年央企青岛行", date="2021-06"),
    ],
)

AFTER_TRADE = [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_trade"}}]


def test_trade_partners_right_after_the_trade_figures_stay_on_trade(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB)
    tracker = make_tracker(
        intent="ask_hub_info",
        text="and with belt and road countries",
        slots={"subject": "hub"},
        events=AFTER_TRADE,
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_trade"]


def test_how_many_asked_about_an_event_gets_its_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB)
    tracker = make_tracker(
        intent="ask_hub_info",
        text="开幕那天青岛还发布了多少个项目来着",
        entities=[entity("topic", "events")],
        slots={"subject": "hub", "language": "zh"},
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_investment"]
    assert "• Projects Qingdao announced: 20" in messages[0]["figures"]


def test_a_rent_is_a_price_the_seeds_do_not_give(catalogue):
    tracker = make_tracker(
        intent="ask_hub_info",
        text="上合示范区办公室租金多少钱一平",
        entities=[entity("district", "scoda"), entity("topic", "investment")],
        slots={"language": "zh"},
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_prices_not_published"]


def test_the_area_of_qingdao_gets_its_figures(catalogue):
    area = figure_json("qingdao_land_area", "Qingdao's land area", "12,000 km²")
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json(figures=[area]))
    tracker = make_tracker(intent="ask_hub_info", text="what is the area of qingdao")
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert "12,000 km²" in messages[0]["figures"]


def test_how_many_projects_right_after_the_hub_s_figures_is_about_them(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB)
    after_figures = [
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_investment"}}
    ]
    tracker = make_tracker(
        intent="search_projects",
        text="几个项目",
        slots={"subject": "hub", "language": "zh"},
        events=after_figures,
    )
    messages, _ = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages)[0].startswith("utter_hub")


def test_a_search_of_trade_partners_right_after_the_trade_figures_stays_on_trade(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB)
    tracker = make_tracker(
        intent="search_projects",
        text="和一带一路国家的进出口呢",
        entities=[entity("sector", "trade")],
        slots={"subject": "hub", "language": "zh", "sector": "trade"},
        events=AFTER_TRADE,
    )
    messages, _ = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages) == ["utter_hub_trade"]


@pytest.mark.parametrize(
    ("text", "topics"),
    [("narxi qancha?", []), ("how much does it cost?", ["investment"]), ("价格多少？", [])],
)
def test_a_price_asked_right_after_a_service_is_said_unpublished(catalogue, text, topics):
    """Issue 20: "narxi qancha?" after the visa service got the visa service again."""
    messages, _ = run_action(
        ActionShowHubInfo(),
        make_tracker(
            intent="ask_hub_info",
            text=text,
            entities=[entity("topic", topic) for topic in topics],
            slots={"subject": "service", "discussed_services": ["visa"]},
        ),
    )
    assert responses_sent(messages) == ["utter_prices_not_published"]
