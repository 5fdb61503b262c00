"""Every fact the bot states from the seeds names its source in words, in the visitor's language.

The hub's figures (each topic and the fact sheet), its summary, a project's details and short
answers, project search results, services and contacts, in English, Chinese and Russian: the
answer names the press release by its date and title, never by a file name; an answer of
several messages names it once.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

#: How each language names a press release (the catalogue's ``text.press_release``).
PRESS_RELEASE = {
    "en": re.compile(r"Press release of \d{1,2} \w+ 2021: \S"),
    "zh": re.compile(r"2021年\d{1,2}月\d{1,2}日新闻稿：\S"),
    "ru": re.compile(r"Пресс-релиз от \d{1,2} \w+ 2021\s?г?\.?: \S"),
}
FILE_NAME = re.compile(r"\.txt\b|\b\d{3}_[0-9a-f]{16}\b")
QUESTIONS = (
    '/ask_hub_info{"topic": "investment"}',
    '/ask_hub_info{"topic": "trade"}',
    '/ask_hub_info{"topic": "location"}',
    '/ask_hub_info{"topic": "events"}',
    '/ask_hub_info{"topic": "fact_sheet"}',
    '/project_details{"project": "medical-logistics-park"}',
)


#: The frame of the one source line of an answer (``utter_source`` and the one-message answers).
SOURCE_LINE = {"en": "Source: ", "zh": "来源：", "ru": "Источник: "}
#: The dates of the two press releases, as each language writes them.
FIRST, SECOND = "first", "second"
RELEASE_DATE = {
    "en": {FIRST: "20 April 2021", SECOND: "25 September 2021"},
    "zh": {FIRST: "2021年4月20日", SECOND: "2021年9月25日"},
    "ru": {FIRST: "20 апреля 2021", SECOND: "25 сентября 2021"},
}
#: Questions answered with one source line, and the press releases that line must name.
ONE_LINE_QUESTIONS = (
    ("/ask_hub_info", (FIRST, SECOND)),
    ("/ask_service", (FIRST, SECOND)),
    ('/ask_service{"service": "visa"}', (FIRST,)),
    ('/ask_service{"service": "hr"}', (SECOND,)),
    ("/ask_contact", (FIRST, SECOND)),
    ('/search_projects{"sector": "medical"}', (FIRST, SECOND)),
)
#: Where a project is and how far it has got: no button asks this, so visitors type it.
PROJECT_TOPIC_QUESTIONS = {
    "en": (
        "where is the medical logistics park located?",
        "what is the status of the medical logistics park?",
    ),
    "zh": ("医药物流产业园在哪里？", "医药物流产业园现在进展如何？"),
    "ru": (
        "где находится медицинский логистический парк?",
        "на какой стадии медицинский логистический парк?",
    ),
}


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_facts_name_their_press_release(stack, language: str) -> None:
    visitor = Visitor(stack, f"sources-{language}")
    visitor.texts("/greet", language=language)
    for question in QUESTIONS:
        answer = visitor.texts(question, language=language)
        assert PRESS_RELEASE[language].search(answer), (question, answer)
        assert not FILE_NAME.search(answer), (question, answer)


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_services_contacts_and_the_summary_name_their_press_release_once(
    stack, language: str
) -> None:
    visitor = Visitor(stack, f"sources-once-{language}")
    visitor.texts("/greet", language=language)
    topic_questions = [(text, (FIRST, SECOND)) for text in PROJECT_TOPIC_QUESTIONS[language]]
    for question, releases in [*ONE_LINE_QUESTIONS, *topic_questions]:
        answer = visitor.texts(question, language=language)
        source_lines = [
            line for line in answer.splitlines() if line.startswith(SOURCE_LINE[language])
        ]
        assert len(source_lines) == 1, (question, answer)
        assert PRESS_RELEASE[language].search(source_lines[0]), (question, answer)
        for release, date in RELEASE_DATE[language].items():
            assert (date in source_lines[0]) == (release in releases), (question, answer)
        assert not FILE_NAME.search(answer), (question, answer)
