"""The action server builds its normalisers as it starts (rasa-sdk imports every module)."""

from __future__ import annotations

import time

from actions import warm_up
from hub_lexicon.countries import default_country_normaliser
from hub_lexicon.normaliser import default_normaliser
from hub_lexicon.replies import closed_replies


def test_warm_up_builds_the_normalisers():
    for cached in (default_normaliser, default_country_normaliser, closed_replies):
        cached.cache_clear()
    warm_up.warm_up()
    assert default_normaliser.cache_info().currsize == 1
    assert closed_replies.cache_info().currsize == 1
    deadline = time.monotonic() + 30
    while default_country_normaliser.cache_info().currsize == 0:  # built in the background
        assert time.monotonic() < deadline
        time.sleep(0.05)
