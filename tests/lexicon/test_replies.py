"""`hub_lexicon.replies`: the closed vocabularies and how they are matched."""

from __future__ import annotations

import pytest

from hub_lexicon.replies import (
    asks_for_prices,
    asks_to_be_contacted,
    has_question_word,
    is_acknowledgement,
    is_only_goodbye,
    is_only_thanks,
    names_services,
    names_the_hub,
    normalise_reply,
    tiling,
    words_in,
)


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
        ("контактилеримди қалдыргым келеди", True),  # Kazakh from Latin letters
        ("мага байланышка чыгыңыздар, инвестиция боюнча сүйлөшөлү", True),  # Kyrgyz
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


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        ("майли, розиман", {"майли", "розиман"}, ["майли", "розиман"]),
        ("Alright, thank you!", {"alright", "thank you", "thank"}, ["alright", "thank you"]),
        ("好的谢谢", {"好的", "谢谢"}, ["好的", "谢谢"]),
        ("haha", {"ha"}, None),  # a phrase never ends inside a word
        ("ok, and where is it?", {"ok"}, None),
        ("", {"ok"}, None),
    ],
)
def test_a_reply_is_tiled_by_whole_closed_phrases(text, phrases, expected):
    assert tiling(text, frozenset(phrases)) == expected


def test_thanks_acknowledgements_and_the_hub_named():
    assert is_only_thanks("ok thanks")
    assert not is_only_thanks("ok")
    assert is_acknowledgement("понятно")
    assert not is_acknowledgement("понятно, а где он?")
    assert names_the_hub("中心是做什么的")
    assert names_the_hub("what does the hub do")
    assert not names_the_hub("他们主要做什么")
    assert names_the_hub("офисингиз қаерда жойлашган?")  # Uzbek: where is your office?


def test_prices_question_words_and_the_services_word():
    assert asks_for_prices("пришлите прайс на аренду офисов")
    assert asks_for_prices("什么价格")
    assert not asks_for_prices("priceless view")
    assert has_question_word("какая площадь")
    assert not has_question_word("Rahul Sharma")
    assert names_services("кызматтарыңыз тууралуу")
