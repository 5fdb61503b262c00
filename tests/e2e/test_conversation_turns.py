"""Whole conversations (issue 20), the classes of the second blind set, end to end.

g. a greeting that already asks for projects gets them, after a short hello;
h. "all projects" after a filtered search drops the filters;
i. a service the hub does not list is named in the answer;
j. trade figures asked for one country: none are published for a single country;
k. a position beyond the cards shown is a position in the whole list;
l. two words of leaving end the lead form, and a goodbye in it gets a goodbye;
m. "source?" about the hub names the press releases;
n. a wish to be contacted together with a position starts the lead form.
Every visitor's wording here is this file's own.
"""

from __future__ import annotations

import pytest

from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

NAME_QUESTION = {"en": "What is your name?", "zh": "怎么称呼", "ru": "Как вас зовут?"}


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        ("good afternoon! we export tea, what do you have in logistics?", "Cold Chain",
         "I can tell you about"),
        ("您好！我们是做医药的，有医疗项目吗", "Xinhong", "我可以为您介绍"),
        ("здравствуйте, мы из Бишкека, что у вас по логистике?", "холодовой цепи",
         "Я расскажу"),
    ],
)  # fmt: skip
def test_a_greeting_that_asks_for_projects_gets_them(stack, text, expected, not_expected):
    answer = Visitor(stack).texts(text)
    assert expected in answer and not_expected not in answer, answer


@pytest.mark.parametrize(
    ("search", "everything"),
    [
        ("projects in Pingdu?", "ok, and show me all the projects"),
        ("平度有什么项目", "把全部项目都给我看看"),
        ("что есть в Пинду?", "а покажите все проекты"),
    ],
)
def test_all_projects_after_a_filtered_search_drops_the_filter(stack, search, everything):
    visitor = Visitor(stack)
    visitor.texts(search)
    assert visitor.slot("district") == "pingdu"
    visitor.texts(everything)
    assert visitor.slot("district") is None
    assert len(visitor.slot("shown_projects")) > 1


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("do you help with translation?", "translation"),
        ("能帮忙办银行开户吗", "银行"),
        ("а с налогами поможете?", "Налог"),
    ],
)
def test_a_service_the_hub_does_not_list_is_named(stack, text, named):
    answer = Visitor(stack).texts(text)
    assert named in answer, answer


@pytest.mark.parametrize(
    ("language", "country", "expected"),
    [
        ("en", "and with Turkmenistan specifically?", "for a single country are not published"),
        ("zh", "那跟塔吉克斯坦的贸易呢", "没有单独公布"),
        ("ru", "а торговля с Беларусью конкретно?", "нет данных о торговле с отдельной страной"),
    ],
)
def test_trade_with_one_country_says_none_are_published(stack, language, country, expected):
    visitor = Visitor(stack)
    visitor.texts('/ask_hub_info{"topic": "trade"}', language=language)
    answer = visitor.texts(country)
    assert expected in answer, answer


@pytest.mark.parametrize(
    ("language", "position"),
    [("en", "the fourth one please"), ("zh", "第四个"), ("ru", "расскажите про четвёртый")],
)
def test_a_position_beyond_the_cards_is_one_of_the_whole_list(stack, language, position):
    visitor = Visitor(stack)
    visitor.texts("/search_projects", language=language)
    assert len(visitor.slot("shown_projects")) == 3
    visitor.texts(position)
    assert visitor.slot("project") not in (None, *visitor.slot("shown_projects"))


def test_four_results_are_shown_on_one_page(stack):
    visitor = Visitor(stack)
    visitor.texts('/search_projects{"sector": "infrastructure"}')
    assert len(visitor.slot("shown_projects")) == 4
    assert "last of the matching projects" in visitor.texts("show more")


@pytest.mark.parametrize(
    ("start", "leaving", "expected"),
    [
        ("please have someone contact me", "forget it, maybe some other time", "any time"),
        ("хочу оставить контакты", "не сейчас, потом как-нибудь", "в любое время"),
        ("менімен байланысыңыз", "керек емес, кейінірек", "не сохранил"),
        ("can someone contact me", "thanks, bye for now", "Goodbye"),
    ],
)
def test_leaving_the_form_in_ones_own_words(stack, start, leaving, expected):
    visitor = Visitor(stack)
    visitor.texts(start)
    assert visitor.slot("requested_slot") == "lead_name"
    answer = visitor.texts(leaving)
    assert expected in answer and visitor.slot("requested_slot") is None, answer


@pytest.mark.parametrize(
    ("language", "question", "expected"),
    [
        ("en", "what is the source of all this?", "Recruits Customers Online"),
        ("zh", "这些数据出自哪里？", "2021年4月20日"),
        ("ru", "откуда эта информация?", "20 апреля 2021"),
    ],
)
def test_the_hubs_sources_name_the_press_releases(stack, language, question, expected):
    visitor = Visitor(stack)
    visitor.texts("/ask_hub_info", language=language)
    answer = visitor.texts(question)
    assert expected in answer, answer


@pytest.mark.parametrize(
    ("language", "search", "contact"),
    [
        ("en", "medical projects?", "the second looks right for us, please call me"),
        ("zh", "有医疗项目吗", "第二个合适，给我打电话吧"),
        ("ru", "медицинские проекты есть?", "второй подходит, перезвоните мне"),
    ],
)
def test_a_position_and_a_wish_to_be_called_start_the_form(stack, language, search, contact):
    visitor = Visitor(stack)
    visitor.texts(search)
    shown = visitor.slot("shown_projects")
    assert NAME_QUESTION[language] in visitor.texts(contact)
    assert visitor.slot("discussed_projects") == [shown[1]]
