"""Which of the hub's events a question is about ("who visited in July 2021?").

An event is picked by the month and year the question names (`hub_events.yml`) and by the
words it shares with the event's title, the way a described project is picked
(`actions.references`); only a single best match counts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import regex
import yaml

from actions.catalogue_types import HubEvent
from actions.references import generic_keys, keys

MONTHS_FILE = Path(__file__).with_name("hub_events.yml")
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
ANYWHERE = regex.compile(r"[\p{Han}\d]")
#: What naming an event's month (with its year, if the question gives one) is worth.
DATE_WEIGHT = 2


@functools.cache
def month_cues(path: Path = MONTHS_FILE) -> dict[str, tuple[str, ...]]:
    """The cue words of each month ("07": july, 七月, июл, ...), once per process."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        str(month): tuple(str(cue).casefold() for cue in cues) for month, cues in document.items()
    }


def _names(cue: str, text: str) -> bool:
    if ANYWHERE.search(cue):
        return regex.search(rf"(?<!\d){regex.escape(cue)}", text) is not None
    return regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(cue)}", text) is not None


def months_named(text: str) -> set[str]:
    """The months the text names, as "01".."12"."""
    lowered = text.casefold()
    return {month for month, cues in month_cues().items() if any(_names(c, lowered) for c in cues)}


def asked_event(text: str, events: Sequence[HubEvent]) -> HubEvent | None:
    """The one event the question is about, by its month and year or its title's words."""
    months = months_named(text)
    years = set(YEAR.findall(text))
    # The words of a topic count here: "конференция" names the opening conference.
    wanted = keys(text) - generic_keys()
    scores = []
    for event in events:
        year, _, month = event.date.partition("-")
        month = month[:2]
        dated = bool(months) and month in months and (not years or year in years)
        scores.append(DATE_WEIGHT * dated + len(wanted & keys(event.title)))
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return events[scores.index(best)]
