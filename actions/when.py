"""Whether a question asks for a date ("when was it signed?", "签约时间是？")."""

from __future__ import annotations

import functools
from pathlib import Path

import regex
import yaml

WORDS_FILE = Path(__file__).with_name("when_words.yml")
HAN = regex.compile(r"\p{Han}")


@functools.cache
def when_words(path: Path = WORDS_FILE) -> tuple[str, ...]:
    """The words that ask for a date, once per process."""
    return tuple(str(word).casefold() for word in yaml.safe_load(path.read_text("utf-8"))["when"])


def asks_when(text: str) -> bool:
    """Whether the text asks for a date, in any of the languages of `when_words.yml`."""
    lowered = text.casefold()
    return any(
        word in lowered
        if HAN.search(word)
        else regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(word)}", lowered) is not None
        for word in when_words()
    )
