"""The decision: explicit request, then text without language, then script, then Latin.

1. An explicit request to switch ("in English please", "по-китайски", "用俄语") wins. A
   language the message refuses ("not English", "英文不好") is never chosen: another one
   it names is preferred, else the text's language unless that is the refused one.
2. Text that carries no language (numbers, e-mails, URLs, emoji, spans such as project
   names that an earlier component extracted) is *ambiguous*: the conversation keeps its
   language.
3. Han characters mean Chinese; Cyrillic letters mean a reply in Russian, the lingua
   franca of the region, whichever Cyrillic-script language it is (reported separately);
   so do Uzbek and Kazakh in Latin letters (`turkic_latin`).
4. Latin text needs enough words: English gets English; a clearly different language gets
   the *unsupported* treatment, as does any other script (Arabic, Devanagari, Hangul...).
5. Unsupported: the reply language is English and the dialogue says which languages the
   assistant speaks. A question about such a language ("do you speak Mongolian?",
   "можно на казахском?") gets that answer too, in the language it is asked in.

Only codes come out of here, never text for people.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bot.nlu.language.evidence import text_without_language_evidence
from bot.nlu.language.latin import decide_latin
from bot.nlu.language.outcome import (
    REASON_AMBIGUOUS,
    REASON_EXPLICIT_REQUEST,
    REASON_SCRIPT,
    REASON_UNSUPPORTED,
    LanguageDecision,
)
from bot.nlu.language.requests import read_language_request
from bot.nlu.language.scripts import (
    SCRIPT_LATIN,
    SCRIPT_NONE,
    SCRIPT_OTHER,
    count_letters_by_script,
    decide_by_script,
    dominant_script,
)
from bot.nlu.language.turkic_latin import identify_turkic_latin
from bot.nlu.language.unspoken import read_unspoken_language_question


def detect_language(text: str, ignore_spans: Iterable[tuple[int, int]] = ()) -> LanguageDecision:
    """Decides the reply language from the text alone, ignoring explicit requests.

    Args:
        text: The user's message.
        ignore_spans: Character spans that carry no language (e.g. project names).

    Returns:
        The decision; `reply_language` is None when the text is ambiguous.
    """
    residual = text_without_language_evidence(text, ignore_spans)
    counts = count_letters_by_script(residual)
    script = dominant_script(counts)
    if script is None:
        detected_script = SCRIPT_OTHER if counts else SCRIPT_NONE
        return LanguageDecision(None, None, detected_script, REASON_AMBIGUOUS, 0.0)
    if script == SCRIPT_LATIN:
        turkic = identify_turkic_latin(residual)
        if turkic is not None:
            # Uzbek or Kazakh in Latin letters: answered in Russian, like their Cyrillic.
            return LanguageDecision("ru", turkic, SCRIPT_LATIN, REASON_SCRIPT, 1.0)
        return decide_latin(residual)
    return decide_by_script(script, residual)


def detect_reply_language(
    text: str, ignore_spans: Iterable[tuple[int, int]] = ()
) -> LanguageDecision:
    """Decides the language to reply in: explicit request, then script, then langdetect.

    Args:
        text: The user's message.
        ignore_spans: Character spans that carry no language (e.g. project names).

    Returns:
        The decision. `reply_language` is None when the conversation should keep its
        language; for an unsupported language it is English and `reason` is "unsupported".
        It is never a language that the message refuses.
    """
    decision = detect_language(text, ignore_spans)
    request = read_language_request(text)
    if request.refused:
        decision = replace(decision, refused=request.refused)
    if request.language is not None:
        return replace(
            decision,
            reply_language=request.language,
            reason=REASON_EXPLICIT_REQUEST,
            confidence=1.0,
            mention=request.mention,
        )
    unspoken = read_unspoken_language_question(text)
    if unspoken is not None and not decision.is_unsupported:
        return replace(
            decision,
            detected=unspoken.language,
            reason=REASON_UNSUPPORTED,
            mention=unspoken.mention,
        )
    if decision.reply_language in request.refused and not decision.is_unsupported:
        # "I don't speak English", written in English: not a reason to reply in English.
        return replace(decision, reply_language=None, reason=REASON_AMBIGUOUS, confidence=0.0)
    return decision
