"""Loads the reply-language cases of `language_cases.yml` (shared with the eval script)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

LANGUAGE_CASES_PATH = Path(__file__).with_name("language_cases.yml")
KEEP = "keep"
UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class LanguageCase:
    """One message and the reply language expected for it."""

    text: str
    expected: str  # "en", "zh", "ru", KEEP or UNSUPPORTED
    detected: str | None = None
    reason: str | None = None
    ignore: tuple[str, ...] = ()

    @property
    def ignore_spans(self) -> list[tuple[int, int]]:
        """Character spans of the `ignore` substrings (extracted project names)."""
        spans = []
        for substring in self.ignore:
            start = self.text.index(substring)
            spans.append((start, start + len(substring)))
        return spans

    @property
    def id(self) -> str:
        """A short test id."""
        return f"{self.expected}:{self.text[:30]}"


def load_language_cases(path: Path = LANGUAGE_CASES_PATH) -> list[LanguageCase]:
    """Reads the cases from the YAML table.

    Args:
        path: The YAML file with a top-level `cases` list.

    Returns:
        The cases in file order.
    """
    raw_cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return [
        LanguageCase(
            text=raw["text"],
            expected=raw["expected"],
            detected=raw.get("detected"),
            reason=raw.get("reason"),
            ignore=tuple(raw.get("ignore") or ()),
        )
        for raw in raw_cases
    ]
