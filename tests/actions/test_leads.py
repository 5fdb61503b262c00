from __future__ import annotations

import json

import pytest
import requests
from rasa_sdk.executor import CollectingDispatcher

from actions.base import lead_outbox
from actions.leads import SKIPPED, ActionSubmitLead, ValidateLeadForm, parse_contact
from hub_vocabulary import LEAD_MAX_LENGTHS
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import make_tracker, responses_sent, run_action, slots_set

LEADS = f"{CATALOGUE_URL}/leads"
COMPLETE_FORM = {
    "lead_name": "Aigerim Bekova",
    "lead_company": "Steppe Logistics",
    "lead_country": "Kazakhstan",
    "lead_contact": "aigerim@example.kz",
    "lead_interest": "Cold chain park",
    "lead_consent": True,
    "discussed_projects": ["huarong-guangde-cold-chain-park"],
    "discussed_services": ["logistics"],
    "language": "ru",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aigerim@example.kz", {"email": "aigerim@example.kz"}),
        ("my mail is Li.Wei@Example.com, thanks", {"email": "Li.Wei@example.com"}),
        ("+7 701 234 5678", {"phone": "+77012345678"}),
        ("电话 13812345678", {"phone": "+8613812345678"}),
        ("мой номер +998 90 123 45 67", {"phone": "+998901234567"}),
        ("not sure", None),
        ("12", None),
        ("foo@bar", None),
    ],
)
def test_contact_is_an_email_or_a_phone_number(text, expected):
    assert parse_contact(text) == expected


def validate(slot: str, value: str, intent: str = "inform"):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent=intent, text=value)
    result = getattr(ValidateLeadForm(), f"validate_{slot}")(value, dispatcher, tracker, {})
    return result[slot], responses_sent(dispatcher.messages)


def test_valid_answers_are_kept_normalised():
    assert validate("lead_name", "  Иван Петров ") == ("Иван Петров", [])
    assert validate("lead_country", "Узбекистан") == ("Узбекистан", [])
    assert validate("lead_contact", "+7 701 234 5678") == ("+77012345678", [])
    assert validate("lead_interest", "SCO Plaza") == ("SCO Plaza", [])


@pytest.mark.parametrize(
    ("slot", "value", "response"),
    [
        ("lead_name", "12345", "utter_invalid_lead_name"),
        ("lead_name", "x" * (LEAD_MAX_LENGTHS["name"] + 1), "utter_invalid_lead_name"),
        ("lead_country", "!!!", "utter_invalid_lead_country"),
        ("lead_contact", "call me maybe", "utter_invalid_lead_contact"),
        ("lead_company", "c" * (LEAD_MAX_LENGTHS["company"] + 1), "utter_invalid_lead_text"),
        ("lead_interest", "i" * (LEAD_MAX_LENGTHS["interest"] + 1), "utter_invalid_lead_text"),
    ],
)
def test_invalid_answers_are_asked_again(slot, value, response):
    assert validate(slot, value) == (None, [response])


@pytest.mark.parametrize("slot", ["lead_name", "lead_country", "lead_contact"])
def test_saying_no_to_a_required_answer_stops_the_form(slot):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="deny", text="no, forget it")
    result = getattr(ValidateLeadForm(), f"validate_{slot}")(
        "no, forget it", dispatcher, tracker, {}
    )
    assert result == {slot: None, "lead_consent": None, "requested_slot": None}
    assert dispatcher.messages == []


def test_saying_no_skips_optional_answers():
    assert validate("lead_company", "no", intent="deny") == (SKIPPED, [])
    assert validate("lead_interest", "нет", intent="deny") == (SKIPPED, [])


def test_submit_posts_the_lead_with_the_conversation_context(catalogue):
    catalogue.post(LEADS, status=201, json={"id": 41, "status": "new", "created": True})
    tracker = make_tracker(slots=COMPLETE_FORM, sender_id="conv-7")
    messages, events = run_action(ActionSubmitLead(), tracker)
    sent = json.loads(catalogue.calls[0].request.body)
    assert sent["name"] == "Aigerim Bekova"
    assert sent["email"] == "aigerim@example.kz" and sent["phone"] is None
    assert sent["conversation_id"] == "conv-7"
    assert sent["language"] == "ru"
    assert sent["projects"] == ["huarong-guangde-cold-chain-park"]
    assert sent["services"] == ["logistics"]
    assert sent["consent"] is True and sent["handoff"] is False
    assert sent["client_reference"]
    assert responses_sent(messages) == ["utter_lead_saved"]
    assert messages[0]["lead_id"] == 41
    slots = slots_set(events)
    assert slots["lead_id"] == "41"
    assert slots["lead_name"] is None and slots["lead_consent"] is None


def test_the_longest_answers_the_catalogue_takes_are_kept():
    """The form and the catalogue share their limits (``hub_vocabulary.LEAD_MAX_LENGTHS``)."""
    assert validate("lead_name", "x" * LEAD_MAX_LENGTHS["name"])[1] == []
    assert validate("lead_interest", "i" * LEAD_MAX_LENGTHS["interest"])[1] == []


@pytest.mark.parametrize(
    ("input_channel", "recorded"),
    [("telegram", "telegram"), ("socketio", "socketio"), ("rest", "rest"), ("cmdline", None)],
)
def test_the_lead_records_the_channel_the_visitor_wrote_through(catalogue, input_channel, recorded):
    catalogue.post(LEADS, status=201, json={"id": 2, "status": "new", "created": True})
    tracker = make_tracker(slots=COMPLETE_FORM)
    tracker.events[-1]["input_channel"] = input_channel
    run_action(ActionSubmitLead(), tracker)
    assert json.loads(catalogue.calls[0].request.body)["channel"] == recorded


def test_skipped_answers_are_sent_empty(catalogue):
    catalogue.post(LEADS, status=201, json={"id": 1, "status": "new", "created": True})
    form = {**COMPLETE_FORM, "lead_company": SKIPPED, "lead_interest": SKIPPED}
    run_action(ActionSubmitLead(), make_tracker(slots=form))
    sent = json.loads(catalogue.calls[0].request.body)
    assert sent["company"] is None and sent["interest"] is None


def test_without_consent_nothing_is_sent(catalogue):
    form = {**COMPLETE_FORM, "lead_consent": False}
    messages, _ = run_action(ActionSubmitLead(), make_tracker(slots=form))
    assert responses_sent(messages) == ["utter_lead_consent_declined"]
    assert lead_outbox().pending_count() == 0


def test_when_the_api_is_down_the_lead_is_kept_and_delivered_later(catalogue):
    catalogue.post(LEADS, body=requests.ConnectionError("refused"))
    messages, _ = run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM))
    assert responses_sent(messages) == ["utter_lead_queued"]
    outbox = lead_outbox()
    assert outbox.pending_count() == 1
    reference = outbox.pending()[0].client_reference

    catalogue.post(LEADS, status=201, json={"id": 9, "status": "new", "created": True})
    from actions.catalogue_client import default_catalogue_client

    assert outbox.deliver_pending(default_catalogue_client()) == 1
    assert outbox.pending_count() == 0
    bodies = [json.loads(call.request.body) for call in catalogue.calls]
    assert [body["client_reference"] for body in bodies] == [reference, reference]


def test_a_rejected_lead_is_not_retried(catalogue):
    catalogue.post(LEADS, status=422, json={"detail": "email: not valid"})
    messages, _ = run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM))
    assert responses_sent(messages) == ["utter_lead_rejected"]
    assert lead_outbox().pending_count() == 0


def test_the_same_lead_confirmed_again_is_stored_once(catalogue):
    """The Rasa server stopped after the lead was stored, before it saved the conversation:
    the visitor confirms again, and the catalogue is not asked to store a second lead."""
    catalogue.post(LEADS, status=201, json={"id": 12, "status": "new", "created": True})
    tracker = make_tracker(slots=COMPLETE_FORM, sender_id="conv-crash")
    first, _ = run_action(ActionSubmitLead(), tracker)
    again, _ = run_action(
        ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM, sender_id="conv-crash")
    )
    assert len(catalogue.calls) == 1
    assert [message["lead_id"] for message in (*first, *again)] == [12, 12]


def test_another_conversation_s_identical_lead_has_its_own_reference(catalogue):
    catalogue.post(LEADS, status=201, json={"id": 1, "status": "new", "created": True})
    catalogue.post(LEADS, status=201, json={"id": 2, "status": "new", "created": True})
    run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM, sender_id="conv-a"))
    run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM, sender_id="conv-b"))
    first, second = (json.loads(call.request.body) for call in catalogue.calls)
    assert first["client_reference"] != second["client_reference"]


def test_a_form_left_half_way_says_so_and_that_it_can_be_taken_up_again(catalogue):
    form = {**COMPLETE_FORM, "lead_contact": None, "lead_consent": None}
    tracker = make_tracker(intent="deny", text="maybe later", slots=form)
    messages, _ = run_action(ActionSubmitLead(), tracker)
    assert responses_sent(messages) == ["utter_lead_form_left"]


def test_a_goodbye_in_the_middle_of_the_form_gets_a_goodbye(catalogue):
    form = {**COMPLETE_FORM, "lead_consent": None}
    tracker = make_tracker(intent="goodbye", text="thanks, bye", slots=form)
    messages, _ = run_action(ActionSubmitLead(), tracker)
    assert responses_sent(messages) == ["utter_lead_not_stored_goodbye"]
    assert lead_outbox().pending_count() == 0


def test_not_now_read_as_a_goodbye_leaves_the_form_without_one(catalogue):
    """Пока is both "bye" and "for now": "не нужно пока" leaves the form, not the conversation."""
    form = {**COMPLETE_FORM, "lead_consent": None}
    for text in ("а, ладно, не нужно пока", "азыр эмес, кийин өзүм жазам, токтотуңуз"):
        tracker = make_tracker(intent="goodbye", text=text, slots=form)
        messages, _ = run_action(ActionSubmitLead(), tracker)
        assert responses_sent(messages) == ["utter_lead_form_left"], text


def test_thanks_asked_for_a_name_ends_the_form_with_a_welcome(catalogue):
    """ok thx a lot" is nobody's name: nothing is stored, and the thanks are answered."""
    form = {**COMPLETE_FORM, "lead_name": None, "lead_consent": None}
    for text in ("ok thx a lot", "thanks, very useful", "好的谢谢", "спасибо большое"):
        tracker = make_tracker(intent="thank", text=text, slots=form)
        messages, _ = run_action(ActionSubmitLead(), tracker)
        assert responses_sent(messages) == ["utter_lead_not_stored_thanks"], text
    assert lead_outbox().pending_count() == 0
