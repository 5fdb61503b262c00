"""Explicit requests to switch the reply language ("in English please", "по-китайски", "用俄语").

A request is a language name with a request cue around it: a verb such as "speak",
"switch", "ответьте", "用", or a message that is little more than the name ("English
please", "на китайском", "中文"). A bare name is not a request ("Chinese partners",
"на китайском рынке", "说英语的律师"), nor is a refused one ("don't speak English", "my
English is bad"; see `bot.nlu.language.refusals`), nor the language of a translation service
("нужен переводчик на английский"; see `bot.nlu.language.translation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from bot.nlu.language.names import (
    CHINESE_LANGUAGE_NAMES,
    COLLOQUIAL_LANGUAGE_NAMES,
    ENGLISH_LANGUAGE_NAMES,
    LANGUAGE_CODE_NAMES,
    NATIONALITY_PATTERNS,
    OTHER_LANGUAGE_NAMES,
    RUSSIAN_LANGUAGE_STEMS,
    ZH_VERBS_BEFORE_NAME,
    find_language_mentions,
    is_used_as_language,
)
from bot.nlu.language.refusals import find_refused_mentions
from bot.nlu.language.translation import is_translation_service_language

# --- Request cues ----------------------------------------------------------------------------

_EN_REQUEST_VERBS = (
    r"speak|talk|write|answer|reply|respond|switch|change|continue|use|chat|communicate"
    r"|prefer|go|back|translate|language"
)
# Polite words after a name, in any of the three languages ("English, пожалуйста"), also
# spelt across scripts ("english плиз") and in Kazakh, Uzbek and Belarusian.
_POLITE_WORDS = (
    r"please|pls|plz|only|пожалуйста|плиз|плз|пжл|пжлст|пож|谢谢|謝謝|请|請"
    r"|өтінемін|илтимос|iltimos|калі\s+ласка"
)
# What may follow the name after a verb ("speak Chinese?", not "use Chinese suppliers").
_EN_AFTER_NAME = (
    r"(?=\s*(?:$|[^\w\s-]|(?:please|pls|plz|only|instead|language|from|now|again|too"
    r"|thanks|thank|if|with|плиз|плз|пожалуйста)\b))"
)
_RU_REQUEST_CUES = (
    r"можно|давай\w*|пожалуйста|говор\w*|ответ\w*|отвеч\w*|пиш\w*|напиш\w*|перейд\w*"
    r"|переход\w*|переключ\w*|продолж\w*|общ\w*|удобн\w*|смен\w*|помен\w*|обратно|снова"
    r"|опять"
)
_ZH_REQUEST_AFTER_NAME = (
    r"回答|回复|回覆|答复|交流|沟通|溝通|聊|对话|對話|吧|好吗|好嗎|可以吗|可以嗎|行吗|行嗎"
    r"|谢谢|謝謝|请|請|就行|就好"
)


def _compile_request_patterns() -> list[tuple[str, Any]]:
    """Builds (language code, pattern) pairs; each pattern captures the name as `name`."""
    patterns: list[tuple[str, str]] = []
    for code, english_name in ENGLISH_LANGUAGE_NAMES.items():
        # The English name, or a Russian or colloquial one in an English sentence
        # ("switch to русский", "switch to инглиш").
        any_name = (
            rf"{english_name}|{RUSSIAN_LANGUAGE_STEMS[code]}(?:ий|ом|ого|ому)"
            rf"|{COLLOQUIAL_LANGUAGE_NAMES[code]}"
        )
        name = english_name
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
                    rf"\b(?:{_EN_REQUEST_VERBS})\b(?:\W+\w+){{0,3}}?\W+(?P<name>{any_name})\b"
                    rf"{_EN_AFTER_NAME}"
                ),
            ),
            # "можно in english?", "давай english": a Russian cue before an English name
            (
                code,
                rf"\b(?:{_RU_REQUEST_CUES})\W+(?:(?:in|into|to)\s+)?(?P<name>{name})\b"
                rf"{_EN_AFTER_NAME}",
            ),
            # "English please, I don't understand"
            (code, rf"\b(?P<name>{name})\s*,?\s*(?:{_POLITE_WORDS})(?!\w)"),
        ]
    for code, codes in LANGUAGE_CODE_NAMES.items():
        # "EN", "RU please"
        patterns.append((code, rf"^\W*(?P<name>{codes})(?:\W+(?:{_POLITE_WORDS}))?\W*$"))
    for code, stem in RUSSIAN_LANGUAGE_STEMS.items():
        # "английский", "английском", or the English or colloquial name ("давай на Russian",
        # "на инглише")
        name = rf"{stem}(?:ом|ий)|{ENGLISH_LANGUAGE_NAMES[code]}|{COLLOQUIAL_LANGUAGE_NAMES[code]}"
        patterns += [
            # "по-английски", "говорите по-китайски?"
            (code, rf"\bпо[-\s]?(?P<name>{stem}и)\b"),
            # "на китайском", "Русский язык", "на английском, пожалуйста"
            (
                code,
                rf"^\W*(?:на\s+)?(?P<name>{name})(?:\s+язык\w*)?(?:\W+пожалуйста)?\W*$",
            ),
            # "давайте перейдём на английский", "можно на русском?", "switch на english"
            (
                code,
                (
                    rf"\b(?:{_RU_REQUEST_CUES}|{_EN_REQUEST_VERBS})\b(?:\W+\w+){{0,3}}?\W+на\s+"
                    rf"(?P<name>{name})\b"
                ),
            ),
            # "не на русском, а на английском"
            (code, rf"\bа\s+на\s+(?P<name>{name})\b"),
            # "на английском, пожалуйста, я не понимаю"
            (code, rf"\bна\s+(?P<name>{name})\b(?:\W+\w+){{0,2}}?\W+(?:{_RU_REQUEST_CUES})\b"),
            # "язык: китайский", "смени язык на английский", "верни русский"
            (code, rf"\b(?:язык\w*|верн\w*)\W+(?:на\s+)?(?P<name>{name})\b"),
        ]
    for code, names in OTHER_LANGUAGE_NAMES.items():
        # "орысша жауап беріңізші", "inglizcha yozing", "па-англійску": always the language
        # (a refused one, "ағылшынша білмеймін", is left out by `read_language_request`)
        patterns.append((code, rf"\b(?P<name>{names})\b"))
    for code, names in CHINESE_LANGUAGE_NAMES.items():
        # Chinese names, or the English name ("用English回答")
        name = rf"{names}|{ENGLISH_LANGUAGE_NAMES[code]}"
        patterns += [
            # "请用英文回答", "说中文吧", "用俄语", "回到中文" (but not "说英语的律师")
            (code, rf"(?:{ZH_VERBS_BEFORE_NAME})\s*(?P<name>{name})(?!的)"),
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
# one. "No"/"нет" are left out: "Нет, на английском, пожалуйста" is a request. (Refusals,
# in `bot.nlu.language.refusals`, are read more widely.)
NEGATION_BEFORE_REQUEST_PATTERN = regex.compile(
    r"(?:\b(?:not|don't|can't|cannot|won't)\W+|\bне\s+(?:\w+\s+)?|\bне\W+"
    r"|(?<!要)不要?|(?<!会)不会|(?<!會)不會|(?<!能)不能|别|別)$",  # but "能不能说中文" asks
    flags=regex.IGNORECASE,
)
NEGATION_WINDOW_CHARACTERS = 16


@dataclass(frozen=True)
class LanguageRequest:
    """What a message says about the language it wants replies in.

    Attributes:
        language: The language asked for ("en", "zh", "ru"), or None.
        mention: Character span of that language's name in the message.
        refused: Languages the message refuses ("not English", "英文不好").
    """

    language: str | None = None
    mention: tuple[int, int] | None = None
    refused: frozenset[str] = frozenset()


def _explicit_requests(text: str) -> list[tuple[tuple[int, int], str]]:
    """Returns (name span, code) of every request pattern match not right after a negation."""
    requests = []
    for code, pattern in LANGUAGE_REQUEST_PATTERNS:
        for match in pattern.finditer(text):
            window = text[max(0, match.start() - NEGATION_WINDOW_CHARACTERS) : match.start()]
            if not NEGATION_BEFORE_REQUEST_PATTERN.search(window):
                requests.append((match.span("name"), code))
    return requests


def read_language_request(text: str) -> LanguageRequest:
    """Reads which language a message asks for and which ones it refuses.

    A request names a language with a request cue ("in English please", "用俄语"). A
    language that the message refuses ("no English", "my English is bad") is never the
    one asked for; when the message refuses one, another language it names is the one
    preferred ("no english pls, russian", "英文不好，俄语可以"). A language named for an
    interpreter, a translator or a translation is not asked for ("需要俄语翻译").

    Args:
        text: The user's message.

    Returns:
        The request; `language` is None when the message asks for none. When several
        languages are asked for, the first named in the text wins.
    """
    refused_mentions = find_refused_mentions(text)
    refused = frozenset(refused_mentions.values())

    def acceptable(span: tuple[int, int], code: str) -> bool:
        return (
            code not in refused
            and span not in refused_mentions
            and not is_translation_service_language(text, span)
        )

    requests = [(span, code) for span, code in _explicit_requests(text) if acceptable(span, code)]
    if not requests and refused:
        requests = [
            (mention.span("name"), code)
            for code, mention in find_language_mentions(text)
            if acceptable(mention.span("name"), code)
            and is_used_as_language(text, mention.end("name"))
        ]
    if not requests and refused:
        requests = [
            (match.span(), code)
            for code, pattern in NATIONALITY_PATTERNS.items()
            if code not in refused and (match := pattern.search(text)) is not None
        ]
    if not requests:
        return LanguageRequest(refused=refused)
    span, code = min(requests)
    return LanguageRequest(code, span, refused)


def find_language_request(text: str) -> tuple[str, tuple[int, int]] | None:
    """Finds an explicit request to continue in English, Chinese or Russian.

    Args:
        text: The user's message.

    Returns:
        The requested language code and the span of the language name, or None (see
        `read_language_request`).
    """
    request = read_language_request(text)
    if request.language is None or request.mention is None:
        return None
    return request.language, request.mention
