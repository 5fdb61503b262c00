"""`bot.nlu.entities.two_requests`: a message that asks for projects and a service at once."""

from __future__ import annotations

import pytest

from bot.nlu.entities.component import select_entities
from bot.nlu.entities.two_requests import read_two_requests
from hub_lexicon.normaliser import default_normaliser


def read(text: str, intent: str) -> tuple[str | None, set[tuple[str, str]]]:
    normaliser = default_normaliser()
    matches = normaliser.find(text)
    found = select_entities(matches, intent, normaliser)
    read_as, entities = read_two_requests(text, intent, matches, found)
    return read_as, {(match.entity, match.value) for match in entities}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("帮我查下物流项目，顺便说下你们的签证服务", "ask_service"),
        ("логистические проекты и визовая поддержка", "ask_service"),
        ("логистика лойиҳалари ва виза хизмати ҳақида билмоқчиман", "search_projects"),
    ],
)
def test_a_search_and_a_service_in_one_message_are_both_kept(text: str, intent: str) -> None:
    assert read(text, intent) == (
        "search_projects",
        {("sector", "logistics"), ("service", "visa")},
    )


def test_a_search_keeps_a_service_it_names_in_other_words() -> None:
    assert read("we need a lawyer and also show me logistics projects", "search_projects") == (
        "search_projects",
        {("sector", "logistics"), ("service", "legal")},
    )


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        # One request: the "logistics" of a search is its sector, of a service question the
        # service; a service question about a place asks no projects.
        ("show me logistics projects", "search_projects", {("sector", "logistics")}),
        ("нужен юрист и бух", "ask_service", {("service", "legal"), ("service", "accounting")}),
        ("logistics services?", "ask_service", {("service", "logistics")}),
        ("legal help in Pingdu?", "ask_service", {("service", "legal")}),
    ],
)
def test_one_request_stays_one(text: str, intent: str, expected: set[tuple[str, str]]) -> None:
    assert read(text, intent) == (intent, expected)


def test_a_search_and_the_hubs_figures_in_one_message_are_read_as_the_search() -> None:
    text = "show me finance projects and also tell me total money signed at the opening"
    assert read(text, "ask_hub_info") == ("search_projects", {("sector", "finance")})
    assert read("tell me about the hub and also the trade figures", "ask_hub_info")[0] == (
        "ask_hub_info"
    )


def test_a_search_and_a_platform_function_in_one_message_are_read_as_the_search() -> None:
    text = "有数字经济的项目吗？另外你们提供路演服务不"
    assert read(text, "ask_service") == ("search_projects", {("sector", "digital_economy")})
    assert read("你们提供路演服务吗", "ask_service")[0] == "ask_service"
