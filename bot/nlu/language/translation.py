"""Translation services: "is there an interpreter?", "нужен переводчик", "需要俄语翻译".

A language named next to an interpreter, a translator or a translation is the language of
the service asked about, not the language the visitor wants replies in.
"""

from __future__ import annotations

import regex

# An interpreter, a translator or a translation (of documents) in English, Russian,
# Chinese, and the other languages of the region. "Translate into English", "переведите на
# английский" and "用英文翻译一下" alone ask the assistant itself to change language, so
# they are not services.
TRANSLATION_SERVICE_PATTERN = regex.compile(
    r"\b(?:interpret(?:er|ers|ing|ation)|translat(?:or|ors|ion|ions)"
    r"|translat\w*\s+(?:(?:my|our|the|these|this|those|some|a|an|all)\s+)?"
    r"(?:documents?|contracts?|papers?|files?|certificates?|letters?|texts?|agreements?))\b"
    r"|\b(?:переводчик\w*|перевод(?:а|ы|ов|у|ом|е|ами|ах)?"
    r"|перевест\w*\s+(?:\w+\s+)?(?:документ|договор|контракт|текст|бумаг|справк|письм)\w*)\b"
    r"|(?:翻译|翻譯)(?!一下|下)|口译|口譯|笔译|筆譯|传译|傳譯|译员|譯員"
    # Kazakh, Kyrgyz, Uzbek (both scripts) and Belarusian
    r"|\b(?:аудармашы|аударма|котормочу|котормо|таржимон|таржима|тарҷумон|tarjimon|tarjima"
    r"|перакладчык|пераклад)\w*",
    flags=regex.IGNORECASE,
)
# What separates the clauses of a message.
CLAUSE_BOUNDARY_PATTERN = regex.compile(r"[.!?;:,\n。！？；：，、]")


def clause_span(text: str, position: int) -> tuple[int, int]:
    """Returns the span of the clause (between punctuation) around a position.

    Args:
        text: The user's message.
        position: An offset in the text.

    Returns:
        The clause's start and end offsets.
    """
    start = 0
    for boundary in CLAUSE_BOUNDARY_PATTERN.finditer(text, endpos=position):
        start = boundary.end()
    following = CLAUSE_BOUNDARY_PATTERN.search(text, pos=position)
    return start, following.start() if following else len(text)


def is_translation_service_language(text: str, span: tuple[int, int] | None = None) -> bool:
    """Whether a language name is that of a translation service the message asks about.

    Args:
        text: The user's message.
        span: Span of the language name; None asks about the message as a whole.

    Returns:
        True when the clause of the name (or the message) mentions an interpreter, a
        translator or a translation.
    """
    start, end = (0, len(text)) if span is None else clause_span(text, span[0])
    return TRANSLATION_SERVICE_PATTERN.search(text, pos=start, endpos=end) is not None
