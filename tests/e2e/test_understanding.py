"""Understanding realistic messages through the real stack: references back to shown
results, questions about the project just shown, one hub topic at a time, questions in
the middle of the lead form, language preferences and other Cyrillic-script languages.
"""

from __future__ import annotations

import json

import pytest

from tests.e2e.chat import Visitor, staff_leads

pytestmark = pytest.mark.e2e


def shown_project_ids(messages: list[dict]) -> list[str]:
    """The projects of the result cards, in the order shown."""
    payloads = [b["payload"] for m in messages for b in m.get("buttons", [])]
    return [
        json.loads(payload[payload.index("{") :])["project"]
        for payload in payloads
        if payload.startswith("/project_details")
    ]


@pytest.mark.parametrize(
    ("language", "second_one"),
    [
        ("en", "the second one pls"),
        ("zh", "第二个详细介绍一下"),
        ("ru", "расскажите подробнее о втором"),
    ],
)
def test_a_reference_to_a_shown_result_opens_that_project(stack, language, second_one):
    visitor = Visitor(stack)
    visitor.texts("/greet", language=language)
    shown = shown_project_ids(visitor.say('/search_projects{"sector": "industrial_park"}'))
    assert len(shown) >= 2
    visitor.texts(second_one)
    assert visitor.slot("project") == shown[1]
    assert visitor.slot("language") == language


def test_a_question_right_after_a_project_is_about_that_project(stack):
    visitor = Visitor(stack)
    visitor.texts('/project_details{"project": "xinhong-medical-industry"}')
    answer = visitor.texts("how much is the investment?")
    assert "Investment in Xinhong Medical Industry Investment: not disclosed" in answer
    assert "42.7 billion yuan" in answer  # the figure the seeds give for its group
    assert "Qingdao's population" not in answer
    located = visitor.texts("where is it located?")
    assert "The sources do not say where in Qingdao Xinhong Medical Industry" in located
    assert "Status of Xinhong Medical Industry Investment" in visitor.texts("is it signed already?")
    status = visitor.say("what is its status?")
    buttons = [button["payload"] for message in status for button in message.get("buttons", [])]
    assert '/project_details{"project": "xinhong-medical-industry"}' in buttons
    answer = visitor.texts("who should I contact about this project?")
    assert "no contact person for Xinhong Medical Industry Investment" in answer
    assert "What is your name?" in visitor.texts("I'm interested in it, contact me pls")
    assert visitor.slot("discussed_projects") == ["xinhong-medical-industry"]


def test_a_hub_question_gets_that_topic_not_the_fact_sheet(stack):
    visitor = Visitor(stack)
    visitor.texts("/greet", language="en")
    answer = visitor.texts("what is the trade growth with ASEAN countries?")
    assert "ASEAN" in answer
    assert "population" not in answer and "Opening" not in answer
    summary = visitor.say("what is this hub?")
    assert len(summary[0]["text"].splitlines()) < 10
    assert {"title": "All facts", "payload": '/ask_hub_info{"topic": "fact_sheet"}'} in summary[0][
        "buttons"
    ]
    assert "Source: press release, " in visitor.texts('/ask_hub_info{"topic": "fact_sheet"}')


def test_a_question_in_the_middle_of_the_form_is_answered_and_not_stored(stack):
    visitor = Visitor(stack)
    visitor.texts("/greet", language="en")
    visitor.texts("/leave_contact")
    visitor.texts("Rahul Sharma")
    answer = visitor.texts("what about visas?")
    assert "Provided by" in answer  # the visa service
    assert "Which company or organisation do you represent?" in answer
    visitor.texts("Indus Agro Exports")
    visitor.texts("India")
    visitor.texts("rahul@example.in")
    visitor.texts("no")
    assert "Your request is registered" in visitor.texts("/affirm")
    lead = next(
        item
        for item in staff_leads(stack, page_size="500")
        if item["conversation_id"] == visitor.sender_id
    )
    assert lead["company"] == "Indus Agro Exports"
    assert lead["country_code"] == "IN"
    assert "visa" in lead["services"]


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("my English is not good, better Russian", "ru"),
        ("not English, Russian please", "ru"),
        ("不要英文，用中文吧", "zh"),
    ],
)
def test_a_language_request_honours_negation_and_preference(stack, message, language):
    visitor = Visitor(stack)
    visitor.texts("/greet", language="en")
    visitor.texts(message)
    assert visitor.slot("language") == language


@pytest.mark.parametrize(
    ("message", "language"),
    [("is there an interpreter?", "en"), ("переводчики есть?", "ru"), ("有翻译吗", "zh")],
)
def test_asking_for_an_interpreter_is_the_translation_service(stack, message, language):
    visitor = Visitor(stack)
    visitor.texts("/greet", language=language)
    visitor.texts(message)
    assert visitor.slot("language") == language
    assert "translation" in (visitor.slot("discussed_services") or [])


@pytest.mark.parametrize(
    "message",
    [
        "Сәлеметсіз бе, қандай инвестициялық жобалар бар?",  # Kazakh
        "Саламатсызбы, кандай инвестициялык долбоорлор бар?",  # Kyrgyz
        "Добры дзень, якія інвестыцыйныя праекты ў вас ёсць?",  # Belarusian
    ],
)
def test_other_cyrillic_languages_are_understood_and_answered_in_russian(stack, message):
    visitor = Visitor(stack)
    answer = visitor.texts(message)
    assert visitor.slot("language") == "ru"
    assert "Найдено проектов" in answer


# --- Issue 20: short forms, two requests in one message, other languages and scripts ---


@pytest.mark.parametrize(
    ("language", "message", "services"),
    [
        ("ru", "нужен юрист и бух", {"legal", "accounting"}),
        ("en", "we need a lawyer and an auditor", {"legal", "audit"}),
        ("zh", "我们想找律师和会计", {"legal", "accounting"}),
    ],
)
def test_two_services_in_one_message_are_both_answered(stack, language, message, services):
    visitor = Visitor(stack)
    visitor.texts("/greet", language=language)
    visitor.texts(message)
    assert services <= set(visitor.slot("discussed_services") or [])
    assert visitor.slot("language") == language


@pytest.mark.parametrize(
    "second_one",
    [
        "екіншісі туралы айтып беріңізші",  # Kazakh
        "иккинчиси ҳақида гапириб беринг",  # Uzbek
        "экинчисин толугураак айтып бериңизчи",  # Kyrgyz
    ],
)
def test_the_second_one_in_kazakh_kyrgyz_or_uzbek_opens_that_project(stack, second_one):
    visitor = Visitor(stack)
    visitor.texts("/greet", language="ru")
    shown = shown_project_ids(visitor.say('/search_projects{"sector": "infrastructure"}'))
    assert len(shown) >= 2
    visitor.texts(second_one)
    assert visitor.slot("project") == shown[1]
    assert visitor.slot("language") == "ru"


@pytest.mark.parametrize(
    ("before", "message", "after"),
    [
        ("en", "орысша жауап беріңізші", "ru"),
        ("ru", "switch на english плиз", "en"),
        ("en", "english is hard for me, russian would be better", "ru"),
        ("ru", "inglizcha yozing iltimos", "en"),
    ],
)
def test_a_language_request_in_other_words_switches(stack, before, message, after):
    visitor = Visitor(stack)
    visitor.texts("/greet", language=before)
    answer = visitor.texts(message)
    assert visitor.slot("language") == after
    assert {"en": "continue in English", "ru": "продолжим на русском"}[after] in answer


@pytest.mark.parametrize(
    "message",
    [
        "Salom, logistika bo'yicha loyihalar bormi?",  # Uzbek, Latin letters
        "Sälem, qandai jobalar bar?",  # Kazakh, Latin letters
    ],
)
def test_uzbek_and_kazakh_in_latin_letters_are_answered_in_russian(stack, message):
    visitor = Visitor(stack)
    messages = visitor.say(message)
    answer = "\n".join(m.get("text") or "" for m in messages)
    assert visitor.slot("language") == "ru"
    assert shown_project_ids(messages)  # a search, not a refusal or "outside what I know"
    assert "продолжить на английском" in answer
    assert "продолжить на английском" not in visitor.texts("Rahmat, ikkinchisi haqida-chi?")


@pytest.mark.parametrize(
    ("search", "second_one"),
    [
        ("Assalomu alaykum, infratuzilma loyihalari bormi?", "ikkinchisi haqida batafsil ayting"),
        ("Sälemetsız be, infraqūrylym jobalary bar ma?", "ekınşısı turaly aityp berıñızşı"),
    ],
)
def test_a_latin_script_conversation_follows_the_list_it_was_shown(stack, search, second_one):
    visitor = Visitor(stack)
    shown = shown_project_ids(visitor.say(search))
    assert len(shown) >= 2
    visitor.texts(second_one)
    assert visitor.slot("project") == shown[1]
    assert visitor.slot("language") == "ru"
