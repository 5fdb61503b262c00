"""Every fact the bot states from the seeds names its source in words, in the visitor's language.

The hub's figures (each topic and the fact sheet), its summary, a project's details and short
answers, project search results, services and contacts, in English, Chinese and Russian: the
answer names the press release in one short line, by its date, never by a file name or its
long title; an answer of several messages names it once, in its last message.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

#: How each language names a press release (the catalogue's ``text.press_release``).
PRESS_RELEASE = {
    "en": re.compile(r"press release, \d{1,2} [A-Z][a-z]{2} 2021"),
    "zh": re.compile(r"新闻稿，2021年\d{1,2}月\d{1,2}日"),
    "ru": re.compile(r"пресс-релиз от \d{2}\.\d{2}\.2021"),
}
#: Words of the releases' long titles, which the answers no longer carry (the Sources page does).
LONG_TITLE_WORDS = re.compile(r"Recruits Customers Online|Six Groups of Guests")
#: The longest a source line may be: two releases' labels and the frame.
MAX_SOURCE_LINE_CHARS = 70
FILE_NAME = re.compile(r"\.txt\b|\b\d{3}_[0-9a-f]{16}\b")
QUESTIONS = (
    '/ask_hub_info{"topic": "investment"}',
    '/ask_hub_info{"topic": "trade"}',
    '/ask_hub_info{"topic": "location"}',
    '/ask_hub_info{"topic": "events"}',
    '/ask_hub_info{"topic": "fact_sheet"}',
    '/project_details{"project": "medical-logistics-park"}',
)


#: The frame of the one source line of an answer, at the end of its last message.
SOURCE_LINE = {"en": "Source: ", "zh": "来源：", "ru": "Источник: "}
#: The dates of the two press releases, as each language writes them.
FIRST, SECOND = "first", "second"
RELEASE_DATE = {
    "en": {FIRST: "20 Apr 2021", SECOND: "25 Sep 2021"},
    "zh": {FIRST: "2021年4月20日", SECOND: "2021年9月25日"},
    "ru": {FIRST: "20.04.2021", SECOND: "25.09.2021"},
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
        messages = visitor.say(question, language=language)
        answer = "\n".join(m.get("text", "") for m in messages)
        last_text = [m["text"] for m in messages if m.get("text")][-1]
        source_lines = [
            line for line in answer.splitlines() if line.startswith(SOURCE_LINE[language])
        ]
        assert len(source_lines) == 1, (question, answer)
        assert source_lines[0] in last_text, ("not in the answer's last message", question, answer)
        assert PRESS_RELEASE[language].search(source_lines[0]), (question, answer)
        assert len(source_lines[0]) <= MAX_SOURCE_LINE_CHARS, (question, answer)
        assert not LONG_TITLE_WORDS.search(answer), (question, answer)
        for release, date in RELEASE_DATE[language].items():
            assert (date in source_lines[0]) == (release in releases), (question, answer)
        assert not FILE_NAME.search(answer), (question, answer)
