"""The entity normaliser: any surface form of a vocabulary entity mapped to its code.

Sectors, services, districts, projects, topics and ordinals, in English, Chinese and
Russian (and the other Cyrillic-script languages of the lexicon).

Both sides, the lexicon's forms and the visitor's text, are reduced to the same keys
(`hub_lexicon.word_keys`), Traditional Chinese to Simplified with OpenCC. Small typos in
longer words are forgiven with rapidfuzz. The NLU pipeline (`VocabularyEntityExtractor`) and the
actions use this one class, so the vocabulary is known in one place.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product

import regex
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from hub_lexicon.lexicon import SurfaceForm, codes_by_entity, read_lexicon
from hub_lexicon.suffixes import SuffixStripper, default_stripper
from hub_lexicon.text import to_simplified
from hub_lexicon.word_keys import CYRILLIC, WordKeys

logger = logging.getLogger(__name__)

HAN = regex.compile(r"\p{Han}")
WORD = regex.compile(r"[\p{L}\p{M}\p{N}--\p{Han}]+", flags=regex.VERSION1)
WHITESPACE = regex.compile(r"\s+")
#: "#2", "№ 2", "no. 2", "number 2", "2nd", "2-й", "第2": positions in a list.
ORDINAL_NUMBER = regex.compile(
    r"(?:(?:#|№|\bno\.?|\bnumber|\bномер)\s*(?P<n>\d{1,2})\b)"
    r"|(?:\b(?P<n>\d{1,2})(?:st|nd|rd|th|-?й|-?ый|-?ой|-?ий|-?го|-?му|-?м)\b)"
    r"|(?:第\s*(?P<n>\d{1,2}))",
    flags=regex.IGNORECASE | regex.VERSION1,
)
#: A form written in capitals this short ("IT") matches only capitals: "it" is a pronoun.
ACRONYM_MAX_LENGTH = 2
#: Words this long or longer are matched despite one typo (a letter added, dropped,
#: changed or two swapped), and words of `FUZZY_TWO_TYPOS_LENGTH` despite two.
FUZZY_MIN_LENGTH = 6
FUZZY_TWO_TYPOS_LENGTH = 12


@dataclass(frozen=True)
class EntityMatch:
    """A code found in a text: `text[start:end]` means `value` of `entity`."""

    entity: str
    value: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Word:
    keys: tuple[str, ...]
    raw: str
    start: int
    end: int


@dataclass
class _Node:
    """A node of the trie of word forms: one word key further along a form."""

    children: dict[str, _Node] = field(default_factory=dict)
    targets: set[tuple[str, str]] = field(default_factory=set)


class EntityNormaliser:
    """Finds codes in texts, and maps a surface form to its code."""

    def __init__(self, forms: list[SurfaceForm], stripper: SuffixStripper | None = None) -> None:
        """Indexes the lexicon's forms.

        Args:
            forms: Every surface form of every code (`read_lexicon()`).
            stripper: Strips Kazakh, Kyrgyz and Uzbek endings from a visitor's words.
        """
        self._words = WordKeys(stripper or default_stripper())
        self._codes = {entity: frozenset(codes) for entity, codes in codes_by_entity(forms).items()}
        # Forms written with Han characters are found as substrings of the text without
        # spaces; the others along a trie of word keys. A Russian word has a key per
        # lemma it may have ("парки": "парк" or "парка"), so either path matches.
        self._han_forms: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._word_forms = _Node()
        self._longest_word_form = 1
        self._acronyms: dict[str, set[tuple[str, str]]] = defaultdict(set)
        single_words: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for form in forms:
            target = (form.entity, form.code)
            if form.form.isupper() and len(form.form) <= ACRONYM_MAX_LENGTH:
                self._acronyms[form.form].add(target)
                continue
            if HAN.search(form.form):
                self._han_forms[self._compact(form.form)].add(target)
                continue
            words = [self._words.keys(match.group()) for match in WORD.finditer(form.form)]
            if not words:
                continue
            for path in product(*words):
                node = self._word_forms
                for key in path:
                    node = node.children.setdefault(key, _Node())
                node.targets.add(target)
            self._longest_word_form = max(self._longest_word_form, len(words))
            if len(words) == 1 and len(form.form) >= FUZZY_MIN_LENGTH:
                single_words[form.form.casefold()].add(target)
                single_words[words[0][0]].add(target)
        self._fuzzy_targets = dict(single_words)
        self._fuzzy_choices = list(single_words)

    def codes(self, entity: str) -> frozenset[str]:
        """The codes of an entity type that the lexicon knows."""
        return self._codes.get(entity, frozenset())

    def normalise(self, entity: str, text: str) -> str | None:
        """Maps a surface form (or a code) of an entity to its code.

        Args:
            entity: The entity type, e.g. "sector".
            text: What was written, e.g. "логистическая" or "logistics".

        Returns:
            The code, e.g. "logistics", or None when the text names no single code of
            that entity (logged, so that the lexicon can be completed).
        """
        if text in self.codes(entity) or (entity == "ordinal" and text.isdigit()):
            return text
        found = {match.value for match in self.find(text) if match.entity == entity}
        if len(found) == 1:
            return found.pop()
        logger.info("No single %s code for %r (candidates: %s).", entity, text, sorted(found))
        return None

    def find(self, text: str) -> list[EntityMatch]:
        """Finds every code named in a text.

        Overlapping forms are resolved in favour of the longer one; a span that names
        codes of several entity types (e.g. "logistics": a sector and a service) is
        returned once per type.

        Args:
            text: A visitor's message.

        Returns:
            The matches, in text order.
        """
        candidates = [
            *self._find_han(text),
            *self._find_words(text),
            *self._find_ordinal_numbers(text),
        ]
        chosen: list[EntityMatch] = []
        for match in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
            overlaps = any(
                match.start < other.end
                and other.start < match.end
                and (match.start, match.end) != (other.start, other.end)
                for other in chosen
            )
            if not overlaps and match not in chosen:
                chosen.append(match)
        return sorted(chosen, key=lambda m: (m.start, m.entity))

    def _find_han(self, text: str) -> list[EntityMatch]:
        if not HAN.search(text):
            return []
        compact, offsets = self._compact_with_offsets(text)
        matches = []
        for form, targets in self._han_forms.items():
            position = compact.find(form)
            while position >= 0:
                start, end = offsets[position], offsets[position + len(form) - 1] + 1
                matches += [
                    EntityMatch(entity, code, start, end, text[start:end])
                    for entity, code in targets
                ]
                position = compact.find(form, position + 1)
        return matches

    def _find_words(self, text: str) -> list[EntityMatch]:
        words = [
            _Word(self._words.text_keys(match.group()), match.group(), match.start(), match.end())
            for match in WORD.finditer(text)
        ]
        matches: list[EntityMatch] = []
        matched_words: set[int] = set()
        for first in range(len(words)):
            last = self._longest_match(words, first)
            if last is None:
                continue
            last_index, targets = last
            start, end = words[first].start, words[last_index].end
            matches += [
                EntityMatch(entity, code, start, end, text[start:end]) for entity, code in targets
            ]
            matched_words.update(range(first, last_index + 1))
        for index, word in enumerate(words):
            if index not in matched_words and word.raw in self._acronyms:
                matches += [
                    EntityMatch(entity, code, word.start, word.end, word.raw)
                    for entity, code in self._acronyms[word.raw]
                ]
            elif index not in matched_words and len(word.raw) >= FUZZY_MIN_LENGTH:
                matches += self._find_misspelt(word, text)
        return matches

    def _longest_match(
        self, words: list[_Word], first: int
    ) -> tuple[int, set[tuple[str, str]]] | None:
        """The last word and the targets of the longest form that starts at `first`."""
        frontier = [self._word_forms]
        best = None
        for index in range(first, min(len(words), first + self._longest_word_form)):
            frontier = [
                child
                for node in frontier
                for key in words[index].keys
                if (child := node.children.get(key)) is not None
            ]
            if not frontier:
                break
            targets = set().union(*(node.targets for node in frontier))
            if targets:
                best = (index, targets)
        return best

    def _find_misspelt(self, word: _Word, text: str) -> list[EntityMatch]:
        typos = 2 if len(word.raw) >= FUZZY_TWO_TYPOS_LENGTH else 1
        best = None
        # Cyrillic words are also compared by lemma, so that an inflected misspelling
        # ("бугалтерией") is found; English stems are too short to compare safely.
        candidates = [word.raw.casefold()]
        if CYRILLIC.search(word.raw):
            candidates.append(word.keys[0])
        for candidate in candidates:
            found = process.extractOne(
                candidate,
                self._fuzzy_choices,
                scorer=DamerauLevenshtein.distance,
                score_cutoff=typos,
            )
            if found and found[0][:1] == candidate[:1] and (best is None or found[1] < best[1]):
                best = found
        if best is None:
            return []
        return [
            EntityMatch(entity, code, word.start, word.end, text[word.start : word.end])
            for entity, code in self._fuzzy_targets[best[0]]
        ]

    @staticmethod
    def _find_ordinal_numbers(text: str) -> list[EntityMatch]:
        matches = []
        for match in ORDINAL_NUMBER.finditer(text):
            number = int(match.group("n"))
            if number > 0:
                matches.append(
                    EntityMatch("ordinal", str(number), match.start(), match.end(), match.group())
                )
        return matches

    def lemma(self, word: str) -> str:
        """A Russian word's likeliest dictionary form ("шести" -> "шесть"); others lowercased."""
        return self._words.lemma(word)

    @staticmethod
    def _compact(text: str) -> str:
        return WHITESPACE.sub("", to_simplified(text).casefold())

    @staticmethod
    def _compact_with_offsets(text: str) -> tuple[str, list[int]]:
        simplified = to_simplified(text)
        kept = [
            (index, char.casefold())
            for index, char in enumerate(simplified)
            if not char.isspace() and len(char.casefold()) == 1
        ]
        return "".join(char for _, char in kept), [index for index, _ in kept]


@functools.cache
def default_normaliser() -> EntityNormaliser:
    """The process-wide normaliser over the project's lexicon, built on first use."""
    return EntityNormaliser(read_lexicon())
