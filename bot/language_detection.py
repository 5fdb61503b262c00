"""Decides the reply language (en, zh or ru) of a user message, without Rasa.

The decision is script-aware before it is statistical:

1. An explicit request to switch ("in English please", "по-китайски", "用俄语") wins.
2. Text that carries no language (numbers, e-mails, URLs, emoji, spans such as project
   names that an earlier component extracted) is *ambiguous*: the conversation keeps its
   language.
3. Han characters mean Chinese; Cyrillic letters mean a reply in Russian, the lingua
   franca of the region, whichever Cyrillic-script language it is (reported separately).
4. Latin text needs enough words: English gets English; a clearly different language gets
   the *unsupported* treatment, as does any other script (Arabic, Devanagari, Hangul...).
5. Unsupported: the reply language is English and the dialogue says which languages the
   assistant speaks.

`detect_reply_language` is the entry point; `bot.language.LanguageDetector` wraps it as a
Rasa component. Only codes come out of here, never text for people.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import regex
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

# --- Languages and outcomes -------------------------------------------------------------

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "zh", "ru")
# The reply language when the user writes in a language the assistant does not speak.
UNSUPPORTED_REPLY_LANGUAGE = "en"
# ISO 639-2 code for "undetermined", reported when an unsupported language is unclear.
UNDETERMINED_LANGUAGE = "und"

REASON_SCRIPT = "script"
REASON_LANGDETECT = "langdetect"
REASON_EXPLICIT_REQUEST = "explicit_request"
REASON_AMBIGUOUS = "ambiguous"
REASON_UNSUPPORTED = "unsupported"

# --- Thresholds --------------------------------------------------------------------------

LANGDETECT_SEED = 0
# Letters of a script needed before the script decides the language.
MIN_HAN_CHARACTERS = 1
MIN_CYRILLIC_LETTERS = 2
MIN_OTHER_SCRIPT_LETTERS = 2
# A Han character carries about as much as a short word; weighs against other scripts.
HAN_CHARACTER_WEIGHT = 2
# Latin text is judged only with at least this many words and letters...
MIN_LATIN_WORDS = 3
MIN_LATIN_LETTERS = 12
# ...or this many words of ENGLISH_EVIDENCE_WORDS among at least MIN_LATIN_WORDS words.
MIN_ENGLISH_EVIDENCE_WORDS = 2
# Latin text is English when this share of its words are English evidence words...
MIN_ENGLISH_WORD_SHARE = 0.5
# ...or when langdetect gives English at least this probability.
MIN_ENGLISH_PROBABILITY = 0.5
# Latin text is another language only when langdetect gives English at most this...
MAX_ENGLISH_PROBABILITY_FOR_FOREIGN = 0.1
# ...and either langdetect is this sure of one other language and at most this share of
# the words are English...
MIN_FOREIGN_PROBABILITY = 0.9
MAX_ENGLISH_WORD_SHARE_FOR_FOREIGN = 0.2
# ...or no word is English and the text has this many words (or non-English letters).
MIN_FOREIGN_WORDS_WITHOUT_CONFIDENT_GUESS = 4
# Cyrillic text this long may be reported as Bulgarian/Macedonian/Ukrainian by langdetect.
MIN_CYRILLIC_LETTERS_FOR_LANGDETECT = 30
LANGDETECT_CYRILLIC_LANGUAGES = ("bg", "mk", "uk", "ru")

# --- Text that carries no language --------------------------------------------------------

URL_PATTERN = regex.compile(r"(?:https?://|www\.)\S+", flags=regex.IGNORECASE)
EMAIL_PATTERN = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DOMAIN_NAME_PATTERN = regex.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|ru|cn|kz|kg|uz|tj|by|ua|uk|de)\b",
    flags=regex.IGNORECASE,
)
# Latin-script place and company names of the hub (pinyin): no evidence of any language.
LATIN_NAMES_WITHOUT_LANGUAGE = frozenset(
    {
        "qingdao", "jiaozhou", "pingdu", "huanxiu", "xiushui", "shoucheng", "xinhong",
        "saihe", "huarong", "guangde", "sco", "scoda", "mcc", "cmic", "shandong",
        "beijing", "shanghai",
    }
)  # fmt: skip
LATIN_WORD_PATTERN = regex.compile(r"\p{Latin}+(?:['’]\p{Latin}+)*")
NON_ENGLISH_LATIN_LETTER_PATTERN = regex.compile(r"[\p{Latin}--[A-Za-z]]", flags=regex.V1)

# Words that are English and rarely words of other Latin-script languages (so are "I" in
# capitals): langdetect alone is unreliable on messages of three to six words ("visa
# support please" -> fr).
_ENGLISH_EVIDENCE_TEXT = """
    the and or but of with about from into for at by than then if because just is are were
    be been being isn't aren't i'm i'd i'll i've it's you you're your yours he she it its
    they them their we us our my mine myself what which who whom whose where when why how
    there here this that these those does did don't doesn't can can't could would should
    shall might must have has had any some all each every other another more most much many
    very only not yes please thanks thank hello hi hey good morning afternoon evening bye
    goodbye sorry sure great want need like tell show give send find help know get make
    talk speak call contact invest book register open looking interested learn meet visit
    ask explain list provide offer apply work living live project projects company
    companies business investment investments investor investors lawyer lawyers legal visa
    visas tax taxes accounting accountant audit office meeting partner partners manager
    person human someone services support price cost costs opportunities opportunity sector
    sectors park parks industrial industry economy digital medical logistics finance
    financial trade manufacturing infrastructure headquarters building plaza area city
    river lake district hub contract signed settled details brochure phone number address
    website location today tomorrow week money cold chain new lease factory warehouse
"""
ENGLISH_EVIDENCE_WORDS = frozenset(_ENGLISH_EVIDENCE_TEXT.split())

# --- Scripts -------------------------------------------------------------------------------

SCRIPT_HAN = "Han"
SCRIPT_CYRILLIC = "Cyrillic"
SCRIPT_LATIN = "Latin"
SCRIPT_KANA = "Kana"
SCRIPT_HANGUL = "Hangul"
SCRIPT_NONE = "none"
SCRIPT_OTHER = "other"
SCRIPT_PATTERNS: dict[str, Any] = {
    SCRIPT_HAN: regex.compile(r"\p{Han}"),
    SCRIPT_CYRILLIC: regex.compile(r"\p{Cyrillic}"),
    SCRIPT_LATIN: regex.compile(r"\p{Latin}"),
    SCRIPT_KANA: regex.compile(r"[\p{Hiragana}\p{Katakana}]"),
    SCRIPT_HANGUL: regex.compile(r"\p{Hangul}"),
    **{
        script: regex.compile(rf"\p{{{script}}}")
        for script in (
            "Arabic", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Thai",
            "Lao", "Khmer", "Myanmar", "Tibetan", "Mongolian", "Georgian", "Armenian",
            "Hebrew", "Greek", "Ethiopic",
        )
    },
}  # fmt: skip
LETTER_PATTERN = regex.compile(r"\p{L}")
# Languages of an unsupported script: langdetect picks among the candidates, else default.
UNSUPPORTED_SCRIPT_LANGUAGES: dict[str, tuple[tuple[str, ...], str]] = {
    "Arabic": (("ar", "fa", "ur"), UNDETERMINED_LANGUAGE),
    "Devanagari": (("hi", "mr", "ne"), UNDETERMINED_LANGUAGE),
    SCRIPT_KANA: ((), "ja"),
    SCRIPT_HANGUL: ((), "ko"),
    "Bengali": ((), "bn"),
    "Gurmukhi": ((), "pa"),
    "Gujarati": ((), "gu"),
    "Tamil": ((), "ta"),
    "Thai": ((), "th"),
    "Lao": ((), "lo"),
    "Khmer": ((), "km"),
    "Myanmar": ((), "my"),
    "Tibetan": ((), "bo"),
    "Mongolian": ((), "mn"),
    "Georgian": ((), "ka"),
    "Armenian": ((), "hy"),
    "Hebrew": ((), "he"),
    "Greek": ((), "el"),
    "Ethiopic": ((), "am"),
}

# Letters that tell Cyrillic-script languages apart (only reported, the reply is Russian).
KAZAKH_ONLY_LETTERS = frozenset("әұ")
KAZAKH_UZBEK_LETTERS = frozenset("қғ")
TAJIK_LETTERS = frozenset("ҷӣӯ")
UZBEK_LETTERS = frozenset("ҳ")
SHORT_U_LETTER = "ў"  # Belarusian and Uzbek
DOTTED_I_LETTER = "і"  # Ukrainian, Belarusian, Kazakh
BELARUSIAN_NOT_UKRAINIAN_LETTERS = frozenset("ыэ")
UKRAINIAN_LETTERS = frozenset("їєґ")
KYRGYZ_LETTERS = frozenset("ңөү")  # also Kazakh; ө/ү also Mongolian
SERBIAN_LETTERS = frozenset("јљњћђџ")
MACEDONIAN_LETTERS = frozenset("ѓќѕ")
RUSSIAN_NOT_BULGARIAN_LETTERS = frozenset("ыэё")  # in Russian, never in bg/mk/uk

# --- Explicit requests to switch language ----------------------------------------------------

# Names of the supported languages as they appear in requests, per language of the request.
ENGLISH_LANGUAGE_NAMES = {"en": r"english", "ru": r"russian", "zh": r"chinese|mandarin"}
RUSSIAN_LANGUAGE_STEMS = {"en": "английск", "ru": "русск", "zh": "китайск"}
CHINESE_LANGUAGE_NAMES = {
    "en": "英文|英语|英語",
    "ru": "俄语|俄文|俄語|俄罗斯语|俄羅斯語",
    "zh": "中文|汉语|漢語|华语|華語|普通话|普通話|国语|國語",
}
# A request is a language name with a request cue around it: a verb such as "speak",
# "switch", "ответьте", "用", or a message that is little more than the name ("English
# please", "на китайском", "中文"). A bare name is not a request ("Chinese partners",
# "на китайском рынке", "说英语的律师").
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
# A message that is only a language code ("EN", "ru please").
LANGUAGE_CODE_NAMES = {"en": "en|eng", "ru": "ru|rus", "zh": "zh|cn"}


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
    """

    reply_language: str | None
    detected: str | None
    script: str
    reason: str
    confidence: float
    mention: tuple[int, int] | None = None

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


@functools.lru_cache(maxsize=1)
def _detector_factory() -> DetectorFactory:
    """Returns a private, seeded langdetect factory (the global one is left untouched)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = LANGDETECT_SEED  # every Detector re-seeds its random generator with it
    return factory


_LANGDETECT_LOCK = threading.Lock()


def load_langdetect_profiles() -> None:
    """Loads langdetect's language profiles now rather than on the first message."""
    _detector_factory()


def langdetect_probabilities(text: str) -> dict[str, float]:
    """Returns langdetect's language probabilities for a text, reproducibly.

    Args:
        text: Any text.

    Returns:
        Probabilities by langdetect code ("zh-cn" is folded into "zh"); empty when
        langdetect finds no features.
    """
    with _LANGDETECT_LOCK:
        detector = _detector_factory().create()
        detector.append(text)
        try:
            languages = detector.get_probabilities()
        except LangDetectException:
            return {}
    probabilities: dict[str, float] = {}
    for language in languages:
        code = "zh" if language.lang.startswith("zh") else language.lang
        probabilities[code] = probabilities.get(code, 0.0) + language.prob
    return probabilities


def _best(probabilities: Mapping[str, float]) -> tuple[str | None, float]:
    if not probabilities:
        return None, 0.0
    code = max(probabilities, key=lambda language: (probabilities[language], language))
    return code, probabilities[code]


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


def _blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    characters = list(text)
    for start, end in spans:
        for index in range(max(0, start), min(len(characters), end)):
            characters[index] = " "
    return "".join(characters)


def text_without_language_evidence(text: str, ignore_spans: Iterable[tuple[int, int]] = ()) -> str:
    """Blanks out what says nothing about the language: given spans, URLs, e-mails, domains.

    Args:
        text: The user's message.
        ignore_spans: Character spans to ignore, e.g. extracted project names.

    Returns:
        The text with those parts replaced by spaces (same length as `text`).
    """
    residual = _blank_spans(text, ignore_spans)
    for pattern in (URL_PATTERN, EMAIL_PATTERN, DOMAIN_NAME_PATTERN):
        residual = pattern.sub(lambda match: " " * len(match.group()), residual)
    return residual


def count_letters_by_script(text: str) -> dict[str, int]:
    """Counts the letters of each script in a text (digits, symbols and emoji are not letters).

    Args:
        text: Any text.

    Returns:
        Counts by script name, only scripts that occur; letters of unlisted scripts are
        counted under "other".
    """
    counts = {script: len(pattern.findall(text)) for script, pattern in SCRIPT_PATTERNS.items()}
    counts = {script: count for script, count in counts.items() if count}
    other = len(LETTER_PATTERN.findall(text)) - sum(counts.values())
    if other > 0:
        counts[SCRIPT_OTHER] = other
    return counts


def identify_cyrillic_language(text: str) -> str:
    """Tells which Cyrillic-script language a text is most likely in (for reporting only).

    Args:
        text: Text with Cyrillic letters.

    Returns:
        An ISO 639-1 code: "ru", "kk", "ky", "uz", "tg", "be", "uk", "bg", "mk" or "sr".
    """
    letters = set(text.lower())
    if letters & KAZAKH_ONLY_LETTERS or (
        letters & KAZAKH_UZBEK_LETTERS and DOTTED_I_LETTER in letters
    ):
        return "kk"
    if letters & TAJIK_LETTERS:
        return "tg"
    if letters & UZBEK_LETTERS or letters & KAZAKH_UZBEK_LETTERS:
        return "uz"
    if SHORT_U_LETTER in letters:
        return "be" if DOTTED_I_LETTER in letters else "uz"
    if letters & UKRAINIAN_LETTERS:
        return "uk"
    if DOTTED_I_LETTER in letters:
        return "be" if letters & BELARUSIAN_NOT_UKRAINIAN_LETTERS else "uk"
    if letters & KYRGYZ_LETTERS:
        return "ky"
    if letters & SERBIAN_LETTERS:
        return "sr"
    if letters & MACEDONIAN_LETTERS:
        return "mk"
    if letters & RUSSIAN_NOT_BULGARIAN_LETTERS:
        return "ru"
    cyrillic_letters = len(SCRIPT_PATTERNS[SCRIPT_CYRILLIC].findall(text))
    if cyrillic_letters >= MIN_CYRILLIC_LETTERS_FOR_LANGDETECT:
        code, probability = _best(langdetect_probabilities(text))
        if code in LANGDETECT_CYRILLIC_LANGUAGES and probability >= MIN_FOREIGN_PROBABILITY:
            return code
    return "ru"


def _dominant_script(counts: Mapping[str, int]) -> str | None:
    """Picks the script that decides: a non-Latin script with enough letters, else Latin."""
    if counts.get(SCRIPT_KANA, 0) >= 1:
        return SCRIPT_KANA  # Japanese mixes Kana with Han
    minimums = {SCRIPT_HAN: MIN_HAN_CHARACTERS, SCRIPT_CYRILLIC: MIN_CYRILLIC_LETTERS}
    weights = {SCRIPT_HAN: HAN_CHARACTER_WEIGHT}
    candidates = {
        script: count * weights.get(script, 1)
        for script, count in counts.items()
        if script not in (SCRIPT_LATIN, SCRIPT_OTHER)
        and count >= minimums.get(script, MIN_OTHER_SCRIPT_LETTERS)
    }
    if candidates:
        return max(candidates, key=lambda script: (candidates[script], script))
    if counts.get(SCRIPT_LATIN, 0):
        return SCRIPT_LATIN
    return None


def _is_english_evidence(word: str) -> bool:
    return word == "I" or word.lower().replace("’", "'") in ENGLISH_EVIDENCE_WORDS


def _decide_latin(residual: str) -> LanguageDecision:
    words = [
        word
        for word in LATIN_WORD_PATTERN.findall(residual)
        if word.lower() not in LATIN_NAMES_WITHOUT_LANGUAGE
    ]
    letters = sum(len(word) for word in words)
    english_words = [word for word in words if _is_english_evidence(word)]
    enough_evidence = len(words) >= MIN_LATIN_WORDS and (
        letters >= MIN_LATIN_LETTERS or len(english_words) >= MIN_ENGLISH_EVIDENCE_WORDS
    )
    if not enough_evidence:
        return LanguageDecision(None, None, SCRIPT_LATIN, REASON_AMBIGUOUS, 0.0)

    english_share = len(english_words) / len(words)
    probabilities = langdetect_probabilities(" ".join(words))
    english_probability = probabilities.get("en", 0.0)
    if english_share >= MIN_ENGLISH_WORD_SHARE or english_probability >= MIN_ENGLISH_PROBABILITY:
        confidence = max(english_share, english_probability)
        return LanguageDecision("en", "en", SCRIPT_LATIN, REASON_LANGDETECT, confidence)

    best_code, best_probability = _best(probabilities)
    if english_probability > MAX_ENGLISH_PROBABILITY_FOR_FOREIGN:
        return LanguageDecision(None, best_code, SCRIPT_LATIN, REASON_AMBIGUOUS, 0.0)
    confident_guess = best_code != "en" and best_probability >= MIN_FOREIGN_PROBABILITY
    if confident_guess and english_share <= MAX_ENGLISH_WORD_SHARE_FOR_FOREIGN:
        return LanguageDecision(
            UNSUPPORTED_REPLY_LANGUAGE,
            best_code,
            SCRIPT_LATIN,
            REASON_UNSUPPORTED,
            best_probability,
        )
    # langdetect is unsure which language it is (e.g. Uzbek, which it does not know): call
    # it unsupported only when not one word is English and the text is long or not English
    # in its letters (ı, ş, ü...).
    non_english_letters = bool(NON_ENGLISH_LATIN_LETTER_PATTERN.search(" ".join(words)))
    if not english_words and (
        non_english_letters or len(words) >= MIN_FOREIGN_WORDS_WITHOUT_CONFIDENT_GUESS
    ):
        return LanguageDecision(
            UNSUPPORTED_REPLY_LANGUAGE,
            UNDETERMINED_LANGUAGE,
            SCRIPT_LATIN,
            REASON_UNSUPPORTED,
            1.0 - english_probability,
        )
    return LanguageDecision(None, best_code, SCRIPT_LATIN, REASON_AMBIGUOUS, 0.0)


def _decide_unsupported_script(script: str, residual: str) -> LanguageDecision:
    candidates, default = UNSUPPORTED_SCRIPT_LANGUAGES.get(script, ((), UNDETERMINED_LANGUAGE))
    detected, confidence = default, 1.0
    if candidates:
        code, probability = _best(
            {
                language: probability
                for language, probability in langdetect_probabilities(residual).items()
                if language in candidates
            }
        )
        if code is not None:
            detected, confidence = code, probability
    return LanguageDecision(
        UNSUPPORTED_REPLY_LANGUAGE, detected, script, REASON_UNSUPPORTED, confidence
    )


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
    script = _dominant_script(counts)
    if script is None:
        detected_script = SCRIPT_OTHER if counts else SCRIPT_NONE
        return LanguageDecision(None, None, detected_script, REASON_AMBIGUOUS, 0.0)
    if script == SCRIPT_HAN:
        return LanguageDecision("zh", "zh", script, REASON_SCRIPT, 1.0)
    if script == SCRIPT_CYRILLIC:
        return LanguageDecision(
            "ru", identify_cyrillic_language(residual), script, REASON_SCRIPT, 1.0
        )
    if script == SCRIPT_LATIN:
        return _decide_latin(residual)
    return _decide_unsupported_script(script, residual)


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
    """
    decision = detect_language(text, ignore_spans)
    request = find_language_request(text)
    if request is None:
        return decision
    requested_language, mention = request
    return replace(
        decision,
        reply_language=requested_language,
        reason=REASON_EXPLICIT_REQUEST,
        confidence=1.0,
        mention=mention,
    )


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
