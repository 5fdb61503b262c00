"""Reading the visitor's free-text answers to the lead form.

Nothing here trusts the intent classifier with a name: an answer ends the form when it
is, as a whole, one of the closed stop phrases of `lexicon/hub_lexicon/lexicon/replies.yml`, or
when the classifier is confident it is a "no" or a goodbye and the answer holds one of the
words of leaving ("never mind, maybe later", "забудьте, не надо сейчас", "先不填了").
"""

from __future__ import annotations

import re
from collections.abc import Collection

import phonenumbers
import regex
from email_validator import EmailNotValidError, validate_email

from hub_lexicon.countries import default_country_normaliser
from hub_lexicon.normaliser import default_normaliser
from hub_lexicon.replies import (
    closed_replies,
    gives_consent,
    normalise_reply,
    tiling,
    words_in,
)

#: Region assumed for a phone number written without a country code: the hub is in China.
DEFAULT_PHONE_REGION = "CN"
EMAIL_CANDIDATE = re.compile(r"[^\s<>(),;:]+@[^\s<>(),;:]+")
WORD = regex.compile(r"[\p{L}\p{M}\p{N}--\p{Han}]+", flags=regex.VERSION1)
QUESTION_MARKS = ("?", "？", "¿")
#: Answers that skip a question without words.
SKIP_MARKS = ("-", "—", "–")
AFFIRM_PAYLOAD = "/affirm"
DENY_PAYLOAD = "/deny"
#: Intents that, held with this confidence and with a word of leaving, end the form.
STOP_INTENTS = frozenset({"deny", "goodbye"})
STOP_CONFIDENCE = 0.6


def is_cancel(text: str) -> bool:
    """Whether the answer as a whole asks to stop the form ("stop", "отмена", "取消").

    A stop phrase with a "no" or an "ok" beside it counts too ("ладно, не нужен менеджер",
    "no, not needed").
    """
    replies = closed_replies()
    if normalise_reply(text) in replies["cancel"]:
        return True
    pieces = tiling(text, replies["cancel"] | replies["decline"] | replies["acknowledge"])
    return pieces is not None and any(piece in replies["cancel"] for piece in pieces)


def stop_cues_in(text: str) -> set[str]:
    """The words of leaving ("later", "забудьте", "以后") the answer holds, anywhere.

    A cue that is part of another cue found ("不用" of "不用了") is not counted again.
    """
    found = words_in(text, closed_replies()["stop_cues"])
    return {cue for cue in found if not any(cue != other and cue in other for other in found)}


def has_stop_cue(text: str) -> bool:
    """Whether the answer holds a word of leaving ("later", "забудьте", "以后"), anywhere."""
    return bool(stop_cues_in(text))


def wants_to_stop(text: str, intent: str | None, confidence: float) -> bool:
    """Whether the visitor wants out of the form, in their own words.

    A closed stop phrase as the whole answer is enough, and so are two different words of
    leaving ("керек емес, кейін жазамын": not needed, later). Otherwise the classifier must
    be confident that the answer is a "no" or a goodbye, and the answer must hold a word of
    leaving: "Rahul Sharma" read as `deny` stays a name, "never mind, maybe later" ends
    the form.

    Args:
        text: What the visitor typed.
        intent: The intent the NLU gave it.
        confidence: The intent's confidence.

    Returns:
        True for "stop", "thanks, bye", "забудьте, не надо сейчас", "先不填了，以后再说".
    """
    if is_payload(text):
        return False
    if is_cancel(text):
        return True
    cues = stop_cues_in(text)
    if len(cues) >= 2:
        return True
    return intent in STOP_INTENTS and confidence >= STOP_CONFIDENCE and bool(cues)


def is_payload(text: str) -> bool:
    """Whether the answer is a button's payload ("/deny") rather than typed text."""
    return text.strip().startswith("/")


def is_decline(text: str) -> bool:
    """Whether the answer as a whole is a "no" ("no", "нет", "不用", the "No" button)."""
    stripped = text.strip()
    return (
        stripped in SKIP_MARKS
        or stripped.startswith(DENY_PAYLOAD)
        or normalise_reply(text) in closed_replies()["decline"]
    )


def is_accept(text: str) -> bool:
    """Whether the answer as a whole is a "yes" ("yes", "да, согласен", the "Yes" button)."""
    accept = closed_replies()["accept"]
    tiled = tiling(text, accept) is not None
    return text.strip().startswith(AFFIRM_PAYLOAD) or tiled or gives_consent(text)


def is_interruption(
    text: str,
    intent: str | None,
    interrupting: Collection[str],
    *,
    asks_for_wishes: bool = False,
) -> bool:
    """Whether an answer is a question or request to handle before asking again.

    The intent alone never decides: the text must also be a button's payload, hold a
    question mark, or hold a question or request word ("what", "нужен", "怎么").

    Args:
        text: What the visitor typed.
        intent: The intent the NLU gave it.
        interrupting: The intents the form answers before asking again
            (`lead_form.INTERRUPTING_INTENTS`).
        asks_for_wishes: The form asked what the visitor is interested in, so that a
            request ("we need visa support") is the answer; only a question mark or a
            button interrupts.

    Returns:
        True for "what about visas?", "нужен юрист", "有翻译吗"; False for names,
        companies and countries such as "Rahul Sharma" or "Kazakhstan".
    """
    if intent not in interrupting:
        return False
    stripped = text.strip()
    if stripped.startswith("/") or any(mark in stripped for mark in QUESTION_MARKS):
        return True
    if asks_for_wishes:
        return False
    reply = normalise_reply(stripped)
    words = WORD.findall(reply)
    replies = closed_replies()
    return (
        bool(set(words) & replies["question_words"])
        or bool(words[:1] and words[0] in replies["question_starts"])
        or any(word in reply for word in replies["question_words"] if not WORD.match(word))
    )


def parse_contact(text: str) -> dict[str, str] | None:
    """Finds an e-mail address or a phone number in what the user wrote.

    Args:
        text: The user's answer, e.g. "my e-mail is li@example.com" or "+7 701 234 5678".

    Returns:
        `{"email": ...}` or `{"phone": ...}` (E.164), or None when there is neither.
    """
    for candidate in EMAIL_CANDIDATE.findall(text):
        try:
            email = validate_email(candidate.strip("."), check_deliverability=False)
        except EmailNotValidError:
            continue
        return {"email": email.normalized}
    for match in phonenumbers.PhoneNumberMatcher(text, DEFAULT_PHONE_REGION):
        if phonenumbers.is_valid_number(match.number):
            return {
                "phone": phonenumbers.format_number(
                    match.number, phonenumbers.PhoneNumberFormat.E164
                )
            }
    return None


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of the country named in an answer, if one is named.

    Args:
        text: E.g. "Kazakhstan", "из Казахстана", "哈萨克斯坦", "Almaty, KZ".

    Returns:
        E.g. "KZ", or None when no single country is named.
    """
    return default_country_normaliser().code(text)


def interest_codes(text: str) -> tuple[list[str], list[str]]:
    """The projects and services named in the answer about the visitor's interest.

    Returns:
        Project ids and service types, in the order they were named.
    """
    matches = default_normaliser().find(text)
    projects = [match.value for match in matches if match.entity == "project"]
    services = [match.value for match in matches if match.entity == "service"]
    return list(dict.fromkeys(projects)), list(dict.fromkeys(services))
