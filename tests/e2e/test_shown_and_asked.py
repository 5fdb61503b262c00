"""Whole conversations (issue 20), the classes of the twelfth blind set, end to end.

a. "the other one" after one of two projects just shown is the other;
b. a description of one of a list just shown is that project, however the message reads;
c. one of a project's topics asked with its own sector ("where will the headquarters be?")
   is about that project, not a search or a question outside the bot's field;
d. a messenger asked for is answered honestly, and starts no lead form;
e. "those two companies" after the hub's story are its two companies;
f. Mongolian gets, in Russian, which languages the assistant speaks.
Every visitor's wording here is this file's own.
"""

from __future__ import annotations

import pytest

from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

MEDICAL = {"en": "medical projects?", "zh": "医疗方面有什么项目", "ru": "что по медицине есть?"}
SECOND = {"en": "2nd", "zh": "第二个", "ru": "второй"}


@pytest.mark.parametrize(
    ("language", "other"),
    [("en", "what about the other?"), ("zh", "另一个呢"), ("ru", "а другой?")],
)
def test_the_other_of_two_shown_is_the_one_not_talked_about(stack, language, other):
    visitor = Visitor(stack)
    visitor.texts(MEDICAL[language])
    shown = visitor.slot("shown_projects")
    assert len(shown) == 2, shown
    visitor.texts(SECOND[language])
    assert visitor.slot("project") == shown[1]
    visitor.texts(other)
    assert visitor.slot("project") == shown[0]


@pytest.mark.parametrize(
    ("language", "search", "described"),
    [
        ("en", "infrastructure projects pls", "ok and that one near the river?"),
        ("ru", "какие проекты по инфраструктуре?", "а тот, что у реки?"),
    ],
)
def test_a_description_of_a_listed_project_is_that_project(stack, language, search, described):
    visitor = Visitor(stack)
    visitor.texts(search)
    visitor.texts(described)
    assert visitor.slot("project") == "xiushui-river-city-industry"


@pytest.mark.parametrize(
    ("language", "named", "asked", "name", "listed"),
    [
        ("en", "China MCC17 Group Regional Headquarters", "where will the headquarters be?",
         "China MCC17", "Projects for"),
        ("zh", "中国十七冶集团区域总部", "总部会设在哪里？", "十七冶", "共找到"),
        ("ru", "региональная штаб-квартира China MCC17", "где будет штаб-квартира?",
         "China MCC17", "найдено проектов"),
    ],
)  # fmt: skip
def test_a_topic_asked_with_the_projects_own_sector_is_about_it(
    stack, language, named, asked, name, listed
):
    visitor = Visitor(stack)
    visitor.texts(named)
    assert visitor.slot("project") == "mcc17-regional-hq"
    reply = visitor.texts(asked)
    assert name in reply and listed not in reply, reply


@pytest.mark.parametrize(
    ("language", "asked", "messenger"),
    [
        ("en", "u have wechat? add me", "WeChat"),
        ("zh", "你们有微信号吗 加一下", "微信"),
        ("ru", "есть телеграм? добавьте меня", "Telegram"),
    ],
)
def test_a_messenger_asked_for_is_answered_and_starts_no_form(stack, language, asked, messenger):
    visitor = Visitor(stack)
    reply = visitor.texts(asked)
    assert messenger in reply, reply
    assert visitor.slot("requested_slot") is None


@pytest.mark.parametrize(
    ("language", "story", "companies", "named"),
    [
        ("en", "what happened after the hub opened?", "what are those two companies called?",
         "Human Resources"),
        ("zh", "中心成立以后有什么进展", "那两家公司叫什么", "人力资源"),
        ("ru", "что было после открытия центра?", "как называются эти две компании?",
         "кадровая компания"),
    ],
)  # fmt: skip
def test_the_two_companies_after_the_hubs_story_are_its_own(
    stack, language, story, companies, named
):
    visitor = Visitor(stack)
    visitor.texts(story)
    assert named in visitor.texts(companies)


def test_mongolian_is_told_in_russian_which_languages_are_spoken(stack):
    visitor = Visitor(stack)
    reply = visitor.texts("Сайн байна уу, хөрөнгө оруулалтын төслүүд байна уу?")
    assert "говорю только на английском" in reply, reply
