"""A question about a language the assistant does not speak gets the languages it speaks,
in the language of the question (issue 20: "do you speak mongolian?" got a greeting)."""

from __future__ import annotations

import pytest

from bot.nlu.language.decision import detect_reply_language
from bot.nlu.language.outcome import REASON_UNSUPPORTED
from bot.nlu.language.unspoken import read_unspoken_language_question


@pytest.mark.parametrize(
    ("text", "reply_language", "language"),
    [
        ("hello, do you speak mongolian?", "en", "mn"),
        ("can you reply in turkish pls", "en", "tr"),
        ("вы говорите по-казахски?", "ru", "kk"),
        ("а на узбекском можно?", "ru", "uz"),
        ("можно на узбекском?", "ru", "uz"),
        ("你会说蒙古语吗？", "zh", "mn"),
        ("қазақша жауап бересіз бе?", "ru", "kk"),
        ("Salom! o'zbekcha gaplashasizmi?", "ru", "uz"),
    ],
)
def test_a_question_about_an_unspoken_language_is_answered_in_its_own_language(
    text: str, reply_language: str, language: str
) -> None:
    decision = detect_reply_language(text)
    assert (decision.reply_language, decision.detected, decision.reason) == (
        reply_language,
        language,
        REASON_UNSUPPORTED,
    )


@pytest.mark.parametrize(
    "text",
    [
        "we work with uzbek partners",
        "projects in Kazakhstan",
        "казахская компания ищет проекты",
        "я из Казахстана, говорю по-русски",
        "do you speak english?",
        "我们是哈萨克斯坦公司",
        "нужен переводчик с турецкого",
    ],
)
def test_a_language_named_without_a_question_about_it_is_no_such_question(text: str) -> None:
    assert read_unspoken_language_question(text) is None
