"""Uzbek and Kazakh written in Latin letters: recognised, and rewritten in Cyrillic.

Uzbekistan writes Uzbek in Latin letters officially and Kazakhstan is moving to them. The
NLU learned these languages in Cyrillic, so a message in Latin-script Uzbek or Kazakh is
given to it in Cyrillic (`TurkicLatinTransliterator`, first in the pipeline), and is
answered in Russian like the Cyrillic forms. The word stems, marker letters and the
transliteration rules are data (`turkic_latin.yml`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex
import yaml

from bot.nlu.language.latin import LATIN_NAMES_WITHOUT_LANGUAGE

TABLE_FILE = Path(__file__).with_name("turkic_latin.yml")
TURKIC_LATIN_LANGUAGES = ("uz", "kk")
#: The language whose marker letters no other language writes ("o'", "g'"); Kazakh's (ä, ş,
#: ü...) are Turkish and German letters too.
MARKED_LANGUAGE = "uz"
#: Stems this long or longer match the start of a word; shorter ones match whole words.
MIN_PREFIX_STEM_LETTERS = 4
#: Shorter words this long or longer also match with a suffix ("yil" + "dan"); two-letter
#: ones ("ma", "be") would make English words ("made", "beta") look Kazakh.
MIN_SUFFIXED_WORD_LETTERS = 3
WORD_PATTERN = regex.compile(r"[\p{Latin}\p{N}]+(?:['’ʻʼ`-][\p{Latin}\p{N}]+)*")
#: Cyrillic vowels: a rule `after_vowel` applies after one of these was written.
CYRILLIC_VOWELS = frozenset("аәеёиоөуұүыіэюя")
#: Words left in Latin letters: names of the hub's places and projects, acronyms, codes.
ACRONYM_PATTERN = regex.compile(r"^[A-Z0-9]{2,5}$")


@dataclass(frozen=True)
class _Language:
    markers: tuple[str, ...]
    words: frozenset[str]
    stems: tuple[str, ...]
    suffixes: tuple[str, ...]
    rules: tuple[tuple[str, str], ...]
    after_vowel: dict[str, str]
    initial: dict[str, str]


@dataclass(frozen=True)
class _Table:
    min_words: int
    min_share: float
    languages: dict[str, _Language]
    shared_greetings: frozenset[str]


@functools.cache
def _table(path: Path = TABLE_FILE) -> _Table:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    languages = {}
    for code in TURKIC_LATIN_LANGUAGES:
        entry = document[code]
        words = [_fold(str(word)) for word in entry["words"]]
        rules = sorted(
            ((str(latin), str(cyrillic)) for latin, cyrillic in entry["rules"].items()),
            key=lambda rule: len(rule[0]),
            reverse=True,
        )
        languages[code] = _Language(
            markers=tuple(str(marker) for marker in entry["markers"]),
            words=frozenset(word for word in words if len(word) < MIN_PREFIX_STEM_LETTERS),
            stems=tuple(word for word in words if len(word) >= MIN_PREFIX_STEM_LETTERS),
            suffixes=tuple(_fold(str(suffix)) for suffix in entry.get("suffixes") or ()),
            rules=tuple(rules),
            after_vowel={str(k): str(v) for k, v in (entry.get("after_vowel") or {}).items()},
            initial={str(k): str(v) for k, v in (entry.get("initial") or {}).items()},
        )
    return _Table(
        int(document["min_words"]),
        float(document["min_share"]),
        languages,
        frozenset(_fold(str(word)) for word in document["shared_greetings"]),
    )


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'").replace("ʻ", "'").replace("`", "'")


def _known(language: _Language, word: str) -> bool:
    word = _fold(word)
    if word in language.words or any(word.startswith(stem) for stem in language.stems):
        return True
    return any(
        word.endswith(suffix)
        and len(word) - len(suffix) >= MIN_SUFFIXED_WORD_LETTERS
        and word[: -len(suffix)] in language.words
        for suffix in language.suffixes
    )


def identify_turkic_latin(text: str) -> str | None:
    """Tells whether a text is Uzbek or Kazakh in Latin letters.

    Args:
        text: A message (or its part without names).

    Returns:
        "uz", "kk", or None for anything else (English, Turkish, names...).
    """
    table = _table()
    words = [
        word
        for word in WORD_PATTERN.findall(text)
        if word.casefold() not in LATIN_NAMES_WITHOUT_LANGUAGE and not word.isdigit()
    ]
    if not words:
        return None
    # "salam. tell me about the project": the greeting of many languages says nothing
    # about the language of the words after it.
    words = [word for word in words if _fold(word) not in table.shared_greetings] or words
    folded = _fold(text)
    best, best_score = None, (0, 0)
    for code, language in table.languages.items():
        known = sum(_known(language, word) for word in words)
        markers = sum(folded.count(marker) for marker in language.markers)
        needed = min(table.min_words, len(words))
        # "roadshow o'tkazasizlarmi?": a letter only Uzbek writes makes one known word enough
        marked = code == MARKED_LANGUAGE and markers > 0 and known > 0
        if not marked and (known < needed or known / len(words) < table.min_share):
            continue
        if (known, markers) > best_score:
            best, best_score = code, (known, markers)
    return best


def to_cyrillic(text: str, language: str) -> str:
    """Writes Latin-script Uzbek or Kazakh in Cyrillic; names and acronyms are kept.

    Args:
        text: The message.
        language: "uz" or "kk".

    Returns:
        The text with each word in Cyrillic ("bo'yicha" -> "бўйича", "qandai" -> "қандай").
        A capitalised word inside the text that is not of the language stays as written: a
        name ("SCO Finance Building haqida").
    """
    rules = _table().languages[language]
    first = WORD_PATTERN.search(text)
    start = first.start() if first else 0

    def rewrite(match: regex.Match[str]) -> str:
        word = match.group()
        is_name = match.start() > start and word[:1].isupper() and not _known(rules, word)
        return word if is_name else _word_to_cyrillic(word, rules)

    return WORD_PATTERN.sub(rewrite, text)


def _word_to_cyrillic(word: str, language: _Language) -> str:
    if word.casefold() in LATIN_NAMES_WITHOUT_LANGUAGE or ACRONYM_PATTERN.match(word):
        return word
    folded = _fold(word)
    output: list[str] = []
    position = 0
    while position < len(folded):
        previous = output[-1][-1:] if output else ""
        for latin, cyrillic in language.rules:
            if folded.startswith(latin, position):
                if position == 0 and latin in language.initial:
                    cyrillic = language.initial[latin]
                elif previous in CYRILLIC_VOWELS and latin in language.after_vowel:
                    cyrillic = language.after_vowel[latin]
                output.append(cyrillic)
                position += len(latin)
                break
        else:
            output.append(folded[position])
            position += 1
    result = "".join(output)
    return result[:1].upper() + result[1:] if word[:1].isupper() else result
