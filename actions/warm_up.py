"""Readies the action server when it starts, not on the first visitors' requests.

rasa-sdk imports every module of the `actions` package as it starts, this one too, so
the work below is done before the server answers its health check. Without it, the
lexicon, the country names and the Russian dictionaries are built by the first requests,
several at once after a restart, and those visitors wait seconds for an answer. Only
memory is touched: no file, database or network.
"""

from __future__ import annotations

import logging
import time

from actions.lead_answers import closed_replies
from bot.entities.countries import default_country_normaliser
from bot.entities.normaliser import default_normaliser

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Builds the process-wide normalisers and the closed replies of the lead form."""
    started = time.perf_counter()
    default_normaliser()
    default_country_normaliser()
    closed_replies()
    logger.info("Action server ready in %.1f s", time.perf_counter() - started)


warm_up()
