from __future__ import annotations

import pytest

from actions.contacts import ActionShowContacts
from actions.hub import ActionShowHubInfo
from actions.projects import ActionShowProject
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    FIRST_RELEASE,
    SECOND_RELEASE,
    action_event,
    entity,
    event_json,
    figure_json,
    hub_json,
    make_tracker,
    page_json,
    project_json,
    responses_sent,
    run_action,
    user_event,
)
from tests.actions.test_services import service_json


def test_contacts_come_one_card_each_with_the_apis_labels(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/contacts",
        json={"items": [CONTACT_JSON]},
    )
    messages, _ = run_action(ActionShowContacts(), make_tracker(intent="ask_contact"))
    assert responses_sent(messages) == [
        "utter_contacts_header",
        "utter_contact_card",
        "utter_contacts_footer_sourced",
    ]
    assert messages[1]["email"] == "hr@example.org (placeholder)"
    assert messages[1]["phone"] == "not disclosed"


HUB_JSON = hub_json(
    figures=[
        figure_json("opening_signed_projects", "Projects signed at the opening", "10"),
        figure_json(
            "opening_signed_investment",
            "Their total investment",
            "42.7 billion yuan",
            unit="billion yuan",
            unit_code="billion_cny",
        ),
        figure_json("qingdao_population", "Qingdao's population", "9.5 million", unit="people"),
    ],
    events=[event_json("opening-conference-2020", "29 June 2020", "Opening conference")],
)
CONTACT_JSON = {
    "id": "hr-company",
    "name": "Qingdao SCO Human Resources Co., Ltd.",
    "description": "HR services",
    "website": None,
    "email": "hr@example.org",
    "phone": None,
    "website_label": "not disclosed",
    "email_label": "hr@example.org (placeholder)",
    "phone_label": "not disclosed",
    "is_placeholder": True,
    "source": "001_0a785f59c5b8bd8c.txt",
    "source_label": SECOND_RELEASE,
}


def test_hub_info_without_a_topic_is_a_short_summary(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = run_action(ActionShowHubInfo(), make_tracker(intent="ask_hub_info"))
    assert responses_sent(messages) == ["utter_hub_summary"]
    assert messages[0]["summary"] == "A hub."
    assert messages[0]["source"] == f"{FIRST_RELEASE}; {SECOND_RELEASE}"


def test_the_fact_sheet_lists_figures_and_events(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    tracker = make_tracker(intent="ask_hub_info", entities=[entity("topic", "fact_sheet")])
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_info"]
    assert "• Their total investment: 42.7 billion yuan" in messages[0]["figures"]
    assert messages[0]["events"] == "• 29 June 2020: Opening conference"


def test_a_question_about_one_topic_gets_only_its_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    tracker = make_tracker(intent="ask_hub_info", entities=[entity("topic", "investment")])
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_investment"]
    assert messages[0]["source"] == "press release, 20 Apr 2021"
    assert messages[0]["source_releases"] == ["000_2cccb1eb8e631a90.txt"]
    assert messages[0]["figures"] == (
        "• Projects signed at the opening: 10\n• Their total investment: 42.7 billion yuan"
    )


def test_an_investment_question_right_after_a_project_is_about_that_project(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="ask_hub_info",
        text="how much is the investment?",
        entities=[entity("topic", "investment")],
        slots={"project": "sco-plaza-area"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_project_investment"]
    assert messages[0]["investment"] == "not disclosed"


def test_what_a_project_does_right_after_it_is_asked_about_that_project(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    tracker = make_tracker(
        intent="ask_hub_info",
        text="他们主要做什么",
        entities=[entity("topic", "profile")],
        slots={"project": "sco-plaza-area", "subject": "project"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]


def test_a_question_naming_the_hub_right_after_a_project_is_about_the_hub(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    tracker = make_tracker(
        intent="ask_hub_info",
        text="中心是做什么的",
        entities=[entity("topic", "profile")],
        slots={"project": "sco-plaza-area", "subject": "project"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_summary"]


def test_contacts_right_after_a_project_say_it_has_none_of_its_own(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON]})
    tracker = make_tracker(
        intent="ask_contact",
        text="who do I contact about it?",
        slots={"project": "sco-plaza-area"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowContacts(), tracker)
    assert responses_sent(messages)[:2] == ["utter_project_contact", "utter_contacts_header"]
    assert messages[0]["name"] == "SCO Plaza Area"


def test_contacts_name_their_press_releases_once(catalogue):
    first = {**CONTACT_JSON, "id": "scoda", "source_label": FIRST_RELEASE}
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON, first, CONTACT_JSON]})
    messages, _ = run_action(ActionShowContacts(), make_tracker(intent="ask_contact"))
    # Once, in the answer's last message: no message of its own.
    assert responses_sent(messages)[-1] == "utter_contacts_footer_sourced"
    assert [m.get("source") for m in messages].count(None) == len(messages) - 1
    assert messages[-1]["source"] == f"{SECOND_RELEASE}; {FIRST_RELEASE}"


# --- Issue 20, class c: a follow-up about one of the hub's figures gets that figure ------


def test_a_question_about_the_opening_gets_the_openings_counts_and_sums(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    for text, topics in (
        ("so how many deals were closed when it opened", ["status"]),
        ("开幕那天投资了多少", ["investment"]),
        ("что подписали на открытии?", []),
    ):
        tracker = make_tracker(
            intent="ask_hub_info", text=text, entities=[entity("topic", t) for t in topics]
        )
        messages, _ = run_action(ActionShowHubInfo(), tracker)
        assert responses_sent(messages) == ["utter_hub_investment"], text
        assert messages[0]["figures"] == (
            "• Projects signed at the opening: 10\n• Their total investment: 42.7 billion yuan"
        ), text


def test_a_year_alone_after_the_hub_gets_that_years_figures_only(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON_2021)
    for text in ("what about 2021 then?", "那2021年呢", "ну а 2021?"):
        tracker = make_tracker(intent="ask_hub_info", text=text, slots={"subject": "hub"})
        messages, _ = run_action(ActionShowHubInfo(), tracker)
        assert responses_sent(messages) == ["utter_hub_investment"], text
        assert "16" in messages[0]["figures"] and "10" not in messages[0]["figures"], text
        assert messages[0]["source"] == SECOND_RELEASE


def test_a_year_on_after_the_hub_gets_the_next_years_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON_2021)
    for text in ("and a yr later?", "过了一年以后呢", "а спустя год?"):
        tracker = make_tracker(intent="ask_hub_info", text=text, slots={"subject": "hub"})
        messages, _ = run_action(ActionShowHubInfo(), tracker)
        assert responses_sent(messages) == ["utter_hub_investment"], text
        assert "16" in messages[0]["figures"] and "10" not in messages[0]["figures"], text


@pytest.mark.parametrize(
    "text", ["what about trade with Kazakhstan?", "和伊朗的贸易增长多少", "а торговля с Россией?"]
)
def test_trade_with_one_country_says_there_are_no_such_figures_first(catalogue, text):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    tracker = make_tracker(intent="ask_hub_info", text=text, entities=[entity("topic", "trade")])
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_no_country_figures", "utter_hub_trade"]


def test_one_figure_of_qingdao_is_answered_alone(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    for text in ("how many people live in Qingdao", "青岛有多少人口", "сколько жителей в Циндао"):
        messages, _ = run_action(
            ActionShowHubInfo(), make_tracker(intent="ask_hub_info", text=text)
        )
        assert responses_sent(messages) == ["utter_hub_location"], text
        assert messages[0]["figures"] == "• Qingdao's population: 9.5 million", text


HUB_JSON_2021 = hub_json(
    figures=[
        *HUB_JSON["figures"],
        figure_json(
            "visiting_2021_projects",
            "Projects signed in June 2021",
            "16",
            source="001_0a785f59c5b8bd8c.txt",
            source_label=SECOND_RELEASE,
        ),
    ],
)


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
        tracker = make_tracker(
            intent="ask_hub_info", text=text, entities=[entity("topic", t) for t in topics]
        )
        messages, _ = run_action(ActionShowHubInfo(), tracker)
        assert responses_sent(messages) == ["utter_hub_events"], text
        assert messages[0]["events"] == "• 20 July 2021: Six central SOEs visit the zone", text
        assert messages[0]["figures"] == "Guests from six central SOEs came; a fund was agreed."


def test_a_follow_up_without_a_topic_after_one_event_stays_on_it(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_WITH_EVENTS)
    shown = {"event": "bot", "metadata": {"utter_action": "utter_hub_events"}}
    tracker = make_tracker(
        intent="ask_hub_info",
        text="and what came out of it?",
        slots={"subject": "hub"},
        events=[
            user_event("who turned up in July 2021?", "ask_hub_info"),
            shown,
            action_event("action_listen"),
        ],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert messages[0]["figures"] == "Guests from six central SOEs came; a fund was agreed."


def test_how_many_projects_qingdao_announced(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/hub",
        json=hub_json(
            figures=[
                *HUB_JSON["figures"],
                figure_json("announced_projects", "Projects Qingdao announced", "20"),
            ]
        ),
    )
    for text in ("and how many were announced?", "还公布了几个项目", "а сколько объявили?"):
        messages, _ = run_action(
            ActionShowHubInfo(), make_tracker(intent="ask_hub_info", text=text)
        )
        assert messages[0]["figures"] == "• Projects Qingdao announced: 20", text


def test_a_count_asked_about_the_opening_event_gets_the_openings_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json={**HUB_JSON, "events": HUB_WITH_EVENTS["events"]})
    tracker = make_tracker(
        intent="ask_hub_info",
        text="开幕那天一共签了多少个？",
        entities=[entity("topic", "events"), entity("topic", "status")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_investment"]


@pytest.mark.parametrize(
    ("text", "responses"),
    [
        ("and Kazakhstan?", ["utter_hub_no_country_figures", "utter_hub_trade"]),
        ("and 2020?", ["utter_hub_trade"]),
    ],
)
def test_a_country_or_a_year_right_after_the_trade_figures_is_asked_about_trade(
    catalogue, text, responses
):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    after_trade = [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_hub_trade"}}]
    tracker = make_tracker(
        intent="ask_hub_info", text=text, slots={"subject": "hub"}, events=after_trade
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == responses


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("а какие компании создали в 2021", "ask_hub_info"),
        ("ошол жылы кандай компаниялар ачылды?", "ask_hub_info"),
        ("какие компании тогда открыли", "ask_hub_info"),
    ],
)
def test_the_companies_set_up_for_the_hub_are_its_organisations(catalogue, text, intent):
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON]})
    tracker = make_tracker(intent=intent, text=text, slots={"subject": "hub"})
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages)[:2] == ["utter_contacts_header", "utter_contact_card"]


def test_a_question_about_the_only_project_of_a_list_is_about_it(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    listed = {"event": "slot", "name": "shown_projects", "value": ["sco-plaza-area"]}
    tracker = make_tracker(
        intent="ask_hub_info",
        text="чем он интересен для айти компании",
        entities=[entity("topic", "profile")],
        slots={"shown_projects": ["sco-plaza-area"], "subject": "project"},
        events=[action_event("action_search_projects"), listed, action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]


def test_who_that_company_is_right_after_a_service_is_its_provider(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/services",
        json={"items": [service_json("hr", "HR services", "Qingdao SCO Human Resources Co.")]},
    )
    tracker = make_tracker(
        intent="ask_hub_info",
        text="who is that company exactly",
        entities=[entity("topic", "profile")],
        slots={"subject": "service", "discussed_services": ["hr"]},
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages)[0] == "utter_service_item"
    assert messages[0]["provider"] == "Qingdao SCO Human Resources Co."


@pytest.mark.parametrize(
    ("text", "language"),
    [("下一次招商会什么时候开", "zh"), ("when is the next conference?", "en")],
)
def test_the_next_event_is_not_announced(catalogue, text, language):
    tracker = make_tracker(
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", "events")],
        slots={"language": language},
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_no_upcoming_events"]


def test_that_conference_is_the_opening_conference(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    tracker = make_tracker(
        intent="ask_hub_info",
        text="who was at that conference?",
        entities=[entity("topic", "events")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_events"]
    assert messages[0]["figures"] == "An event of the hub."  # what happened there


def test_qingdaos_area_right_after_a_project_is_the_hubs_figure(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    tracker = make_tracker(
        intent="ask_hub_info",
        text="ладно, какое население Циндао тогда",
        entities=[entity("topic", "location")],
        slots={"project": "sco-plaza-area", "subject": "project", "language": "ru"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_location"]


def test_a_district_asked_right_after_a_project_is_about_the_project(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    catalogue.get(f"{CATALOGUE_URL}/projects", json=page_json([], total=0))  # none in it
    tracker = make_tracker(
        intent="ask_hub_info",
        text="在上合示范区吗",
        entities=[entity("district", "scoda")],
        slots={"project": "sco-plaza-area", "subject": "project", "language": "zh"},
        events=[action_event("action_show_project"), action_event("action_listen")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_project_details"]


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
    tracker = make_tracker(
        intent="ask_hub_info",
        text=text,
        entities=[entity("topic", topic) for topic in topics],
        slots={"subject": "hub"},
        events=[user_event("who turned up in July 2021?", "ask_hub_info"), shown],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert messages[0]["events"] == "• 20 July 2021: Six central SOEs visit the zone"


def test_a_season_gets_every_event_of_it(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_WITH_EVENTS)
    tracker = make_tracker(intent="ask_hub_info", text="слышал летом 21го к вам приезжали, кто")
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert messages[0]["events"].splitlines() == [
        "• June 2021: SOEs Visiting Qingdao",
        "• 20 July 2021: Six central SOEs visit the zone",
    ]


def test_how_much_trade_grew_is_about_trade_not_investment(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    tracker = make_tracker(
        intent="ask_hub_info",
        text="in 2020 first quarter how much trade grew with b&r countries",
        entities=[entity("topic", "investment"), entity("topic", "trade")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_hub_trade"]


def test_a_price_the_seeds_do_not_give_is_said_to_be_unpublished(catalogue):
    tracker = make_tracker(intent="ask_hub_info", text="is there a membership fee for chambers")
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_prices_not_published"]


def test_what_taking_part_costs_is_said_to_be_unpublished(catalogue):
    tracker = make_tracker(
        intent="ask_hub_info",
        text="Сколько стоит участие для палаты?",
        entities=[entity("topic", "investment")],
    )
    messages, _ = run_action(ActionShowHubInfo(), tracker)
    assert responses_sent(messages) == ["utter_prices_not_published"]


def test_a_price_of_no_project_is_said_to_be_unpublished(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects", json=page_json([], total=0))
    tracker = make_tracker(intent="project_details", text="上合示范区现在的土地价格大概多少")
    messages, _ = run_action(ActionShowProject(), tracker)
    assert responses_sent(messages) == ["utter_prices_not_published"]
