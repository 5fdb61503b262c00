from __future__ import annotations

from responses import matchers

from actions.services import ActionShowServices
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import entity, make_tracker, responses_sent, run_action

SERVICES = f"{CATALOGUE_URL}/services"


def service_json(service_type: str, name: str, provider: str = "Hub Development Co."):
    return {
        "id": f"{service_type}-1",
        "type": service_type,
        "type_label": name,
        "name": name,
        "description": "Offered by the hub.",
        "provider_id": "hub-development-company",
        "provider_name": provider,
    }


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
    assert responses_sent(messages) == ["utter_service_item", "utter_service_followup"]
    assert messages[0]["provider"] == "Qingdao SCO Human Resources Co., Ltd."
    assert events == [
        {"event": "slot", "timestamp": None, "name": "discussed_services", "value": ["hr"]}
    ]


def test_a_service_the_hub_does_not_list_is_said_honestly(catalogue):
    catalogue.get(SERVICES, json={"items": []})
    tracker = make_tracker(intent="ask_service", entities=[entity("service", "tax")])
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == ["utter_service_not_listed"]


def test_without_a_type_the_overview_is_one_message_with_a_button_per_type(catalogue):
    catalogue.get(
        SERVICES,
        match=[matchers.query_param_matcher({"lang": "en"})],
        json={"items": [service_json("legal", "Legal"), service_json("visa", "Visa")]},
    )
    messages, events = run_action(ActionShowServices(), make_tracker(intent="ask_service"))
    assert responses_sent(messages) == ["utter_services_overview"]
    assert messages[0]["services"] == "• Legal\n• Visa"
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
    assert responses_sent(messages) == ["utter_service_item", "utter_service_followup"]
    assert events[0]["value"] == ["legal"]


def test_a_request_the_catalogue_refuses_gets_the_help_menu_not_silence(catalogue):
    catalogue.get(SERVICES, status=422, json={"detail": "type: unknown"})
    tracker = make_tracker(intent="ask_service", entities=[entity("service", "visa")])
    messages, _ = run_action(ActionShowServices(), tracker)
    assert responses_sent(messages) == ["utter_default"]
