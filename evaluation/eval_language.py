"""Compares the LanguageDetector's reply-language decisions with plain langdetect.

Reads the case table `tests/bot/nlu/language_cases.yml` (the one the tests use) and prints a
Markdown table of correct decisions per group of cases.

Scoring rules:

* Component: correct when its outcome (en, zh, ru, keep or unsupported) equals the
  expected one.
* Plain langdetect: `langdetect.detect()` with `DetectorFactory.seed = 0` on the raw text,
  mapped zh-cn/zh-tw -> zh, ru -> ru, en -> en; any other code means "unsupported".
  - Cases expecting en, zh or ru: correct when the mapped code is that language. This
    includes explicit requests ("по-английски, пожалуйста" expects en), which plain
    detection cannot honour: that is part of what the component adds.
  - Cases expecting "unsupported": correct when langdetect returns a code other than
    en, zh and ru (it then recognised that the language is not one the bot speaks).
  - Cases expecting "keep" are scored separately, because langdetect has no notion of
    "not enough evidence": a naive integration changes the language whenever detect()
    returns something, so it counts as correct only when detect() raises (no features).
* The "definite" total covers the cases with a definite expected outcome (everything but
  "keep"); "all" adds the keep cases under the rule above.
* The last row scores the written language reported for cases that name one (`detected`,
  e.g. kk for Kazakh): the component's `detected` versus langdetect's mapped code.

Run from the repository root: `python evaluation/eval_language.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

from langdetect import DetectorFactory, detect  # noqa: E402
from langdetect.lang_detect_exception import LangDetectException  # noqa: E402

from bot.nlu.language import (  # noqa: E402
    REASON_EXPLICIT_REQUEST,
    SUPPORTED_LANGUAGES,
    LanguageDecision,
    detect_reply_language,
)
from tests.bot.nlu.language_cases import (  # noqa: E402
    KEEP,
    UNSUPPORTED,
    LanguageCase,
    load_language_cases,
)

LANGDETECT_SEED = 0


@dataclass(frozen=True)
class ScoredCase:
    """A case with both systems' answers."""

    case: LanguageCase
    decision: LanguageDecision
    langdetect_code: str | None  # None when langdetect finds no features

    @property
    def component_outcome(self) -> str:
        """The component's outcome in the table's vocabulary."""
        if self.decision.is_unsupported:
            return UNSUPPORTED
        return self.decision.reply_language or KEEP

    @property
    def component_correct(self) -> bool:
        """Whether the component chose the expected outcome."""
        return self.component_outcome == self.case.expected

    @property
    def langdetect_correct(self) -> bool:
        """Whether plain langdetect is right under the rules of the module docstring."""
        if self.case.expected == KEEP:
            return self.langdetect_code is None
        if self.case.expected == UNSUPPORTED:
            return self.langdetect_code is not None and (
                self.langdetect_code not in SUPPORTED_LANGUAGES
            )
        return self.langdetect_code == self.case.expected


def plain_langdetect(text: str) -> str | None:
    """Runs seeded `langdetect.detect`, folding zh-cn/zh-tw into zh.

    Args:
        text: The raw message.

    Returns:
        The language code, or None when langdetect finds no features.
    """
    DetectorFactory.seed = LANGDETECT_SEED
    try:
        code = detect(text)
    except LangDetectException:
        return None
    return "zh" if code.startswith("zh") else code


def score_cases(cases: list[LanguageCase]) -> list[ScoredCase]:
    """Runs both systems on every case.

    Args:
        cases: The table's cases.

    Returns:
        One scored case per input case, in order.
    """
    return [
        ScoredCase(
            case=case,
            decision=detect_reply_language(case.text, case.ignore_spans),
            langdetect_code=plain_langdetect(case.text),
        )
        for case in cases
    ]


def _is_explicit(scored: ScoredCase) -> bool:
    return scored.case.reason == REASON_EXPLICIT_REQUEST


GROUPS: list[tuple[str, Callable[[ScoredCase], bool]]] = [
    ("Chinese -> zh", lambda s: s.case.expected == "zh" and not _is_explicit(s)),
    ("Russian and other Cyrillic -> ru", lambda s: s.case.expected == "ru" and not _is_explicit(s)),
    ("English -> en", lambda s: s.case.expected == "en" and not _is_explicit(s)),
    ("Unsupported language", lambda s: s.case.expected == UNSUPPORTED),
    ("Explicit switch request", _is_explicit),
    ("**Definite (all of the above)**", lambda s: s.case.expected != KEEP),
    ("Ambiguous -> keep", lambda s: s.case.expected == KEEP),
    ("**All cases**", lambda s: True),
]


def _cell(correct: int, total: int) -> str:
    return f"{correct}/{total} ({100.0 * correct / total:.1f}%)" if total else "-"


def markdown_report(scored_cases: list[ScoredCase]) -> str:
    """Builds the Markdown table of results.

    Args:
        scored_cases: The output of `score_cases`.

    Returns:
        The table, one row per group plus the reported-language row.
    """
    lines = [
        "| cases | n | LanguageDetector | plain langdetect |",
        "| --- | ---: | ---: | ---: |",
    ]
    for title, belongs in GROUPS:
        group = [scored for scored in scored_cases if belongs(scored)]
        component = sum(scored.component_correct for scored in group)
        langdetect = sum(scored.langdetect_correct for scored in group)
        lines.append(
            f"| {title} | {len(group)} | {_cell(component, len(group))} "
            f"| {_cell(langdetect, len(group))} |"
        )
    reported = [scored for scored in scored_cases if scored.case.detected]
    component = sum(scored.decision.detected == scored.case.detected for scored in reported)
    langdetect = sum(scored.langdetect_code == scored.case.detected for scored in reported)
    lines.append(
        f"| Written language reported (`detected`) | {len(reported)} "
        f"| {_cell(component, len(reported))} | {_cell(langdetect, len(reported))} |"
    )
    return "\n".join(lines)


def component_errors(scored_cases: list[ScoredCase]) -> list[str]:
    """Lists the cases the component gets wrong, for a quick look."""
    return [
        f"- {scored.case.text!r}: expected {scored.case.expected}, "
        f"got {scored.component_outcome} ({scored.decision.reason})"
        for scored in scored_cases
        if not scored.component_correct
    ]


def main() -> int:
    """Prints the report; returns the process exit code."""
    scored_cases = score_cases(load_language_cases())
    print(markdown_report(scored_cases))
    errors = component_errors(scored_cases)
    if errors:
        print("\nLanguageDetector errors:")
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
