"""`actions.hub_events`: which of the hub's events a question is about."""

from __future__ import annotations

import pytest

from actions.catalogue_types import HubEvent
from actions.hub_events import best_events, events_discussed, months_named, years_named

OPENING = HubEvent("29 June 2020", "Opening conference", date="2020-06-29")
VISITING = HubEvent("June 2021", "Central SOEs Visiting Qingdao", date="2021-06")
SCODA = HubEvent("20 July 2021", "Six central SOEs visit SCODA", date="2021-07-20")
EVENTS = [OPENING, VISITING, SCODA]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("летом 21го к вам приезжали", {"2021"}),
        ("в 20-м году", {"2020"}),
        ("summer '21", {"2021"}),
        ("21年夏天", {"2021"}),
        ("in July 2021", {"2021"}),
        ("у меня 21 вопрос", set()),
        ("21 июля", set()),
    ],
)
def test_years_are_read_in_four_digits_and_in_two(text: str, years: set[str]) -> None:
    assert years_named(text) == years


def test_a_season_names_its_three_months() -> None:
    assert months_named("летом") == {"06", "07", "08"}
    assert months_named("去年夏天") == {"06", "07", "08"}
    assert months_named("кийин өзүм жазам") == set()


def test_a_season_dates_every_event_in_it() -> None:
    found, sureness = best_events("слышал летом 21го к вам госкомпании приезжали, кто", EVENTS)
    assert found == [VISITING, SCODA]
    assert sureness >= 2


def test_a_word_of_several_titles_names_none_of_them() -> None:
    assert best_events("how many central SOEs took part", EVENTS) == ([], 0)
    assert best_events("the SCODA one", EVENTS) == ([SCODA], 1)


def test_a_follow_up_stays_on_the_event_the_surest_question_named() -> None:
    questions = [
        "who came in July 2021?",
        "and the SCODA, what is it",
        "date?",
    ]
    assert events_discussed(questions, EVENTS) == [SCODA]
    assert events_discussed(["hello", "date?"], EVENTS) == []


def test_a_company_word_names_no_event() -> None:
    unveiled = HubEvent("June 2021", "Hub development company unveiled", date="2021-06")
    assert best_events("did any big state companies visit recently", [*EVENTS, unveiled]) == (
        [],
        0,
    )


def test_a_number_word_names_the_event_whose_title_holds_it_inflected() -> None:
    six = HubEvent("20 July 2021", "Шесть центральных госпредприятий посетили SCODA")
    found, _ = best_events("а что за визит шести госкомпаний был?", [six])
    assert found == [six]
