"""Parts of a message that say nothing about its language: URLs, e-mails, given spans."""

from __future__ import annotations

from collections.abc import Iterable

import regex

URL_PATTERN = regex.compile(r"(?:https?://|www\.)\S+", flags=regex.IGNORECASE)
EMAIL_PATTERN = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DOMAIN_NAME_PATTERN = regex.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|ru|cn|kz|kg|uz|tj|by|ua|uk|de)\b",
    flags=regex.IGNORECASE,
)


def _blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    characters = list(text)
    for start, end in spans:
        for index in range(max(0, start), min(len(characters), end)):
            characters[index] = " "
    return "".join(characters)


def text_without_language_evidence(text: str, ignore_spans: Iterable[tuple[int, int]] = ()) -> str:
    """Blanks out what says nothing about the language: given spans, URLs, e-mails, domains.

    Args:
        text: The user's message.
        ignore_spans: Character spans to ignore, e.g. extracted project names.

    Returns:
        The text with those parts replaced by spaces (same length as `text`).
    """
    residual = _blank_spans(text, ignore_spans)
    for pattern in (URL_PATTERN, EMAIL_PATTERN, DOMAIN_NAME_PATTERN):
        residual = pattern.sub(lambda match: " " * len(match.group()), residual)
    return residual
