"""Text normalisation shared by the tokenizer and the entity normaliser."""

from __future__ import annotations

import functools

import opencc

_TRADITIONAL_TO_SIMPLIFIED = "t2s"


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(_TRADITIONAL_TO_SIMPLIFIED)


def to_simplified(text: str) -> str:
    """Converts Traditional Chinese characters to Simplified ones, keeping the length.

    OpenCC converts most text character by character; where a phrase conversion would
    change the length (and so the offsets of tokens and entities), each character is
    converted on its own instead.

    Args:
        text: Any text; characters that are not Traditional Chinese stay as they are.

    Returns:
        The text in Simplified characters, as long as the input.
    """
    if text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(
        single if len(single := _converter().convert(char)) == 1 else char for char in text
    )


#: Kazakh, Kyrgyz and Uzbek letters and the Russian ones they are typed as on a Russian
#: keyboard, or written as by a transliteration from Latin letters ("тургын уй" for "тұрғын
#: үй", "ис-шаралар" for "іс-шаралар").
_TURKIC_TO_RUSSIAN_LETTERS = str.maketrans("әғқңөұүһіўҳ", "агкноуухиух")


def fold_turkic_letters(text: str) -> str:
    """The text with Kazakh, Kyrgyz and Uzbek letters as their Russian look-alikes.

    Args:
        text: Lowercase text.

    Returns:
        The text, as long as the input.
    """
    return text.translate(_TURKIC_TO_RUSSIAN_LETTERS)
