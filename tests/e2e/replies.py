"""The language of a bot message: the domain response variation it was rendered from.

Every response in `domain.yml` has one variation per language (a `language` slot
condition), so a message that matches a variation's text, its `{placeholders}` standing
for any text, is in that variation's language.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"
PLACEHOLDER = re.compile(r"\\\{\w+\\\}")


@functools.cache
def _patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(response name, language, pattern) for every variation of every response."""
    patterns = []
    responses = (yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8")) or {}).get("responses")
    for name, variations in (responses or {}).items():
        for variation in variations:
            languages = [
                condition["value"]
                for condition in variation.get("condition") or []
                if condition.get("name") == "language"
            ]
            text = variation.get("text")
            if text is None or len(languages) != 1:
                continue
            pattern = PLACEHOLDER.sub(lambda _: "(?s:.*)", re.escape(text.strip()))
            patterns.append((name, languages[0], re.compile(pattern)))
    return tuple(patterns)


def template_matches(text: str) -> set[tuple[str, str]]:
    """(response, language) of each variation that `text` could have been rendered from."""
    stripped = text.strip()
    return {
        (name, language) for name, language, pattern in _patterns() if pattern.fullmatch(stripped)
    }


def template_languages(text: str) -> set[str]:
    """The languages of the response variations that `text` could have been rendered from."""
    return {language for _, language in template_matches(text)}


def responses_of(texts: list[str]) -> list[tuple[str, set[tuple[str, str]]]]:
    """The bot's messages of one turn regrouped into the responses they were rendered from.

    Rasa's output channels send a response without buttons paragraph by paragraph (one
    message per ``\\n\\n``-separated part), so a response of several paragraphs arrives as
    several messages. Consecutive messages are joined back, longest match first.

    Returns:
        Each group's text with its (response, language) matches; a message that belongs to
        no response is a group of its own with no matches.
    """
    groups = []
    start = 0
    while start < len(texts):
        for end in range(len(texts), start, -1):
            joined = "\n\n".join(text.strip() for text in texts[start:end])
            matches = template_matches(joined)
            if matches or end == start + 1:
                groups.append((joined, matches))
                start = end
                break
    return groups
