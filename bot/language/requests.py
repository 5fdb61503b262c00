"""Explicit requests to switch the reply language ("in English please", "по-китайски", "用俄语").

A request is a language name with a request cue around it: a verb such as "speak",
"switch", "ответьте", "用", or a message that is little more than the name ("English
please", "на китайском", "中文"). A bare name is not a request ("Chinese partners",
"на китайском рынке", "说英语的律师"), nor is a negated one ("don't speak English").
"""

from __future__ import annotations

from typing import Any

import regex

from bot.language.outcome import SUPPORTED_LANGUAGES

# --- Names of the supported languages ------------------------------------------------------

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

# --- Request cues ----------------------------------------------------------------------------

_EN_REQUEST_VERBS = (
    r"speak|talk|write|answer|reply|respond|switch|change|continue|use|chat|communicate"
    r"|prefer|go|back|translate|language"
)
# Polite words after a name, in any of the three languages ("English, пожалуйста").
_POLITE_WORDS = r"please|pls|plz|only|пожалуйста|谢谢|謝謝|请|請"
# What may follow the name after a verb ("speak Chinese?", not "use Chinese suppliers").
_EN_AFTER_NAME = (
    r"(?=\s*(?:$|[^\w\s-]|(?:please|pls|plz|only|instead|language|from|now|again|too"
    r"|thanks|thank|if|with)\b))"
)
_RU_REQUEST_CUES = (
    r"можно|давай\w*|пожалуйста|говор\w*|ответ\w*|отвеч\w*|пиш\w*|напиш\w*|перейд\w*"
    r"|переход\w*|переключ\w*|продолж\w*|общ\w*|удобн\w*|смен\w*|помен\w*"
)
_ZH_REQUEST_BEFORE_NAME = (
    r"用|说|說|讲|講|换成|換成|换到|換到|切换到|切換到|切换成|切換成|切换为|改成|改用|改为"
    r"|改為|转成|轉成|转为|轉為|使用|回到|换回|換回"
)
_ZH_REQUEST_AFTER_NAME = (
    r"回答|回复|回覆|答复|交流|沟通|溝通|聊|对话|對話|吧|好吗|好嗎|可以吗|可以嗎|行吗|行嗎"
    r"|谢谢|謝謝|请|請|就行|就好"
)


def _compile_request_patterns() -> list[tuple[str, Any]]:
    """Builds (language code, pattern) pairs; each pattern captures the name as `name`."""
    patterns: list[tuple[str, str]] = []
    for code, name in ENGLISH_LANGUAGE_NAMES.items():
        patterns += [
            # "English", "in English please", "Russian?", "English, пожалуйста"
            (
                code,
                (
                    rf"^\W*(?:(?:in|into|to)\s+)?(?:please\W+)?(?P<name>{name})"
                    rf"(?:\W+(?:{_POLITE_WORDS}))?\W*$"
                ),
            ),
            # "can we continue in Russian?", "switch to Chinese", "do you speak English"
            (
                code,
                (
                    rf"\b(?:{_EN_REQUEST_VERBS})\b(?:\W+\w+){{0,3}}?\W+(?P<name>{name})\b"
                    rf"{_EN_AFTER_NAME}"
                ),
            ),
            # "English please, I don't understand"
            (code, rf"\b(?P<name>{name})\s*,?\s*(?:{_POLITE_WORDS})(?!\w)"),
        ]
    for code, codes in LANGUAGE_CODE_NAMES.items():
        # "EN", "RU please"
        patterns.append((code, rf"^\W*(?P<name>{codes})(?:\W+(?:{_POLITE_WORDS}))?\W*$"))
    for code, stem in RUSSIAN_LANGUAGE_STEMS.items():
        # "английский", "английском", or the English name ("давай на Russian")
        name = rf"{stem}(?:ом|ий)|{ENGLISH_LANGUAGE_NAMES[code]}"
        patterns += [
            # "по-английски", "говорите по-китайски?"
            (code, rf"\bпо[-\s]?(?P<name>{stem}и)\b"),
            # "на китайском", "Русский язык", "на английском, пожалуйста"
            (
                code,
                rf"^\W*(?:на\s+)?(?P<name>{name})(?:\s+язык\w*)?(?:\W+пожалуйста)?\W*$",
            ),
            # "давайте перейдём на английский", "можно на русском?"
            (code, rf"\b(?:{_RU_REQUEST_CUES})\b(?:\W+\w+){{0,3}}?\W+на\s+(?P<name>{name})\b"),
            # "не на русском, а на английском"
            (code, rf"\bа\s+на\s+(?P<name>{name})\b"),
            # "на английском, пожалуйста, я не понимаю"
            (code, rf"\bна\s+(?P<name>{name})\b(?:\W+\w+){{0,2}}?\W+(?:{_RU_REQUEST_CUES})\b"),
            # "язык: китайский", "смени язык на английский", "верни русский"
            (code, rf"\b(?:язык\w*|верн\w*)\W+(?:на\s+)?(?P<name>{name})\b"),
        ]
    for code, names in CHINESE_LANGUAGE_NAMES.items():
        # Chinese names, or the English name ("用English回答")
        name = rf"{names}|{ENGLISH_LANGUAGE_NAMES[code]}"
        patterns += [
            # "请用英文回答", "说中文吧", "用俄语", "回到中文" (but not "说英语的律师")
            (code, rf"(?:{_ZH_REQUEST_BEFORE_NAME})\s*(?P<name>{name})(?!的)"),
            # "中文吧", "英文回答", "英文，谢谢"
            (code, rf"(?P<name>{names})[\s，,、]*(?:{_ZH_REQUEST_AFTER_NAME})"),
            # "中文", "请 英文"
            (code, rf"^\W*(?:请|請)?\W*(?P<name>{names})\W*$"),
            # "语言：中文"
            (code, rf"(?:语言|語言)\W*(?P<name>{name})"),
        ]
    return [(code, regex.compile(pattern, flags=regex.IGNORECASE)) for code, pattern in patterns]


LANGUAGE_REQUEST_PATTERNS = _compile_request_patterns()
# A request right after a negation ("don't speak English", "не по-русски", "不用英文") is not
# one. "No"/"нет" are left out: "Нет, на английском, пожалуйста" is a request.
NEGATION_BEFORE_REQUEST_PATTERN = regex.compile(
    r"(?:\b(?:not|don't|can't|cannot|won't)\W+|\bне\s+(?:\w+\s+)?|\bне\W+"
    r"|(?<!要)不要?|(?<!会)不会|(?<!會)不會|(?<!能)不能|别|別)$",  # but "能不能说中文" asks
    flags=regex.IGNORECASE,
)
NEGATION_WINDOW_CHARACTERS = 16


def find_language_request(text: str) -> tuple[str, tuple[int, int]] | None:
    """Finds an explicit request to continue in English, Chinese or Russian.

    Args:
        text: The user's message.

    Returns:
        The requested language code and the span of the language name, or None. When
        several requests match, the first one in the text wins.
    """
    requests = []
    for code, pattern in LANGUAGE_REQUEST_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span("name")
            window = text[max(0, match.start() - NEGATION_WINDOW_CHARACTERS) : match.start()]
            if NEGATION_BEFORE_REQUEST_PATTERN.search(window):
                continue
            requests.append((start, end, code))
    if not requests:
        return None
    start, end, code = min(requests)
    return code, (start, end)


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
    for names in (ENGLISH_LANGUAGE_NAMES, CHINESE_LANGUAGE_NAMES):
        for code, alternatives in names.items():
            if regex.fullmatch(alternatives, value):
                return code
    for code, stem in RUSSIAN_LANGUAGE_STEMS.items():
        if stem in value or f"по-{stem}и" in value:
            return code
    return None
