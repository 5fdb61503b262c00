"""`hub_lexicon.replies`: the closed vocabularies and how they are matched."""

from __future__ import annotations

import pytest

from hub_lexicon.replies import asks_to_be_contacted, is_only_goodbye, normalise_reply, words_in


def test_a_reply_is_compared_lowercased_simplified_and_without_punctuation():
    assert normalise_reply("  Да, СОГЛАСЕН!! ") == "да согласен"
    assert normalise_reply("聯繫我們。") == "联系我们"


def test_words_match_whole_and_chinese_as_text():
    words = frozenset({"later", "以后"})
    assert words_in("maybe later!", words) == {"later"}
    assert words_in("laterally", words) == set()
    assert words_in("以后再说吧", words) == {"以后"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pls have someone call me", True),
        ("пусть менеджер со мной свяжется", True),
        ("请尽快联系我", True),
        ("how do I contact you?", False),
        ("who is the contact person", False),
    ],
)
def test_a_request_to_be_contacted_is_recognised(text, expected):
    assert asks_to_be_contacted(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xo'p, xayr", True),
        ("благодарю, всего доброго", True),
        ("ок, спасибо, до свидания", True),
        ("пока нет", False),
        ("John Bye", False),
        ("хайр, а ещё вопрос: какие есть проекты в Пинду по медицине?", False),
    ],
)
def test_a_short_message_with_a_goodbye_is_a_goodbye(text, expected):
    assert is_only_goodbye(text) is expected
