"""The action server builds its normalisers as it starts (rasa-sdk imports every module)."""

from __future__ import annotations

from actions import warm_up
from actions.lead_answers import closed_replies
from bot.entities.countries import default_country_normaliser
from bot.entities.normaliser import default_normaliser


def test_warm_up_builds_the_normalisers():
    for cached in (default_normaliser, default_country_normaliser, closed_replies):
        cached.cache_clear()
    warm_up.warm_up()
    for cached in (default_normaliser, default_country_normaliser, closed_replies):
        assert cached.cache_info().currsize == 1
