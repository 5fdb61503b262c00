"""The reply language (en, zh or ru) of each user message, and its Rasa component.

`bot.nlu.language.LanguageDetector` is the Rasa component that config.yml names; it wraps
`detect_reply_language`. The package is cut along the decision's steps:

* `outcome`: the supported languages, the reasons and `LanguageDecision`;
* `names`: the names of the supported languages and where a message mentions them;
* `requests`: explicit requests to switch language ("in English please", "用俄语");
* `refusals`: languages a message refuses ("not English", "my English is bad");
* `translation`: languages named for a translation service ("需要俄语翻译");
* `evidence`: parts of a message that carry no language (URLs, e-mails, project names);
* `scripts`: script rules (Han -> zh, Cyrillic -> ru, other scripts unsupported);
* `latin`: Latin-text heuristics on top of langdetect, with their thresholds;
* `langdetect_seeded`: langdetect made reproducible;
* `decision`: the decision that puts them together;
* `component`: the Rasa component.

Only the component needs Rasa; it is imported on first access to one of its names, so
the decision can be used (e.g. by `evaluation/eval_language.py`) without loading Rasa.
"""

from __future__ import annotations

import importlib
from typing import Any

from bot.nlu.language.decision import detect_language, detect_reply_language
from bot.nlu.language.evidence import text_without_language_evidence
from bot.nlu.language.langdetect_seeded import langdetect_probabilities, load_langdetect_profiles
from bot.nlu.language.names import normalise_language_value
from bot.nlu.language.outcome import (
    REASON_AMBIGUOUS,
    REASON_EXPLICIT_REQUEST,
    REASON_LANGDETECT,
    REASON_SCRIPT,
    REASON_UNSUPPORTED,
    SUPPORTED_LANGUAGES,
    UNDETERMINED_LANGUAGE,
    UNSUPPORTED_REPLY_LANGUAGE,
    LanguageDecision,
)
from bot.nlu.language.requests import LanguageRequest, find_language_request, read_language_request
from bot.nlu.language.scripts import count_letters_by_script, identify_cyrillic_language

# Names of `bot.nlu.language.component`, imported lazily by `__getattr__`.
_COMPONENT_NAMES = frozenset(
    {
        "LANGUAGE_DETECTION_PROPERTY",
        "LANGUAGE_ENTITY",
        "UNSUPPORTED_LANGUAGE_ENTITY",
        "LanguageDetector",
    }
)

__all__ = [
    "LANGUAGE_DETECTION_PROPERTY",
    "LANGUAGE_ENTITY",
    "REASON_AMBIGUOUS",
    "REASON_EXPLICIT_REQUEST",
    "REASON_LANGDETECT",
    "REASON_SCRIPT",
    "REASON_UNSUPPORTED",
    "SUPPORTED_LANGUAGES",
    "UNDETERMINED_LANGUAGE",
    "UNSUPPORTED_LANGUAGE_ENTITY",
    "UNSUPPORTED_REPLY_LANGUAGE",
    "LanguageDecision",
    "LanguageDetector",
    "LanguageRequest",
    "count_letters_by_script",
    "detect_language",
    "detect_reply_language",
    "find_language_request",
    "identify_cyrillic_language",
    "langdetect_probabilities",
    "load_langdetect_profiles",
    "normalise_language_value",
    "read_language_request",
    "text_without_language_evidence",
]


def __getattr__(name: str) -> Any:
    """Imports the Rasa component's names on first access (PEP 562).

    Args:
        name: The attribute asked for.

    Returns:
        The attribute of `bot.nlu.language.component`.

    Raises:
        AttributeError: When the package has no such attribute.
    """
    if name in _COMPONENT_NAMES:
        return getattr(importlib.import_module("bot.nlu.language.component"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
