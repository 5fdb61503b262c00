"""Stems of Kazakh, Kyrgyz and Uzbek (Cyrillic) words, by stripping their endings.

These languages add endings to a word ("екінші" -> "екіншісі", "лойиҳа" -> "лойиҳаларни"),
which the Russian lemmatiser does not know. The endings are data
(`lexicon/turkic_suffixes.yml`); the entity normaliser tries each stem as a key of a
visitor's word that the Russian dictionary does not know.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

SUFFIXES_FILE = Path(__file__).parent / "lexicon" / "turkic_suffixes.yml"
#: At most this many stems are tried for one word.
MAX_STEMS = 24
KAZAKH_LETTERS = frozenset("әғқңөұүһ")


@dataclass(frozen=True)
class SuffixStripper:
    """Strips endings from a word, one after another, and lists the stems."""

    suffixes: tuple[str, ...]
    final_consonants: dict[str, str]
    min_stem_letters: int = 3
    max_suffixes: int = 3
    belarusian_endings: tuple[str, ...] = ()

    def belarusian_stems(self, word: str) -> tuple[str, ...]:
        """The stems of a lowercase Belarusian word, one per ending it may have.

        Every listed ending the word has gives a stem ("рэгістрацыя" -> "рэгістрацы",
        "рэгістрац"), so that two forms of a word share one ("рэгістрацыяй" ->
        "рэгістрацы").

        Args:
            word: A lowercase word.

        Returns:
            The stems; none when the word has a Kazakh letter or no listed ending.
        """
        if set(word) & KAZAKH_LETTERS:
            return ()
        return tuple(
            word[: -len(ending)]
            for ending in self.belarusian_endings
            if word.endswith(ending) and len(word) - len(ending) >= self.min_stem_letters
        )

    def stems(self, word: str) -> tuple[str, ...]:
        """The stems of a lowercase word, shortest ending first; the word itself excluded.

        Args:
            word: A lowercase word, e.g. "екіншісі".

        Returns:
            Stems such as "екінші", "салық" (for "салығы"), in the order found.
        """
        found: dict[str, None] = {}
        frontier = [word]
        for _ in range(self.max_suffixes):
            next_frontier = []
            for current in frontier:
                for suffix in self.suffixes:
                    stem = current[: -len(suffix)]
                    if not current.endswith(suffix) or len(stem) < self.min_stem_letters:
                        continue
                    for variant in (stem, self._devoiced(stem)):
                        if variant and variant not in found and variant != word:
                            found[variant] = None
                            next_frontier.append(variant)
                    if len(found) >= MAX_STEMS:
                        return tuple(found)
            frontier = next_frontier
        return tuple(found)

    def _devoiced(self, stem: str) -> str | None:
        replacement = self.final_consonants.get(stem[-1:])
        return stem[:-1] + replacement if replacement else None


@functools.cache
def default_stripper(path: Path = SUFFIXES_FILE) -> SuffixStripper:
    """The stripper over the project's table of endings, longest ending first."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    suffixes = sorted({str(suffix) for suffix in document["suffixes"]}, key=len, reverse=True)
    return SuffixStripper(
        suffixes=tuple(suffixes),
        final_consonants={str(k): str(v) for k, v in document["final_consonants"].items()},
        min_stem_letters=int(document["min_stem_letters"]),
        max_suffixes=int(document["max_suffixes"]),
        belarusian_endings=tuple(
            sorted(
                (str(e) for e in document.get("belarusian_endings") or ()), key=len, reverse=True
            )
        ),
    )
