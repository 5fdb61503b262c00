"""What the intent rules read (`bot.nlu.entities.intents`), and the shapes of a message.

Whether a message is only a position in a list ("no. 4 pls"), names a project the model
never saw, or is shaped as a question.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hub_lexicon.normaliser import EntityMatch
from hub_lexicon.replies import has_question_word

#: A message that is a position in the list just shown, and at most this many other
#: words ("pls open no. 4", "the second one", "第二个"), asks for that project.
REFERENCE_MAX_OTHER_WORDS = 3
WORD = regex.compile(r"\p{Han}|[\p{L}\p{M}\p{N}]+")
QUESTION_MARKS = ("?", "？")
#: Chinese particles that end a question ("能帮我订酒店不", "有吗"), and "…了没有" / "…过没有"
#: (has it been …?: "签约了没有"), which a bare "没有" (no) is not.
QUESTION_ENDINGS = regex.compile(r"(?:[吗嗎么麼不呢嘛]|[了过過](?:没有|沒有|没|沒))[\s\p{P}]*$")
#: "吗" ends a question clause anywhere ("你们有微信号吗 加一下": have you WeChat? add me), and
#: "有没有" (is there?) and its kind ask wherever they stand ("有没有微信号 加一下", "有木有").
QUESTION_CLAUSE = regex.compile(
    r"[吗嗎](?:[\s\p{P}]|$)|有[没沒木]有|是不是|能不能|可不可以|会不会|會不會|要不要"
)


@dataclass(frozen=True)
class Reading:
    """What a rule reads: the text, the classifier's intent and the lexicon's matches."""

    text: str
    classified: str | None
    matches: list[EntityMatch]
    seen_projects: frozenset[str]
    project_intents: frozenset[str]
    confidence: float = 1.0
    #: Whether the message negated a sector, district or service it named ("not finance"),
    #: which `matches` no longer holds.
    negated: bool = False

    def is_unfiltered_search(self, search_intent: str, filter_types: frozenset[str]) -> bool:
        """Whether the classifier read a search that names no filter (sector, district)."""
        return self.classified == search_intent and not any(
            match.entity in filter_types for match in self.matches
        )


def is_short_reference(text: str, matches: list[EntityMatch]) -> bool:
    """Whether a message is only a reference to a position in a list, e.g. "no. 4 pls"."""
    ordinals = [match for match in matches if match.entity == "ordinal"]
    if not ordinals:
        return False
    rest = text
    for match in sorted(ordinals, key=lambda m: m.start, reverse=True):
        rest = rest[: match.start] + " " + rest[match.end :]
    return len(WORD.findall(rest)) <= REFERENCE_MAX_OTHER_WORDS


def names_unseen_project(reading: Reading) -> bool:
    """Whether a message names a project the model was not trained on, outside its intents.

    The classifier never saw the words of a name staff added ("Harbour Kiln Works" reads as
    "affirm", "介绍一下港湾窑厂" as `nlu_fallback`); the name says what the message is about.
    """
    return reading.classified not in reading.project_intents and any(
        match.entity == "project" and match.value not in reading.seen_projects
        for match in reading.matches
    )


def is_marked_question(text: str) -> bool:
    """Whether the text ends or is marked as a question: "?", or a Chinese particle."""
    return (
        any(mark in text for mark in QUESTION_MARKS)
        or bool(QUESTION_ENDINGS.search(text))
        or bool(QUESTION_CLAUSE.search(text))
    )


def is_question(text: str) -> bool:
    """Whether the text is shaped as a question: a mark, a Chinese particle, a wh-word."""
    return is_marked_question(text) or has_question_word(text)
