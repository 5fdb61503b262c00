"""The keys a word is compared by, the same for the lexicon's forms and a visitor's text.

Russian (and other Cyrillic) words are keyed by their lemmas with pymorphy3, Kazakh, Kyrgyz,
Uzbek and Belarusian words also by their stems without endings, English words by their
Snowball stem, and Latin letters with diacritics without them.
"""

from __future__ import annotations

import functools
import unicodedata

import pymorphy3
import regex
import snowballstemmer

from hub_lexicon.suffixes import SuffixStripper
from hub_lexicon.text import fold_turkic_letters

CYRILLIC = regex.compile(r"\p{Cyrillic}")


class WordKeys:
    """Reduces words to the keys they are compared by."""

    def __init__(self, stripper: SuffixStripper) -> None:
        """Loads the Russian dictionary and the English stemmer.

        Args:
            stripper: Strips Kazakh, Kyrgyz, Uzbek and Belarusian endings.
        """
        self.morph = pymorphy3.MorphAnalyzer(lang="ru")
        self.stripper = stripper
        self.stemmer = snowballstemmer.stemmer("english")

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one per process
    def lemma(self, word: str) -> str:
        """A Russian word's likeliest dictionary form ("шести" -> "шесть"); others lowercased."""
        word = word.casefold().replace("ё", "е")
        if not CYRILLIC.search(word):
            return word
        return self.morph.parse(word)[0].normal_form.replace("ё", "е")

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one per process
    def text_keys(self, word: str) -> tuple[str, ...]:
        """The keys of a visitor's word: `keys`, and Turkic stems of unknown Cyrillic words.

        A Cyrillic word that the Russian dictionary does not know also gets its stems
        without Kazakh, Kyrgyz or Uzbek endings ("екіншісі" -> "екінші").
        """
        keys = self.keys(word)
        folded = word.casefold().replace("ё", "е")
        if CYRILLIC.search(folded) and not self.morph.word_is_known(folded):
            keys = tuple(dict.fromkeys((*keys, *self.stripper.stems(folded))))
        return keys

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one per process
    def keys(self, word: str) -> tuple[str, ...]:
        """The keys of one word: its lemmas and itself (Cyrillic), stem (Latin) or itself."""
        word = word.casefold().replace("ё", "е")
        if CYRILLIC.search(word):
            lemmas = (parse.normal_form.replace("ё", "е") for parse in self.morph.parse(word))
            belarusian = (
                () if self.morph.word_is_known(word) else self.stripper.belarusian_stems(word)
            )
            # "тургын" typed for "тұрғын": both are keyed by the letters they share.
            folded = fold_turkic_letters(word)
            return tuple(dict.fromkeys((*lemmas, word, *belarusian, folded)))
        if not word.isascii():
            # Latin letters with diacritics compare without them: "việt" is "viet".
            stripped = "".join(
                char
                for char in unicodedata.normalize("NFKD", word)
                if not unicodedata.combining(char)
            )
            word = stripped if stripped.isascii() else word
        if word.isascii() and word.isalpha():
            return (self.stemmer.stemWord(word),)
        return (word,)
