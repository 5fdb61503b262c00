"""Typo-tolerant matching of free text against project names in English, Chinese and Russian."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz

#: A query matches a name when its score reaches this (0-100).
MATCH_THRESHOLD = 78.0

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset(
    {"project", "projects", "the", "of", "and", "in", "проект", "проекта", "проекты", "и"}
)
_CJK_SUFFIXES = ("项目",)


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f"


def normalise(value: str) -> str:
    """Fold case, width and accents (ё -> е) and turn punctuation into spaces.

    Args:
        value: Any text.

    Returns:
        Lower-case words separated by single spaces.
    """
    folded = unicodedata.normalize("NFKC", value).casefold().replace("ё", "е")
    return " ".join(_WORD_RE.findall(folded))


def _tokens(value: str) -> list[str]:
    """Split normalised text into words; a run of CJK characters is also split off Latin text."""
    tokens: list[str] = []
    for word in value.split():
        current = ""
        for ch in word:
            if current and _is_cjk(ch) != _is_cjk(current[-1]):
                tokens.append(current)
                current = ""
            current += ch
        if current:
            tokens.append(current)
    return tokens


def _query_tokens(query: str) -> list[str]:
    tokens = [t for t in _tokens(normalise(query)) if t not in _STOPWORDS]
    cleaned = []
    for token in tokens:
        for suffix in _CJK_SUFFIXES:
            if token.endswith(suffix) and len(token) > len(suffix):
                token = token[: -len(suffix)]
        cleaned.append(token)
    return cleaned or _tokens(normalise(query))


def _token_score(token: str, name: str, name_tokens: list[str]) -> float:
    if _is_cjk(token[0]):
        # Chinese has no spaces: compare with the best-matching stretch of the name.
        return float(fuzz.partial_ratio(token, name.replace(" ", "")))
    best = 0.0
    for word in name_tokens:
        score = fuzz.ratio(token, word)
        if len(token) >= 3 and len(word) > len(token) and token[0] == word[0]:
            # prefix, same first letter: "financ" ~ finance, "логист" ~ логистический
            score = max(score, fuzz.ratio(token, word[: len(token)]))
        if score > best:
            best = score
    return best


def _contained(query: str, name: str, name_tokens: list[str]) -> bool:
    """Substring match; a Latin or Cyrillic word under three letters must be a whole word."""
    if not query:
        return False
    if len(query) < 3 and query.isalpha() and not any(_is_cjk(ch) for ch in query):
        return query in name_tokens
    return query in name


def score(query: str, names: Iterable[str]) -> float:
    """Score how well ``query`` matches the best of ``names`` (0-100).

    A query contained in a name scores 100. Otherwise each query word is matched to its closest
    word of the name (edit-distance ratio, prefixes allowed; Chinese by best partial match) and
    the scores are averaged, so "sco finanse bilding" still finds "SCO Finance Building".

    Args:
        query: Free text.
        names: The names of one project, in any languages.

    Returns:
        The best score over the names.
    """
    normalised_query = normalise(query)
    if not normalised_query:
        return 0.0
    query_tokens = _query_tokens(query)
    best = 0.0
    for raw_name in names:
        name = normalise(raw_name)
        if not name:
            continue
        name_tokens = _tokens(name)
        if _contained(normalised_query, name, name_tokens) or _contained(
            " ".join(query_tokens), name, name_tokens
        ):
            return 100.0
        total = sum(_token_score(token, name, name_tokens) for token in query_tokens)
        best = max(best, total / len(query_tokens))
    return best


def matches(query: str, names: Iterable[str]) -> float | None:
    """Return the score of a match, or ``None`` below :data:`MATCH_THRESHOLD`.

    Args:
        query: Free text.
        names: The names of one project.

    Returns:
        The score, or ``None``.
    """
    value = score(query, names)
    return value if value >= MATCH_THRESHOLD else None
