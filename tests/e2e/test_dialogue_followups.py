"""Whole conversations that go right (issue 20): follow-ups, changes of mind, honest answers.

One test per error class and language (en, zh, ru), over the REST channel of a real stack:
1. a visitor who wants out of the lead form gets out, in their own words, and nothing is
   stored; 2. a follow-up about the hub answers from the hub's facts, with the source;
3. a short follow-up after a project's details is about that project, and interest starts
the lead form with it; 7. a question in the middle of the form gets its answer, then the
form asks again; 8. asking for a channel the hub does not offer gets an honest answer and
the channels that exist, never the lead form. Then service answers and rough wording.
"""

from __future__ import annotations

import pytest

from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

PLAZA = '/project_details{"project": "sco-plaza-area"}'
#: The form's first question, per language, with and without the handoff's introduction.
NAME_QUESTION = {"en": "What is your name?", "zh": "怎么称呼", "ru": "Как вас зовут?"}
NOT_STORED = {"en": "not stored your details", "zh": "没有保存", "ru": "не сохранил"}


def assert_left_the_form(visitor: Visitor, reply: str, language: str) -> None:
    assert NOT_STORED[language] in reply, reply
    tracker = visitor.tracker()
    assert tracker["active_loop"] in ({}, None) or not tracker["active_loop"].get("name")
    for slot in ("lead_name", "lead_company", "lead_country", "lead_contact", "lead_id"):
        assert tracker["slots"].get(slot) is None, slot


# --- 1. Changing one's mind in the lead form ---------------------------------------------


def test_en_never_mind_leaves_the_form_and_bye_is_not_a_company(stack):
    visitor = Visitor(stack)
    assert NAME_QUESTION["en"] in visitor.texts("I want to leave my contact details")
    assert "Which company" in visitor.texts("Anna Lee")
    assert_left_the_form(visitor, visitor.texts("never mind, maybe later"), "en")
    assert "Goodbye" in visitor.texts("thanks, bye")


def test_en_bye_at_the_name_question_is_not_a_name(stack):
    visitor = Visitor(stack)
    visitor.texts("I want to leave my contact details")
    assert_left_the_form(visitor, visitor.texts("thanks, bye"), "en")


def test_zh_not_now_leaves_the_form(stack):
    visitor = Visitor(stack)
    assert NAME_QUESTION["zh"] in visitor.texts("我想留下联系方式")
    assert_left_the_form(visitor, visitor.texts("先不填了，以后再说"), "zh")


def test_ru_forget_it_leaves_the_form(stack):
    visitor = Visitor(stack)
    assert NAME_QUESTION["ru"] in visitor.texts("хочу оставить контакты")
    assert "компанию" in visitor.texts("Иван")
    assert_left_the_form(visitor, visitor.texts("забудьте, не надо сейчас"), "ru")


@pytest.mark.parametrize(
    ("language", "start", "answer", "out"),
    [
        ("en", "I want to leave my contact details", "Anna Lee", "let me think about it first"),
        ("zh", "我想留下联系方式", "李伟", "我先想想"),
        ("ru", "хочу оставить контакты", "Иван", "я подумаю"),
    ],
)
def test_thinking_it_over_leaves_the_form(stack, language, start, answer, out):
    visitor = Visitor(stack)
    visitor.texts(start)
    visitor.texts(answer)
    assert_left_the_form(visitor, visitor.texts(out), language)


# --- 2. Follow-ups about the hub's own facts ---------------------------------------------


def test_en_follow_ups_about_the_hub_answer_from_its_facts(stack):
    visitor = Visitor(stack)
    visitor.texts("tell me about the hub")
    answer = visitor.texts("and a year later?")
    assert "Goodbye" not in answer
    assert "2021" in answer and "Source" in answer, answer
    answer = visitor.texts("where do these figures come from?")
    assert "Here is what I can help with" not in answer
    assert "press release" in answer.lower() and "Source" in answer, answer


def test_zh_when_did_it_open_after_the_hub(stack):
    visitor = Visitor(stack)
    visitor.texts("中心是做什么的")
    answer = visitor.texts("它是哪年开的？")
    assert "您想了解哪个项目" not in answer
    assert "2020" in answer and "来源" in answer, answer


def test_ru_follow_ups_about_the_hub_answer_from_its_facts(stack):
    visitor = Visitor(stack)
    visitor.texts("расскажите о центре")
    answer = visitor.texts("а через год?")
    assert "не совсем понял" not in answer
    assert "2021" in answer and "Источник" in answer, answer
    answer = visitor.texts("откуда эти цифры?")
    assert "пресс-релиз" in answer and "Источник" in answer, answer


@pytest.mark.parametrize(
    ("start", "question", "expected"),
    [
        ("中心是做什么的", "信息来源？", "新闻稿"),
        (PLAZA, "where does this come from?", "What I said about SCO Plaza Area comes from"),
        (PLAZA, "а где это всё взято?", "взяты из пресс-релизов"),
    ],
)
def test_where_the_facts_just_given_come_from(stack, start, question, expected):
    visitor = Visitor(stack)
    visitor.texts(start)
    answer = visitor.texts(question)
    assert expected in answer, answer


# --- 3. Short follow-ups and interest about the project just shown ----------------------


def test_en_short_follow_ups_after_a_project_shown_by_position(stack):
    visitor = Visitor(stack)
    visitor.texts("show me infrastructure projects")
    name = "Shoucheng Holdings Park Infrastructure Cooperation"
    assert name in visitor.texts("the second one")
    answer = visitor.texts("price?")
    assert f"Investment in {name}" in answer, answer
    assert NAME_QUESTION["en"] in visitor.texts("we want to join this project")
    assert "shoucheng-park-infrastructure" in visitor.slot("discussed_projects")


def test_zh_interest_in_the_project_just_shown_starts_the_form(stack):
    visitor = Visitor(stack)
    visitor.texts(PLAZA)
    answer = visitor.texts("价格？")
    assert "上合广场片区项目的投资额" in answer, answer
    assert NAME_QUESTION["zh"] in visitor.texts("我们想参与这个项目")
    assert visitor.slot("discussed_projects") == ["sco-plaza-area"]


def test_ru_price_after_a_project_is_its_investment(stack):
    visitor = Visitor(stack)
    visitor.texts(PLAZA)
    answer = visitor.texts("цена?")
    assert "Инвестиции в проект «Район площади ШОС»" in answer, answer
    assert NAME_QUESTION["ru"] in visitor.texts("мы хотим участвовать в этом проекте")
    assert visitor.slot("discussed_projects") == ["sco-plaza-area"]


@pytest.mark.parametrize(
    ("language", "interest"),
    [("en", "ok we are interested"), ("zh", "好的，我们有兴趣"), ("ru", "нам интересно")],
)
def test_interest_in_the_project_shown_starts_the_form(stack, language, interest):
    visitor = Visitor(stack)
    visitor.texts("/greet", language=language)
    visitor.texts('/project_details{"project": "medical-logistics-park"}')
    assert NAME_QUESTION[language] in visitor.texts(interest)
    assert visitor.slot("discussed_projects") == ["medical-logistics-park"]


# --- 7. A question in the middle of the form ----------------------------------------------


def test_en_investment_question_mid_form(stack):
    visitor = Visitor(stack)
    visitor.texts("I want to leave my contact details")
    answer = visitor.texts("how much is the Pingdu project?")
    assert "Investment in Pingdu New Economy Industrial City: not disclosed" in answer
    assert answer.rstrip().endswith(NAME_QUESTION["en"]), answer


def test_ru_investment_question_mid_form(stack):
    visitor = Visitor(stack)
    visitor.texts("хочу оставить контакты")
    answer = visitor.texts("а какой объём инвестиций у проекта в Пинду?")
    assert "Инвестиции в проект «Промышленный город новой экономики Пинду»" in answer, answer
    assert answer.rstrip().endswith(NAME_QUESTION["ru"]), answer


def test_zh_investment_question_mid_form(stack):
    visitor = Visitor(stack)
    visitor.texts("我想留下联系方式")
    answer = visitor.texts("平度那个项目投资多少？")
    assert "您想了解哪个项目" not in answer
    assert "的投资额：" in answer and "平度" in answer, answer
    assert NAME_QUESTION["zh"] in answer.splitlines()[-1], answer


@pytest.mark.parametrize(
    ("language", "start", "question", "expected"),
    [
        ("zh", "我想留下联系方式", "胶州的项目在哪里？", "所在区域：胶州"),
        ("ru", "хочу оставить контакты", "а где находится проект в Цзяочжоу?", "Район проекта «"),
    ],
)
def test_where_a_districts_project_is_mid_form(stack, language, start, question, expected):
    visitor = Visitor(stack)
    visitor.texts(start)
    answer = visitor.texts(question)
    assert expected in answer, answer
    assert NAME_QUESTION[language] in answer.splitlines()[-1], answer


# --- 8. Asking for what the hub does not offer -------------------------------------------


@pytest.mark.parametrize(
    ("language", "question", "honest", "bye"),
    [
        ("en", "can I reach you on WhatsApp?", "WhatsApp", "ok bye"),
        ("zh", "可以用WhatsApp联系你们吗？", "WhatsApp", "再见"),
        ("ru", "можно написать вам в телеграм?", "Telegram", "пока"),
        ("ru", "напишите мне в телеграм", "Telegram", "пока"),
    ],
)
def test_a_messenger_the_hub_does_not_use(stack, language, question, honest, bye):
    visitor = Visitor(stack)
    answer = visitor.texts(question)
    first = answer.splitlines()[0]
    assert honest in first, answer
    assert NAME_QUESTION[language] not in answer
    visitor.texts(bye)
    assert visitor.slot("lead_name") is None
    assert not (visitor.tracker().get("active_loop") or {}).get("name")


# --- Answers a visitor can use ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "cannot_say"),
    [
        ("Do I need a visa?", "cannot tell"),
        ("мне нужна виза?", "не могу сказать"),
        ("我需要签证吗？", "无法告诉"),
    ],
)
def test_a_service_answer_says_what_exists_what_it_cannot_say_and_what_next(
    stack, question, cannot_say
):
    answer = Visitor(stack).texts(question)
    assert cannot_say in answer, answer
    assert "Visa services: Visa services" not in answer
    assert "Визовая поддержка: Визовая поддержка" not in answer
    assert "签证服务：签证服务" not in answer


def test_rough_wording_is_gone(stack):
    visitor = Visitor(stack)
    first = visitor.texts("hello")
    second = visitor.texts("hello")
    assert second != first and "Hello" in second
    answer = visitor.texts("show me medical projects")
    assert "(s)" not in answer
    details = visitor.texts(PLAZA)
    assert "\nDistrict: not disclosed\n" in details or "\nDistrict:" in details, details
    assert "Infrastructure District" not in details
    handoff = Visitor(stack).texts("I want to talk to a person")
    assert "I'll connect you" in handoff and "I'll pass your request" not in handoff


def test_russian_consent_button_is_not_masculine_only(stack):
    visitor = Visitor(stack)
    for text in ("хочу оставить контакты", "Иван", "нет", "Казахстан", "ivan@example.com"):
        visitor.texts(text)
    messages = visitor.say("проект")
    titles = [button["title"] for message in messages for button in message.get("buttons", [])]
    assert "Да, согласен" not in titles and "Да, даю согласие" in titles, titles
