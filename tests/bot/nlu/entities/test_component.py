"""`bot.nlu.entities.component`: the entities a message keeps."""

from __future__ import annotations

from bot.nlu.entities.component import without_site_sector
from hub_lexicon.normaliser import default_normaliser


def sectors(text: str) -> set[str]:
    found = without_site_sector(default_normaliser().find(text))
    return {match.value for match in found if match.entity == "sector"}


def test_the_site_sector_named_with_another_is_left_for_it() -> None:
    assert sectors("u have anything about logistic parks?") == {"logistics"}
    assert sectors("industrial parks in pingdu?") == {"industrial_park"}
