"""A visitor correcting what they asked: "sry no i meant logistics, not finance".

What a message negates ("not finance", "а не финансы", "不是金融", "финансы эмес") is not
asked for: `without_negated` drops it before the intent rules and the entities read the
matches. A message that corrects (a correction cue, or something negated) and still names a
sector, a district or a service asks for that, whatever the classifier said: "no" at its
start reads as `deny` (`correction`).
"""

from __future__ import annotations

from bot.nlu.entities.intent_names import (
    AFFIRM_INTENT,
    DENY_INTENT,
    REFERENCE_INTENT,
    SEARCH_INTENT,
    SERVICE_INTENT,
    SMALL_TALK_INTENTS,
    THANK_INTENT,
)
from bot.nlu.entities.reading import Reading
from hub_lexicon.normaliser import EntityMatch
from hub_lexicon.replies import HAN, closed_replies, holds, normalise_reply

#: What the classifier makes of a correction's "no, I meant …" when nothing is negated.
MISREAD_AS = frozenset({DENY_INTENT, AFFIRM_INTENT, THANK_INTENT, *SMALL_TALK_INTENTS})
#: The kinds of things a correction turns to, and the intent asking for each.
SEARCH_TYPES = frozenset({"sector", "district"})
NEGATABLE_TYPES = SEARCH_TYPES | {"service"}


def _ends_with(text: str, phrase: str) -> bool:
    if HAN.search(phrase):
        return text.replace(" ", "").endswith(phrase)
    return f" {text}".endswith(f" {phrase}")


def is_negated(text: str, match: EntityMatch) -> bool:
    """Whether a negation stands right before the match, or (Turkic) right after it."""
    before = normalise_reply(text[: match.start])
    after = normalise_reply(text[match.end :])
    replies = closed_replies()
    if any(_ends_with(before, phrase) for phrase in replies["negation_questions"]):
        return False
    if any(_ends_with(before, phrase) for phrase in replies["negated_before"]):
        return True
    return any(f"{after} ".startswith(f"{phrase} ") for phrase in replies["negated_after"])


def without_negated(text: str, matches: list[EntityMatch]) -> tuple[list[EntityMatch], bool]:
    """The matches the message asks for, and whether it negated any.

    Only sectors, districts and services are dropped: "not disclosed" names no project.
    """
    negated = {
        (match.start, match.end)
        for match in matches
        if match.entity in NEGATABLE_TYPES and is_negated(text, match)
    }
    kept = [match for match in matches if (match.start, match.end) not in negated]
    return kept, bool(negated)


def correction(reading: Reading) -> str | None:
    """A correction that names what is wanted: a search, a project by position, a service."""
    cued = reading.classified in MISREAD_AS and holds(reading.text, "corrections")
    if not (reading.negated or cued):
        return None
    named = {match.entity for match in reading.matches}
    if named & SEARCH_TYPES:
        return SEARCH_INTENT
    if "ordinal" in named:
        return REFERENCE_INTENT  # "no, I meant the second one"
    return SERVICE_INTENT if "service" in named else None
