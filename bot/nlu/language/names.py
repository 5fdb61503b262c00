"""Names of the supported languages in English, Russian and Chinese, and their mentions."""

from __future__ import annotations

from typing import Any

import regex

from bot.nlu.language.outcome import SUPPORTED_LANGUAGES

# Names of the supported languages as they appear in requests, per language of the request.
ENGLISH_LANGUAGE_NAMES = {"en": r"english", "ru": r"russian", "zh": r"chinese|mandarin"}
RUSSIAN_LANGUAGE_STEMS = {"en": "английск", "ru": "русск", "zh": "китайск"}
CHINESE_LANGUAGE_NAMES = {
    "en": "英文|英语|英語",
    "ru": "俄语|俄文|俄語|俄罗斯语|俄羅斯語",
    "zh": "中文|汉语|漢語|华语|華語|普通话|普通話|国语|國語",
}
# A message that is only a language code ("EN", "ru please").
LANGUAGE_CODE_NAMES = {"en": "en|eng", "ru": "ru|rus", "zh": "zh|cn"}
#: Who the visitor says they are, by the language of their people: a message that refuses
#: the language it is written in and names no other ("我是俄罗斯人，中文不太好") gets theirs.
NATIONALITY_PATTERNS = {
    "ru": regex.compile(r"俄罗斯人|俄国人|\bя\s+(?:русский|русская|россиянин|россиянка)\b"),
    "zh": regex.compile(r"\bя\s+(?:китаец|китаянка)\b|\bi(?:'m|\s+am)\s+chinese\b", regex.I),
    "en": regex.compile(r"英国人|美国人|\bя\s+(?:англичанин|американец)\b"),
}
# Colloquial names written in Cyrillic ("на инглише", "давай на инглиш").
COLLOQUIAL_LANGUAGE_NAMES = {"en": r"инглиш\w{0,2}|энглиш\w{0,2}", "ru": r"рашн", "zh": r"чайниз"}
# "In <language>" in Kazakh, Kyrgyz, Uzbek (Cyrillic and Latin) and Belarusian: the
# adverbs "орысша", "англисче", "inglizcha", "па-руску", and "<name> тілінде" ("in the
# <name> language"). Such a name is always the language, never an adjective.
OTHER_LANGUAGE_NAMES = {
    "en": (
        r"ағылшынша|ағылшын\s+тілінде|англисче|англис\s+тилинде|инглизча|инглиз\s+тилида"
        r"|inglizcha|ingliz\s+tilida|ağylşynşa|aghylshynsha|agylshynsha|agylshynsa"
        r"|a[gğ]h?yl[sş]h?yn\s+tilinde"
        r"|angliyscha|anglischa|па[-\s]?англійску"
        r"|на\s+англійскай(?:\s+мове)?"
    ),
    "ru": (
        r"орысша|орыс\s+тілінде|орусча|орус\s+тилинде|русча|рус\s+тилида|ruscha"
        r"|rus\s+tilida|orysşa|oryssha|orysha|oruscha|па[-\s]?руску|на\s+рускай(?:\s+мове)?"
        r"|orys\s+tilinde"
    ),
    "zh": (
        r"қытайша|қытай\s+тілінде|кытайча|кытай\s+тилинде|хитойча|хитой\s+тилида"
        r"|xitoycha|xitoy\s+tilida|qytaişa|qytaisha|qytaysha|kytaicha|па[-\s]?кітайску"
        r"|qyta[iy]\s+tilinde"
        r"|на\s+кітайскай(?:\s+мове)?"
    ),
}

# Endings of the Russian names ("английский", "на английском", "английского", "по-английски").
_RUSSIAN_NAME_ENDINGS = r"ий|ая|ое|ие|ого|ому|ом|им|ой|ую|и"
# Chinese verbs before a name ("用英文", "说中文", "换成俄语").
ZH_VERBS_BEFORE_NAME = (
    r"用|说|說|讲|講|换成|換成|换到|換到|切换到|切換到|切换成|切換成|切换为|改成|改用|改为"
    r"|改為|转成|轉成|转为|轉為|使用|回到|换回|換回"
)


def _compile_mention_patterns() -> list[tuple[str, Any]]:
    """Builds (code, pattern) pairs matching any name of the language, as group `name`.

    A mention starts with the preposition or verb that introduces the name, if any ("in
    English", "на английском", "по-английски", "用英文"), so that what comes before the
    mention (a negation) can be read.
    """
    patterns = []
    for code in SUPPORTED_LANGUAGES:
        stem = RUSSIAN_LANGUAGE_STEMS[code]
        name = (
            rf"\b(?:{ENGLISH_LANGUAGE_NAMES[code]})\b"
            rf"|\b{stem}(?:{_RUSSIAN_NAME_ENDINGS})\b"
            rf"|{CHINESE_LANGUAGE_NAMES[code]}"
            rf"|\b(?:{COLLOQUIAL_LANGUAGE_NAMES[code]}|{OTHER_LANGUAGE_NAMES[code]})\b"
        )
        introduction = rf"\b(?:in|into|to)\s+|\bпо[-\s]?|\bна\s+|(?:{ZH_VERBS_BEFORE_NAME})\s*"
        pattern = rf"(?:{introduction})?(?P<name>{name})"
        patterns.append((code, regex.compile(pattern, flags=regex.IGNORECASE)))
    return patterns


LANGUAGE_MENTION_PATTERNS = _compile_mention_patterns()
# What follows a name used as the name of a language ("no English, please", "I don't speak
# English well", "英文不好"), rather than as an adjective ("no English version", "Chinese
# partners", "китайский партнёр", "英语的律师", "英语翻译").
LANGUAGE_USE_AFTER_NAME_PATTERN = regex.compile(
    r"\s*(?:$|[^\w\s-]|(?:please|pls|plz|only|instead|is|was|would|will|then|better|well"
    r"|very|at|too|again|now|language|thanks|thank|if|with|from|пожалуйста|лучше|язык\w*"
    r"|тоже|только|плох\w*|слаб\w*|не|бы|знаю|понимаю)\b)"
    r"|(?!的|翻译|翻譯)\p{Han}",
    flags=regex.IGNORECASE,
)


def find_language_mentions(text: str) -> list[tuple[str, Any]]:
    """Finds every mention of a supported language's name, in text order.

    Args:
        text: The user's message.

    Returns:
        (language code, match) pairs; each match has the name as group `name` and starts
        with the word that introduces it, if any.
    """
    mentions = [
        (code, match)
        for code, pattern in LANGUAGE_MENTION_PATTERNS
        for match in pattern.finditer(text)
    ]
    return sorted(mentions, key=lambda mention: mention[1].span("name"))


def is_used_as_language(text: str, name_end: int) -> bool:
    """Whether the name ending at `name_end` names the language, not a modifier of a noun.

    Args:
        text: The user's message.
        name_end: Offset just after the language name.

    Returns:
        True for "English." or "English please", False for "English version".
    """
    return LANGUAGE_USE_AFTER_NAME_PATTERN.match(text, pos=name_end) is not None


def normalise_language_value(value: Any) -> str | None:
    """Maps an extracted `language` entity value ("en", "English", "俄语") to a code.

    Args:
        value: The entity value.

    Returns:
        "en", "zh" or "ru", or None when the value names no supported language.
    """
    if not isinstance(value, str):
        return None
    value = value.strip().lower()
    if value in SUPPORTED_LANGUAGES:
        return value
    for code, codes in LANGUAGE_CODE_NAMES.items():
        if regex.fullmatch(codes, value):
            return code
    for names in (
        ENGLISH_LANGUAGE_NAMES,
        CHINESE_LANGUAGE_NAMES,
        COLLOQUIAL_LANGUAGE_NAMES,
        OTHER_LANGUAGE_NAMES,
    ):
        for code, alternatives in names.items():
            if regex.fullmatch(alternatives, value):
                return code
    for code, stem in RUSSIAN_LANGUAGE_STEMS.items():
        if stem in value or f"по-{stem}и" in value:
            return code
    return None
