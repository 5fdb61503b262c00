"""Languages a message refuses, negated or judged poorly; never the reply language.

Negated: "not English", "не по-русски", "不要英文". Judged poorly: "my English is bad",
"плохо говорю по-английски", "英文不好".
"""

from __future__ import annotations

from typing import Any

import regex

from bot.nlu.language.names import find_language_mentions, is_used_as_language

# How far before a mention a negation or disparagement is looked for.
REFUSAL_WINDOW_CHARACTERS = 24

# A negation right before a mention: "not (in) English", "don't speak English", "no
# English" (but not "No, English please"), "не по-английски", "не знаю английского",
# "不要(用)英文", "别说俄语" (but not "能不能说中文" or "要不要用中文", which ask).
NEGATION_BEFORE_MENTION_PATTERN = regex.compile(
    r"(?:\b(?:not|don't|dont|doesn't|can't|cannot|won't|never)\s+(?:\w+\s+)?"
    r"|\b(?:not|don't|can't|cannot|won't)\W+|\bno\s+(?:more\s+)?"
    r"|\bне\s+(?:\w+\s+)?|\bне\W+"
    r"|(?:(?<!要)不要?|(?<!会)不会|(?<!會)不會|(?<!能)不能|别|別)(?:用|说|說|讲|講)?)$",
    flags=regex.IGNORECASE,
)
# A judgement right before a mention: "bad English", "плохо говорю по-английски", "看不懂英文".
DISPARAGEMENT_BEFORE_MENTION_PATTERN = regex.compile(
    r"(?:\b(?:bad|poor|weak|broken|rusty)\s+"
    r"|\b(?:плохо|плоховато|слабо|плох\w*|слаб\w*)\s+(?:\w+\s+)?"
    r"|不懂|不太会|不太會|不太懂)$",
    flags=regex.IGNORECASE,
)
# A judgement or refusal right after a name: "English is bad", "english is not good",
# "английский плохой", "английский у меня не очень", "по-английски не надо", "英文不好",
# "英语水平很差", "英文就不用了".
REFUSAL_AFTER_NAME_PATTERN = regex.compile(
    r"\s*(?:"
    r"(?:is|was|'s|’s)?\s*(?:(?:very|so|too|really|quite|pretty|rather)\s+)?"
    r"(?:bad|poor|weak|terrible|awful|limited|rusty|basic|hard|difficult|tough"
    r"|complicated|not\s+easy)\b"
    r"|(?:is\s+not|isn't|isnt|was\s+not|wasn't|not)\s+(?:(?:very|so|that|too|really|quite)\s+)?"
    r"(?:good|great|fluent|perfect|strong)\b"
    r"|(?:у\s+меня\s+)?(?:[-—–,]\s*)?(?:(?:очень|совсем|довольно)\s+)?"
    r"(?:плох\w*|слаб\w*|не\s+очень|так\s+себе|никак\w*|не\s+знаю|не\s+понимаю"
    r"|не\s+надо|не\s+нужно|не\s+хочу|(?:мне\s+)?(?:сложн|трудн|тяжел|тяжёл)\w*)"
    r"|(?:水平|说得|說得|讲得|講得)?(?:很|太|比较|比較)?"
    r"(?:不好|不太好|不行|差(?!不多)|不怎么样|不怎麼樣|不熟|不太熟|一般)"
    r"|就?(?:不要|不用|別|别)"
    r"|(?:很|太|比较|比較|有点|有點)?(?:难|難)(?!道)"
    # Kazakh, Kyrgyz, Uzbek: "ағылшынша білмеймін", "inglizcha tushunmayman", "қиын"
    r"|\s*(?:\w+\s+)?(?:білмей|билбей|билмай|bilmay|түсінбей|түшүнбө|тушунмай|tushunmay"
    r"|сөйлемей|сүйлөбө|гапирмай|gapirmay)\w*"
    r"|\s*(?:емес|эмес|эмас|emas|жоқ|жок|йўқ|yo'q|қиын|кыйын|қийин|qiyin)\b"
    r")",
    flags=regex.IGNORECASE,
)


def is_refused(text: str, mention: Any) -> bool:
    """Whether one mention of a language refuses it.

    Args:
        text: The user's message.
        mention: A match from `find_language_mentions`.

    Returns:
        True when the mention is negated (and names the language, not "no English
        version"), judged poorly or turned down ("по-английски не надо").
    """
    start, name_end = mention.start(), mention.end("name")
    before = text[max(0, start - REFUSAL_WINDOW_CHARACTERS) : start]
    if NEGATION_BEFORE_MENTION_PATTERN.search(before) and is_used_as_language(text, name_end):
        return True
    if DISPARAGEMENT_BEFORE_MENTION_PATTERN.search(before):
        return True
    return REFUSAL_AFTER_NAME_PATTERN.match(text, pos=name_end) is not None


def find_refused_mentions(text: str) -> dict[tuple[int, int], str]:
    """Finds the mentions of languages that the message refuses.

    Args:
        text: The user's message.

    Returns:
        The language code of each refused mention, by the span of its name.
    """
    return {
        mention.span("name"): code
        for code, mention in find_language_mentions(text)
        if is_refused(text, mention)
    }
