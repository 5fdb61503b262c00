"""Readies the action server when it starts, not on the first visitors' requests.

rasa-sdk imports every module of the `actions` package as it starts, this one too, so
the work below is done as it starts. Without it, the lexicon, the country names and the
Russian dictionaries are built by the first requests, several at once after a restart,
and those visitors wait seconds for an answer. Only memory is touched: no file,
database or network.
"""

from __future__ import annotations

import logging
import threading
import time

from hub_lexicon.countries import default_country_normaliser
from hub_lexicon.normaliser import default_normaliser
from hub_lexicon.replies import closed_replies

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Builds the entity normaliser and the lead form's closed replies.

    The country names, which only the lead form's country question needs and which take
    longest, are then built in a background thread: the server answers sooner.
    """
    started = time.perf_counter()
    default_normaliser()
    closed_replies()
    logger.info("Action server ready in %.1f s", time.perf_counter() - started)
    threading.Thread(target=default_country_normaliser, name="warm-up", daemon=True).start()


warm_up()
