"""`actions.second_request`: a second request in the message is answered after the first."""

from __future__ import annotations

from actions.hub import ActionShowHubInfo
from actions.project_search import ActionSearchProjects
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    HUB_JSON,
    ask,
    entity,
    page_json,
    project_json,
    responses_sent,
    serve_search,
)
from tests.actions.test_services import service_json

SERVICES = {"items": [service_json("legal", "Legal"), service_json("visa", "Visa")]}


def serve_finance_search(catalogue):
    """The catalogue's answer to a search for finance projects: the SCO Finance Building."""
    finance = project_json("sco-finance-building", "SCO Finance Building", sectors=["finance"])
    serve_search(
        catalogue,
        {"lang": "en", "sector": "finance", "page": "1", "page_size": "3"},
        page_json([finance]),
    )


def test_the_hubs_figures_and_the_services_asked_together_get_both(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    catalogue.get(f"{CATALOGUE_URL}/services", json=SERVICES)
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="сколько подписали на открытии и какие услуги вы даете",
        entities=[entity("topic", "status")],
    )
    assert responses_sent(messages) == ["utter_hub_investment", "utter_services_overview"]


def test_a_search_and_the_hubs_figures_asked_together_get_both(catalogue):
    serve_finance_search(catalogue)
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="show me finance projects and also tell me total money signed at the opening",
        entities=[entity("sector", "finance")],
        slots={"sector": "finance"},
    )
    sent = responses_sent(messages)
    assert sent[-1] == "utter_hub_investment", sent
    assert "utter_project_card_sourced" in sent or "utter_project_card" in sent, sent


def test_a_search_alone_gets_no_second_answer(catalogue):
    serve_finance_search(catalogue)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="show me finance projects opened recently",
        entities=[entity("sector", "finance")],
        slots={"sector": "finance"},
    )
    assert "utter_hub_investment" not in responses_sent(messages)


def test_three_requests_in_one_message_get_each_answer_once(catalogue):
    """A search, the hub's figures and the services: the services come once, after the cards."""
    serve_finance_search(catalogue)
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    catalogue.get(f"{CATALOGUE_URL}/services", json=SERVICES)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="show me finance projects, and also the total signed at the opening and what "
        "services you give",
        entities=[entity("sector", "finance")],
        slots={"sector": "finance"},
    )
    sent = responses_sent(messages)
    assert sent.count("utter_services_overview") == 1, sent
    assert sent.count("utter_hub_investment") == 1, sent


def test_a_search_and_the_platforms_roadshows_asked_together_get_both(catalogue):
    serve_finance_search(catalogue)
    catalogue.get(f"{CATALOGUE_URL}/services", json=SERVICES)
    messages, _ = ask(
        ActionSearchProjects(),
        intent="search_projects",
        text="any finance projects? and do you organise roadshows?",
        entities=[entity("sector", "finance")],
        slots={"sector": "finance"},
    )
    sent = responses_sent(messages)
    assert sent.index("utter_platform_functions") > sent.index("utter_project_card_sourced"), sent
