"""Which of the hub's events a question is about ("who visited in July 2021?").

Events are picked by the month and year the question names (`hub_events.yml`) and by the
words it shares with one event's title alone, the way a described project is picked
(`actions.references`); every event of the best score counts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import regex
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue_types import HubEvent
from actions.references import generic_keys, keys
from actions.sources import citation
from hub_lexicon.replies import holds

MONTHS_FILE = Path(__file__).with_name("hub_events.yml")
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
#: A year in two digits, as visitors write it: "летом 21го", "в 20-м", "summer '21", "21年".
SHORT_YEAR = regex.compile(r"(?:'|’|(?<!\d))(\d\d)(?:-?(?:го|м|й)\b|\s*г\.|\s*год|年)|['’](\d\d)\b")
ANYWHERE = regex.compile(r"[\p{Han}\d]")
#: What naming an event's month (with its year, if the question gives one) is worth.
DATE_WEIGHT = 2
#: Words of event titles that name no one event ("did any big state companies visit?").
GENERIC_EVENT_WORDS = (
    "company companies компания компании компаний госкомпании 公司 企业 "
    # Every event of the hub is about central enterprises: "how many central enterprises took
    # part" right after the opening names no other event.
    "enterprise enterprises soe soes предприятие предприятия предприятий госпредприятия "
    "госпредприятий 央企"
)
#: Words for an event that its title writes otherwise ("开业", opened: the title's "开幕";
#: Kazakh "ашылу" and Uzbek "очилиш", the opening, answered under Russian titles).
TITLE_SYNONYMS = {
    "开业": "开幕",
    "开张": "开幕",
    "揭幕": "开幕",
    "ашылу": "открытие",
    "ашылғанда": "открытие",
    "ачылышы": "открытие",
    "ачылганда": "открытие",
    "очилиш": "открытие",
    "очилганда": "открытие",
    "ochilish": "открытие",
}
#: How many questions back a follow-up may still be about the event one of them named.
EVENT_FOLLOW_UPS = 3


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


def years_named(text: str) -> set[str]:
    """The years the text names, in four digits ("2021", "21го", "'21", "21年")."""
    short = {"20" + (a or b) for a, b in SHORT_YEAR.findall(text)}
    return set(YEAR.findall(text)) | short


def best_events(text: str, events: Sequence[HubEvent]) -> tuple[list[HubEvent], int]:
    """The events the question is about, ties included, and how surely (0: none).

    "летом 21го" dates both of the summer's events; a question that names nothing of any
    event gets none. A date counts `DATE_WEIGHT`, each word of one title's alone 1.
    """
    scores = _scores(text, events)
    best = max(scores, default=0)
    chosen = zip(events, scores, strict=True)
    found = [] if best == 0 else [event for event, score in chosen if score == best]
    if holds(text, "recent") and events:
        # "did any big state companies visit recently": the latest of those, or of all.
        return [max(found or events, key=lambda event: event.date)], max(best, DATE_WEIGHT)
    return found, best


@functools.cache
def _generic_event_keys() -> frozenset[str]:
    return frozenset(keys(GENERIC_EVENT_WORDS))


def _scores(text: str, events: Sequence[HubEvent]) -> list[int]:
    months = months_named(text)
    years = years_named(text)
    for synonym, title_word in TITLE_SYNONYMS.items():
        text = text.replace(synonym, title_word)
    # The words of a topic count here: "конференция" names the opening conference.
    # A year is matched by the events' dates, not as a word of a title ("2021 SOEs Visiting").
    wanted = {
        key for key in keys(text) - generic_keys() - _generic_event_keys() if not key.isdigit()
    }
    titles = [keys(event.title) for event in events]
    # A word of several titles ("central enterprises", "visit") names none of them.
    shared = {key for title in titles for key in title if sum(key in t for t in titles) > 1}
    scores = []
    for event, title in zip(events, titles, strict=True):
        year, _, month = event.date.partition("-")
        month = month[:2]
        dated = bool(months) and month in months and (not years or year in years)
        # "which state companies visited in 2021?": every event of that year
        of_the_year = not months and year in years
        scores.append(DATE_WEIGHT * dated + of_the_year + len(wanted & (title - shared)))
    return scores


def events_discussed(questions: Sequence[str], events: Sequence[HubEvent]) -> list[HubEvent]:
    """The events the conversation is on: those the surest of the earlier questions named.

    `questions` are the visitor's messages, the current one last; of equally sure ones, the
    latest wins. "去年7月是不是有央企来考察" → "都是哪几家" → "他们谈了什么合作" stay on that
    visit, and "date?" after the opening's figures asks for the opening's date.
    """
    chosen: list[HubEvent] = []
    surest = 0
    for question in questions[-1 - EVENT_FOLLOW_UPS : -1]:
        found, sureness = best_events(question, events)
        if found and sureness >= surest:
            chosen, surest = found, sureness
    return chosen


def utter_events(dispatcher: CollectingDispatcher, events: Sequence[HubEvent]) -> None:
    """The events a question dates or names, each with what happened there."""
    dispatcher.utter_message(
        response="utter_hub_events",
        events="\n".join(f"• {event.date_label}: {event.title}" for event in events),
        figures="\n\n".join(event.summary for event in events),
        **citation(events),
    )
