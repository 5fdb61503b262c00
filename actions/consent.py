"""The consent a lead records: the exact question the visitor agreed to, its language, its version.

The question is a response of the domain, `utter_ask_lead_consent` (or its re-ask,
`utter_invalid_lead_consent`), whose every variant carries `metadata: {consent: {version,
language}}`. Rasa copies a response's remaining keys into the metadata of the bot event it
sends, so the last such event of the conversation holds the very text the visitor answered,
with its version and language. Without one (a lead sent from another path), the variant of the
domain in the conversation's language is taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.types import DomainDict

from actions.base import reply_language

#: The responses that ask for consent, the question first.
CONSENT_RESPONSES = ("utter_ask_lead_consent", "utter_invalid_lead_consent")


def _record(text: Any, metadata: Any) -> dict[str, str | None] | None:
    """The record of one consent question, if ``metadata`` names its version."""
    consent = metadata.get("consent") if isinstance(metadata, Mapping) else None
    if not isinstance(consent, Mapping) or not isinstance(text, str) or not text.strip():
        return None
    version, language = consent.get("version"), consent.get("language")
    return {
        "consent_text": text.strip(),
        "consent_language": language if isinstance(language, str) else None,
        "consent_version": str(version) if version is not None else None,
    }


def asked_consent(tracker: Tracker) -> dict[str, str | None] | None:
    """The consent question the visitor was last asked in this conversation, if any."""
    for event in reversed(tracker.events):
        metadata = event.get("metadata") if event.get("event") == "bot" else None
        if isinstance(metadata, Mapping) and metadata.get("utter_action") in CONSENT_RESPONSES:
            record = _record(event.get("text"), metadata.get("metadata"))
            if record is not None:
                return record
    return None


def domain_consent(domain: DomainDict, language: str) -> dict[str, str | None] | None:
    """The domain's consent question in ``language``, if the domain has one."""
    variants = (domain.get("responses") or {}).get(CONSENT_RESPONSES[0]) or []
    for variant in variants:
        record = _record(variant.get("text"), variant.get("metadata"))
        if record is not None and record["consent_language"] == language:
            return record
    return None


def consent_record(tracker: Tracker, domain: DomainDict) -> dict[str, str | None]:
    """``consent_text``, ``consent_language`` and ``consent_version`` for the lead.

    Args:
        tracker: The conversation.
        domain: The domain the action server was given.

    Returns:
        The three fields of the catalogue's lead; ``None`` values when no question is known.
    """
    record = asked_consent(tracker) or domain_consent(domain, reply_language(tracker))
    return record or {"consent_text": None, "consent_language": None, "consent_version": None}
