"""Questions about a language the assistant does not speak ("do you speak Mongolian?").

Asked in English, Chinese or Russian, they get the answer a message written in such a
language gets: which languages the assistant speaks, in the language of the question. The
names are those of the visitors' region and of the world's large languages; a name without
a cue around it ("Uzbek partners", "казахская компания") is no question about a language.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# ISO 639-1 code -> the language's names in English, as a Russian stem, and in Chinese.
_NAMES: dict[str, tuple[str, str, str]] = {
    "mn": ("mongolian", "монгольск", "蒙古语|蒙语|蒙文"),
    "kk": ("kazakh", "казахск", "哈萨克语"),
    "uz": ("uzbek", "узбекск", "乌兹别克语"),
    "ky": ("kyrgyz|kirghiz|kirgiz", "киргизск|кыргызск", "吉尔吉斯语"),
    "tg": ("tajik|tajiki", "таджикск", "塔吉克语"),
    "tk": ("turkmen", "туркменск", "土库曼语"),
    "be": ("belarusian|byelorussian", "белорусск", "白俄罗斯语"),
    "uk": ("ukrainian", "украинск", "乌克兰语"),
    "tr": ("turkish", "турецк", "土耳其语"),
    "fa": ("persian|farsi", "персидск|фарси", "波斯语"),
    "ur": ("urdu", "урду", "乌尔都语"),
    "hi": ("hindi", "хинди", "印地语"),
    "ar": ("arabic", "арабск", "阿拉伯语"),
    "fr": ("french", "французск", "法语"),
    "de": ("german", "немецк", "德语"),
    "es": ("spanish", "испанск", "西班牙语"),
    "ja": ("japanese", "японск", "日语"),
    "ko": ("korean", "корейск", "韩语"),
}

# Names in the language itself ("қазақша", "o'zbekcha"): asking for it whatever surrounds it.
_SELF_NAMES: dict[str, str] = {
    "kk": r"қазақша|qazaqşa|qazaqsha|kazaksha",
    "uz": r"ўзбекча|узбекча|o['ʻ’`]?zbekcha",
    "ky": r"кыргызча|qirg['ʻ’`]?izcha",
}

_EN_CUES = r"speak|talk|write|answer|reply|respond|chat|understand|know|use|switch\s+to|in"
_RU_CUES = (
    r"говор\w*|ответ\w*|отвеч\w*|пиш\w*|напиш\w*|общ\w*|можно|понима\w*|знае\w*|владее\w*"
    r"|перейд\w*|переключ\w*"
)
_ZH_CUES = r"说|說|讲|講|用|会|會|懂|支持|换成|換成|改用"


def _patterns(code: str) -> list[regex.Pattern[str]]:
    english, russian, chinese = _NAMES[code]
    russian_name = rf"(?:{russian})\w*"
    return [
        # "do you speak mongolian?", "can you answer in turkish please"
        regex.compile(
            rf"\b(?:{_EN_CUES})\s+(?:in\s+)?(?:{english})\b"
            r"(?=\s*(?:$|[^\w\s-]|(?:please|pls|plz|too|language|also|as\s+well)\b))",
            regex.IGNORECASE,
        ),
        # "вы говорите по-казахски?", "можно на узбекском?"
        regex.compile(rf"\bпо[-\s]?(?:{russian})и\b", regex.IGNORECASE),
        regex.compile(
            rf"\b(?:{_RU_CUES})\b(?:\W+\w+){{0,2}}?\W+на\s+(?:{russian_name})",
            regex.IGNORECASE,
        ),
        regex.compile(rf"\bна\s+(?:{russian_name})\W+(?:{_RU_CUES})\b", regex.IGNORECASE),
        # "你会说蒙古语吗", "可以用土耳其语吗"
        regex.compile(rf"(?:{_ZH_CUES})\s*(?:{chinese})"),
        *(
            [regex.compile(rf"\b(?:{_SELF_NAMES[code]})\b", regex.IGNORECASE)]
            if code in _SELF_NAMES
            else []
        ),
    ]


_PATTERNS = {code: _patterns(code) for code in _NAMES}


@dataclass(frozen=True)
class UnspokenLanguageQuestion:
    """A question about a language the assistant does not speak.

    Attributes:
        language: Its ISO 639-1 code.
        mention: Character span of the question in the text.
    """

    language: str
    mention: tuple[int, int]


def read_unspoken_language_question(text: str) -> UnspokenLanguageQuestion | None:
    """Finds a question about, or request for, a language the assistant does not speak.

    Args:
        text: The visitor's message.

    Returns:
        The first such question, or None.
    """
    for code, patterns in _PATTERNS.items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                return UnspokenLanguageQuestion(code, match.span())
    return None
