"""What a reply-language decision can say: the languages, the reasons and the decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hub_vocabulary import LANGUAGES

SUPPORTED_LANGUAGES: tuple[str, ...] = LANGUAGES
# The reply language when the user writes in a language the assistant does not speak.
UNSUPPORTED_REPLY_LANGUAGE = "en"
# ISO 639-2 code for "undetermined", reported when an unsupported language is unclear.
UNDETERMINED_LANGUAGE = "und"

REASON_SCRIPT = "script"
REASON_LANGDETECT = "langdetect"
REASON_EXPLICIT_REQUEST = "explicit_request"
REASON_AMBIGUOUS = "ambiguous"
REASON_UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class LanguageDecision:
    """The reply language chosen for one message, and why.

    Attributes:
        reply_language: "en", "zh" or "ru"; None keeps the conversation's language.
        detected: The language the text is written in ("kk", "tr", "und"), if known.
        script: The script that decided ("Han", "Cyrillic", "Latin", ...) or "none".
        reason: One of the REASON_* constants.
        confidence: How sure the decision is, between 0 and 1.
        mention: Character span of the language name in an explicit request.
        refused: Languages the message refuses ("not English"); never `reply_language`.
    """

    reply_language: str | None
    detected: str | None
    script: str
    reason: str
    confidence: float
    mention: tuple[int, int] | None = None
    refused: frozenset[str] = frozenset()

    @property
    def is_unsupported(self) -> bool:
        """Whether the user wrote in a language the assistant does not speak."""
        return self.reason == REASON_UNSUPPORTED

    @property
    def keeps_language(self) -> bool:
        """Whether the conversation keeps its current language."""
        return self.reply_language is None

    def as_output(self) -> dict[str, Any]:
        """Returns the diagnostic dictionary attached to parsed messages."""
        return {
            "reply_language": self.reply_language,
            "detected": self.detected,
            "script": self.script,
            "reason": self.reason,
            "confidence": round(self.confidence, 4),
        }
