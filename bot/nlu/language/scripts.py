"""Script rules: Han means zh, Cyrillic means ru, other non-Latin scripts are unsupported.

Cyrillic-script languages (Kazakh, Kyrgyz, Uzbek, Tajik, Belarusian, Ukrainian...) are
answered in Russian, the lingua franca of the region; which one it is is only reported.
Latin text is left to `bot.nlu.language.latin`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from bot.nlu.language.langdetect_seeded import best_language, langdetect_probabilities
from bot.nlu.language.outcome import (
    REASON_SCRIPT,
    REASON_UNSUPPORTED,
    UNDETERMINED_LANGUAGE,
    UNSUPPORTED_REPLY_LANGUAGE,
    LanguageDecision,
)

# --- Thresholds --------------------------------------------------------------------------

# Letters of a script needed before the script decides the language.
MIN_HAN_CHARACTERS = 1
MIN_CYRILLIC_LETTERS = 2
MIN_OTHER_SCRIPT_LETTERS = 2
# A Han character carries about as much as a short word; weighs against other scripts.
HAN_CHARACTER_WEIGHT = 2
# Cyrillic text this long may be reported as Bulgarian/Macedonian/Ukrainian by langdetect...
MIN_CYRILLIC_LETTERS_FOR_LANGDETECT = 30
LANGDETECT_CYRILLIC_LANGUAGES = ("bg", "mk", "uk", "ru")
# ...when langdetect is at least this sure of it.
MIN_CYRILLIC_LANGUAGE_PROBABILITY = 0.9

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
#: Words of Mongolian, which the assistant does not speak: a text in Cyrillic holding one
#: and no letter of Kazakh or Kyrgyz beyond ө/ү is Mongolian ("Сайн байна уу").
MONGOLIAN_WORDS = frozenset(
    [
        "байна",
        "уу",
        "юу",
        "вэ",
        "бэ",
        "энэ",
        "тэр",
        "төсөл",
        "төслүүд",
        "хөрөнгө",
        "оруулалт",
        "оруулалтын",
        "монголоос",
        "бичиж",
        "шүү",
        "баярлалаа",
    ]
)
NOT_MONGOLIAN_LETTERS = frozenset("ңқғәіұһўҳ")
MIN_MONGOLIAN_SHARE = 0.4
WORD_PATTERN = regex.compile(r"\p{L}+")


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


def dominant_script(counts: Mapping[str, int]) -> str | None:
    """Picks the script that decides: a non-Latin script with enough letters, else Latin.

    Args:
        counts: Letters by script, as from `count_letters_by_script`.

    Returns:
        The script's name, or None when the text has no letters of a known script.
    """
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


def is_mongolian(text: str) -> bool:
    """Whether a Cyrillic text is Mongolian: one of its words, no Kazakh or Kyrgyz letter."""
    lowered = text.lower()
    if set(lowered) & NOT_MONGOLIAN_LETTERS:
        return False
    words = WORD_PATTERN.findall(lowered)
    found = [word for word in words if word in MONGOLIAN_WORDS]
    # a short particle alone ("уу") is no evidence; a greeting before Russian is Russian
    evident = len(found) >= 2 or any(len(word) >= 4 for word in found)
    return evident and len(found) >= MIN_MONGOLIAN_SHARE * len(words)


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
    if DOTTED_I_LETTER in letters and letters & KYRGYZ_LETTERS:
        return "kk"  # "Рахмет, түсіндім": Kazakh і with ү/ң/ө, which Ukrainian never has
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
        code, probability = best_language(langdetect_probabilities(text))
        if (
            code in LANGDETECT_CYRILLIC_LANGUAGES
            and probability >= MIN_CYRILLIC_LANGUAGE_PROBABILITY
        ):
            return code
    return "ru"


def _decide_unsupported_script(script: str, residual: str) -> LanguageDecision:
    candidates, default = UNSUPPORTED_SCRIPT_LANGUAGES.get(script, ((), UNDETERMINED_LANGUAGE))
    detected, confidence = default, 1.0
    if candidates:
        code, probability = best_language(
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


def decide_by_script(script: str, residual: str) -> LanguageDecision:
    """Decides the reply language of text whose dominant script is not Latin.

    Args:
        script: The dominant script, as from `dominant_script`.
        residual: The text without parts that carry no language.

    Returns:
        zh for Han, ru for any Cyrillic-script language (the one written is reported),
        otherwise the unsupported treatment with the language guessed from the script.
    """
    if script == SCRIPT_HAN:
        return LanguageDecision("zh", "zh", script, REASON_SCRIPT, 1.0)
    if script == SCRIPT_CYRILLIC and is_mongolian(residual):
        # Not spoken, and answered in Russian, which Mongolia's visitors read more often
        # than English.
        return LanguageDecision("ru", "mn", script, REASON_UNSUPPORTED, 1.0)
    if script == SCRIPT_CYRILLIC:
        return LanguageDecision(
            "ru", identify_cyrillic_language(residual), script, REASON_SCRIPT, 1.0
        )
    return _decide_unsupported_script(script, residual)
