"""`actions.hub_events`: which of the hub's events a question is about, and what it gets."""

from __future__ import annotations

import pytest

from actions.catalogue_types import HubEvent
from actions.hub import ActionShowHubInfo
from actions.hub_events import best_events, events_discussed, months_named, years_named
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    HUB_JSON,
    action_event,
    ask,
    entity,
    event_json,
    hub_json,
    responses_sent,
    user_event,
)

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


def test_a_year_alone_names_every_event_of_that_year() -> None:
    found, _ = best_events("i read some state companies visited in 2021, which ones?", EVENTS)
    assert found == [VISITING, SCODA]


def test_an_opening_word_names_the_opening_under_another_languages_title() -> None:
    opening = HubEvent("29 июня 2020 г.", "Открытие центра", date="2020-06-29")
    assert best_events("ашылу қашан болды?", [opening, VISITING])[0] == [opening]
    chinese = HubEvent("2020年6月29日", "中心开幕——线上招商推介会", date="2020-06-29")
    assert best_events("哪天开业的", [chinese, VISITING])[0] == [chinese]


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
    assert best_events("did any big state companies visit the hub", [*EVENTS, unveiled]) == (
        [],
        0,
    )


def test_central_enterprises_name_no_event() -> None:
    """Every event is about central enterprises: the opening stays the event talked about."""
    trip = HubEvent("2019", "Four-season trip of Qingdao for central enterprises", date="2019")
    events = [trip, *EVENTS]
    assert best_events("how many central enterprises took part", events) == ([], 0)
    questions = ["who was at the opening conference?", "how many central enterprises took part"]
    assert events_discussed([*questions, "name a few of them"], events) == [OPENING]


def test_a_number_word_names_the_event_whose_title_holds_it_inflected() -> None:
    six = HubEvent("20 July 2021", "Шесть центральных госпредприятий посетили SCODA")
    found, _ = best_events("а что за визит шести госкомпаний был?", [six])
    assert found == [six]


# --- The hub's answer to a question about its events ------------------------------------

HUB_WITH_EVENTS = hub_json(
    events=[
        event_json("opening-conference-2020", "29 June 2020", "Opening conference"),
        event_json(
            "soes-visiting-qingdao-2021", "June 2021", "SOEs Visiting Qingdao", date="2021-06"
        ),
        event_json(
            "six-central-soes-visit-2021",
            "20 July 2021",
            "Six central SOEs visit the zone",
            date="2021-07-20",
            summary="Guests from six central SOEs came; a fund was agreed.",
        ),
    ]
)


def test_a_question_that_dates_an_event_gets_what_happened_there(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_WITH_EVENTS)
    for text, topics in (
        ("which firms dropped by in July 2021?", []),
        ("2021年7月有哪些企业来访？", ["events"]),
        ("кто приезжал в июле 2021?", []),
    ):
        messages, _ = ask(
            ActionShowHubInfo(),
            intent="ask_hub_info",
            text=text,
            entities=[entity("topic", t) for t in topics],
        )
        assert responses_sent(messages) == ["utter_hub_events"], text
        assert messages[0]["events"] == "• 20 July 2021: Six central SOEs visit the zone", text
        assert messages[0]["figures"] == "Guests from six central SOEs came; a fund was agreed."


def test_a_follow_up_without_a_topic_after_one_event_stays_on_it(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_WITH_EVENTS)
    shown = {"event": "bot", "metadata": {"utter_action": "utter_hub_events"}}
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="and what came out of it?",
        slots={"subject": "hub"},
        events=[
            user_event("who turned up in July 2021?", "ask_hub_info"),
            shown,
            action_event("action_listen"),
        ],
    )
    assert messages[0]["figures"] == "Guests from six central SOEs came; a fund was agreed."


@pytest.mark.parametrize("text", ["was it in person?", "это было очно?", "是线下的吗"])
def test_whether_the_events_just_shown_were_on_site_gets_them_again(catalogue, text):
    """The events say which was online (issue 20: "was it in person?" got a hand-off)."""
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_WITH_EVENTS)
    shown = {"event": "bot", "metadata": {"utter_action": "utter_hub_events"}}
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text=text,
        slots={"subject": "hub"},
        events=[user_event("when did the hub open?", "ask_hub_info"), shown],
    )
    assert responses_sent(messages) == ["utter_hub_events"]


def test_a_count_asked_about_the_opening_event_gets_the_openings_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json={**HUB_JSON, "events": HUB_WITH_EVENTS["events"]})
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="开幕那天一共签了多少个？",
        entities=[entity("topic", "events"), entity("topic", "status")],
    )
    assert responses_sent(messages) == ["utter_hub_investment"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("下一次招商会什么时候开", "zh"), ("when is the next conference?", "en")],
)
def test_the_next_event_is_not_announced(catalogue, text, language):
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", "events")],
        slots={"language": language},
    )
    assert responses_sent(messages) == ["utter_hub_no_upcoming_events"]


def test_that_conference_is_the_opening_conference(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="who was at that conference?",
        entities=[entity("topic", "events")],
    )
    assert responses_sent(messages) == ["utter_hub_events"]
    assert messages[0]["figures"] == "An event of the hub."  # what happened there


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("date?", ["date"]),
        ("какого числа", ["date"]),
        ("кто участвовал", ["events"]),
        ("what they agreed on", ["events"]),
        ("нима бўйича келишишди?", ["events"]),
    ],
)
def test_a_date_or_who_took_part_right_after_an_event_is_about_that_event(catalogue, text, topics):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_WITH_EVENTS)
    shown = {"event": "bot", "metadata": {"utter_action": "utter_hub_events"}}
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", topic) for topic in topics],
        slots={"subject": "hub"},
        events=[user_event("who turned up in July 2021?", "ask_hub_info"), shown],
    )
    assert messages[0]["events"] == "• 20 July 2021: Six central SOEs visit the zone"


def test_a_season_gets_every_event_of_it(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_WITH_EVENTS)
    messages, _ = ask(
        ActionShowHubInfo(), intent="ask_hub_info", text="слышал летом 21го к вам приезжали, кто"
    )
    assert messages[0]["events"].splitlines() == [
        "• June 2021: SOEs Visiting Qingdao",
        "• 20 July 2021: Six central SOEs visit the zone",
    ]


def test_the_latest_event_is_the_one_asked_for_recently():
    from actions.catalogue_types import HubEvent
    from actions.hub_events import best_events

    events = [
        HubEvent("June 2021", "2021 SOEs Visiting Qingdao", date="2021-06"),
        HubEvent("20 July 2021", "Six central SOEs visit the SCODA", date="2021-07-20"),
        HubEvent("29 June 2020", "Opening of the hub", date="2020-06-29"),
    ]
    found, _ = best_events("did any big state companies visit the hub recently", events)
    assert [event.date for event in found] == ["2021-07-20"]
    found, _ = best_events("ёзда қайси давлат компаниялари ташриф буюрди?", events)
    assert {event.date for event in found} >= {"2021-07-20"}
