"""`bot.nlu.entities.corrections`: "no, I meant logistics, not finance"."""

from __future__ import annotations

import pytest

from bot.nlu.entities.corrections import correction, without_negated
from bot.nlu.entities.reading import Reading
from hub_lexicon.normaliser import default_normaliser


def read(text: str, classified: str) -> tuple[str | None, set[tuple[str, str]]]:
    """The intent the correction rule gives, and the matches left of the message."""
    matches, negated = without_negated(text, default_normaliser().find(text))
    reading = Reading(text, classified, matches, frozenset(), frozenset(), 1.0, negated)
    return correction(reading), {(match.entity, match.value) for match in matches}


@pytest.mark.parametrize(
    ("text", "classified"),
    [
        ("sry no i meant logistics, not finance", "deny"),
        ("不对不对，我说的是物流，不是金融", "deny"),
        ("не, я не то имел ввиду, логистика нужна а не финансы", "ask_service"),
        ("Жок, мен логистиканы айтып жатам, финансы эмес", "search_projects"),
        ("not medical, something in logistics", "deny"),
    ],
)
def test_a_correction_searches_what_it_names_and_drops_what_it_negates(
    text: str, classified: str
) -> None:
    intent, matched = read(text, classified)
    assert intent == "search_projects"
    assert ("sector", "logistics") in matched
    assert not {value for entity, value in matched if entity == "sector"} - {"logistics"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no I meant the second one", "project_details"),
        ("нет, я имел в виду второй", "project_details"),
        ("не юрист, а бухгалтер нужен", "ask_service"),
    ],
)
def test_a_correction_turns_to_a_position_or_a_service(text: str, expected: str) -> None:
    assert read(text, "deny")[0] == expected


@pytest.mark.parametrize(
    ("text", "classified", "sector"),
    [
        # A question holding the same characters negates nothing.
        ("是不是金融项目", "search_projects", "finance"),
        # A plain search, and a "no" with nothing corrected, are left alone.
        ("show me finance projects", "search_projects", "finance"),
        ("no, finance is fine", "deny", "finance"),
    ],
)
def test_what_is_not_negated_is_kept(text: str, classified: str, sector: str) -> None:
    intent, matched = read(text, classified)
    assert ("sector", sector) in matched
    assert intent is None


def test_a_district_negated_is_dropped_and_the_sector_kept() -> None:
    intent, matched = read("show me infrastructure projects not in Pingdu", "search_projects")
    assert intent == "search_projects"
    assert matched >= {("sector", "infrastructure")}
    assert not [value for entity, value in matched if entity == "district"]
