"""`is_short_reference`: a message that is nothing but a position in a list."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu.entities.reading import is_short_reference
from hub_lexicon.lexicon import read_lexicon
from hub_lexicon.normaliser import EntityNormaliser

#: The small lexicon of the lexicon's own tests (tests/lexicon/lexicon/).
FIXTURE_LEXICON = Path(__file__).resolve().parents[3] / "lexicon" / "lexicon"


@pytest.fixture(scope="module")
def normaliser() -> EntityNormaliser:
    return EntityNormaliser(read_lexicon(FIXTURE_LEXICON))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pls open no. 4", True),
        ("the second one", True),
        ("第二个", True),
        ("расскажите подробнее о втором", True),
        ("i want to know more about number 3 and its investment figures", False),
        ("what happened in the first quarter of 2020?", False),
        ("show me logistics projects", False),
    ],
)
def test_a_bare_position_in_a_list_is_a_short_reference(normaliser, text, expected):
    assert is_short_reference(text, normaliser.find(text)) is expected
