from __future__ import annotations

import pytest
from responses import matchers

from actions.project_search import ActionSearchProjects
from actions.services import ActionShowServices, not_listed_response
from actions.vocabulary import SERVICE_TYPES
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    AFTER_A_PROJECT,
    FIRST_RELEASE,
    PINGDU,
    SECOND_RELEASE,
    ask,
    entity,
    make_tracker,
    responses_sent,
    run_action,
    slots_set,
    user_event,
)
from tests.test_domain import load_domain

SERVICES = f"{CATALOGUE_URL}/services"


def service_json(service_type: str, name: str, provider: str = "Hub Development Co.", **overrides):
    data = {
        "id": f"{service_type}-1",
        "type": service_type,
        "type_label": name,
        "name": name,
        "description": "Offered by the hub.",
        "provider_id": "hub-development-company",
        "provider_name": provider,
        "source": "000_2cccb1eb8e631a90.txt",
        "source_label": FIRST_RELEASE,
    }
    return {**data, **overrides}


def test_a_requested_service_names_its_provider(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "ru", "type": "hr"})],
        json={"items": [service_json("hr", "Кадры", "Qingdao SCO Human Resources Co., Ltd.")]},
    )
    tracker = make_tracker(
        intent="ask_service", entities=[entity("service", "hr")], slots={"language": "ru"}
    )
    messages, events = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == [
        "utter_service_item",
        "utter_service_limits",
        "utter_service_followup_sourced",
    ]
    assert messages[0]["provider"] == "Qingdao SCO Human Resources Co., Ltd."
    assert messages[-1]["source"] == FIRST_RELEASE
    assert events == [
        {"event": "slot", "timestamp": None, "name": "discussed_services", "value": ["hr"]},
        {"event": "slot", "timestamp": None, "name": "subject", "value": "service"},
    ]


def test_a_service_the_hub_does_not_list_is_said_honestly(catalogue):
    catalogue.get(SERVICES, json={"items": []})
    tracker = make_tracker(intent="ask_service", entities=[entity("service", "tax")])
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == ["utter_service_not_listed_tax"]


def test_two_types_the_hub_does_not_list_get_one_answer(catalogue):
    catalogue.get(SERVICES, json={"items": []})
    entities = [entity("service", "tax"), entity("service", "banking")]
    tracker = make_tracker(intent="ask_service", entities=entities)
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == ["utter_service_not_listed"]


def test_every_service_type_has_an_answer_that_names_it_when_not_listed():
    responses = load_domain()["responses"]
    for service_type in SERVICE_TYPES:
        variants = responses[not_listed_response([service_type])]
        assert {variant["condition"][0]["value"] for variant in variants} == {"en", "zh", "ru"}


def test_without_a_type_the_overview_is_one_message_with_a_button_per_type(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "en"})],
        json={"items": [service_json("legal", "Legal"), service_json("visa", "Visa")]},
    )
    messages, events = run_action(ActionShowServices(), make_tracker(intent="ask_service"))
    assert responses_sent(messages) == ["utter_services_overview"]
    assert messages[0]["services"] == "• Legal\n• Visa"
    assert messages[0]["source"] == FIRST_RELEASE
    assert [button["payload"] for button in messages[0]["buttons"]] == [
        '/ask_service{"service": "legal"}',
        '/ask_service{"service": "visa"}',
    ]
    assert events == []


def test_a_word_that_is_no_service_type_is_not_sent_to_the_api(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "ru", "type": "legal"})],
        json={"items": [service_json("legal", "Юридические услуги")]},
    )
    tracker = make_tracker(
        intent="ask_service",
        entities=[entity("service", "legal"), entity("service", "центр")],
        slots={"language": "ru"},
    )
    messages, events = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == [
        "utter_service_item",
        "utter_service_limits",
        "utter_service_followup_sourced",
    ]
    assert events[0]["value"] == ["legal"]


def test_a_request_the_catalogue_refuses_gets_the_help_menu_not_silence(catalogue):
    catalogue.get(SERVICES, status=422, json={"detail": "type: unknown"})
    tracker = make_tracker(intent="ask_service", entities=[entity("service", "visa")])
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == ["utter_default"]


def test_services_name_their_press_releases_once_after_the_items(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "en", "type": "legal"})],
        json={"items": [service_json("legal", "Legal"), service_json("legal", "Law firm")]},
    )
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "en", "type": "hr"})],
        json={"items": [service_json("hr", "HR", source_label=SECOND_RELEASE)]},
    )
    tracker = make_tracker(
        intent="ask_service", entities=[entity("service", "legal"), entity("service", "hr")]
    )
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages)[-1] == "utter_service_followup_sourced"
    assert [m.get("source") for m in messages].count(None) == len(messages) - 1
    assert messages[-1]["source"] == f"{FIRST_RELEASE}; {SECOND_RELEASE}"


def test_services_without_a_known_source_get_no_source_line(catalogue):
    catalogue.get(SERVICES, json={"items": [service_json("visa", "Visa", source_label=None)]})
    tracker = make_tracker(intent="ask_service", entities=[entity("service", "visa")])
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == [
        "utter_service_item",
        "utter_service_limits_visa",
        "utter_service_followup",
    ]
    assert not any(".txt" in str(value) for message in messages for value in message.values())


def test_a_follow_up_right_after_a_service_is_about_that_service(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "zh", "type": "visa"})],
        json={"items": [service_json("visa", "签证服务")]},
    )
    tracker = make_tracker(
        intent="ask_service",
        text="印度人一般多久能办下来",
        slots={"language": "zh", "subject": "service", "discussed_services": ["visa"]},
    )
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages)[:2] == ["utter_service_item", "utter_service_limits_visa"]


@pytest.mark.parametrize(
    "text",
    ["what other services do you have?", "what support services are there for our members"],
)
def test_asking_for_the_other_services_right_after_one_gets_them_all(catalogue, text):
    catalogue.get(SERVICES, json={"items": [service_json("visa", "Visa")]})
    tracker = make_tracker(
        intent="ask_service",
        text=text,
        slots={"subject": "service", "discussed_services": ["visa"]},
    )
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == ["utter_services_overview"]


def test_roadshows_and_exhibitions_get_the_platforms_functions_in_one_message(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "en", "type": "platform"})],
        json={
            "items": [
                service_json("platform", "Roadshow", description="Roadshows."),
                service_json("platform", "Contact and matchmaking", description="With chambers."),
            ]
        },
    )
    tracker = make_tracker(
        intent="ask_service", text="do you organise roadshow or exhibition for our companies?"
    )
    messages, events = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == [
        "utter_platform_functions",
        "utter_service_followup_sourced",
    ]
    assert messages[0]["functions"] == (
        "• Roadshow: Roadshows.\n• Contact and matchmaking: With chambers."
    )
    assert slots_set(events)["discussed_services"] == ["platform"]


def test_a_search_that_names_a_service_gets_both_answers(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/projects",
        json={"items": [], "total": 0, "page": 1, "page_size": 3, "filters": []},
    )
    catalogue.get(SERVICES, json={"items": [service_json("visa", "Visa")]})
    tracker = make_tracker(
        intent="search_projects",
        text="帮我查下物流项目，顺便说下你们的签证服务",
        entities=[entity("sector", "logistics"), entity("service", "visa")],
        slots={"language": "zh", "sector": "logistics"},
    )
    messages, events = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages)[1:] == [
        "utter_service_item",
        "utter_service_limits_visa",
        "utter_service_followup_sourced",
    ]
    assert slots_set(events)["discussed_services"] == ["visa"]


def test_a_search_that_asks_what_services_there_are_gets_both_answers(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/projects",
        json={"items": [], "total": 0, "page": 1, "page_size": 3, "filters": []},
    )
    catalogue.get(SERVICES, json={"items": [service_json("legal", "Legal")]})
    tracker = make_tracker(
        intent="search_projects",
        text="show me infrastructure projects and also what services ur hub give",
        entities=[entity("sector", "infrastructure")],
        slots={"sector": "infrastructure"},
    )
    messages, _ = run_action(ActionSearchProjects(), tracker)
    assert responses_sent(messages)[-1] == "utter_services_overview"


def test_a_service_not_listed_in_a_question_about_what_there_is_gets_the_overview(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "en", "type": "company_registration"})],
        json={"items": []},
    )
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "en"})],
        json={"items": [service_json("legal", "Legal")]},
    )
    tracker = make_tracker(
        intent="ask_service",
        text="what support do you give foreign companies setting up in qingdao?",
        entities=[entity("service", "company_registration")],
    )
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == [
        "utter_service_not_listed_company_registration",
        "utter_services_overview",
    ]


def test_a_fact_no_release_gives_asked_right_after_a_project_is_about_it(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/pingdu-new-economy-city", json=PINGDU)
    messages, _ = ask(
        ActionShowServices(),
        intent="ask_service",
        text="а сколько там рабочих мест будет",
        slots={"project": "pingdu-new-economy-city", "subject": "project"},
        events=[user_event("какая отрасль", "project_details"), *AFTER_A_PROJECT],
    )
    assert responses_sent(messages) == ["utter_project_fact_not_published"]
