from __future__ import annotations

import json

from actions.base import lead_outbox
from actions.handoff import ActionRequestHuman
from actions.lead_form import FORM_SLOTS
from actions.leads import ActionSubmitLead
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import make_tracker, responses_sent, run_action
from tests.actions.test_leads import COMPLETE_FORM

LEADS = f"{CATALOGUE_URL}/leads"


def test_without_contact_details_the_form_comes_first(catalogue):
    messages, events = run_action(ActionRequestHuman(), make_tracker(intent="request_human"))
    assert responses_sent(messages) == ["utter_handoff_need_contact"]
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "handoff_requested",
        "value": True,
    } in events
    assert events[-1]["event"] == "followup" and events[-1]["name"] == "lead_form"


def test_form_submitted_for_a_handoff_flags_the_lead_and_pauses(catalogue):
    catalogue.post(LEADS, status=201, json={"id": 5, "status": "new", "created": True})
    tracker = make_tracker(slots={**COMPLETE_FORM, "handoff_requested": True})
    messages, events = run_action(ActionSubmitLead(), tracker)
    assert json.loads(catalogue.calls[0].request.body)["handoff"] is True
    assert responses_sent(messages) == ["utter_lead_saved", "utter_handoff_started"]
    assert events[-1]["event"] == "pause"


def form_answers(form: dict) -> list[dict]:
    """The slot events the lead form leaves in a conversation."""
    return [{"event": "slot", "name": name, "value": value} for name, value in form.items()]


def confirmation(response: str = "utter_lead_saved") -> dict:
    return {"event": "bot", "text": "Saved", "metadata": {"utter_action": response}}


def cleared(form: dict) -> list[dict]:
    """The events `action_submit_lead` returns after the lead: the form cleared."""
    return [{"event": "slot", "name": name, "value": None} for name in form if name in FORM_SLOTS]


def test_with_an_earlier_lead_the_handoff_is_immediate(catalogue):
    catalogue.post(LEADS, status=201, json={"id": 5, "status": "new", "created": True})
    catalogue.post(LEADS, status=201, json={"id": 6, "status": "new", "created": True})
    run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM, sender_id="conv-3"))

    history = [*form_answers(COMPLETE_FORM), confirmation(), *cleared(COMPLETE_FORM)]
    tracker = make_tracker(
        intent="request_human",
        sender_id="conv-3",
        slots={"language": "zh", "discussed_projects": ["sco-plaza-area"], "lead_id": "5"},
        events=history,
    )
    messages, events = run_action(ActionRequestHuman(), tracker)
    first, second = (json.loads(call.request.body) for call in catalogue.calls)
    assert second["handoff"] is True
    for field in ("name", "company", "country", "email", "interest", "consent"):
        assert second[field] == first[field], field
    assert second["client_reference"] != first["client_reference"]
    assert second["language"] == "zh"
    assert second["projects"] == ["sco-plaza-area"]
    assert responses_sent(messages) == ["utter_lead_saved", "utter_handoff_started"]
    assert events[-1]["event"] == "pause"


def test_the_answers_of_the_last_kept_lead_are_used(catalogue):
    """A later form the visitor declined does not replace the lead they left."""
    catalogue.post(LEADS, status=201, json={"id": 6, "status": "new", "created": True})
    declined = {**COMPLETE_FORM, "lead_name": "Someone Else", "lead_consent": False}
    history = [
        *form_answers(COMPLETE_FORM),
        confirmation(),
        *cleared(COMPLETE_FORM),
        *form_answers(declined),
    ]
    tracker = make_tracker(intent="request_human", sender_id="conv-8", events=history)
    run_action(ActionRequestHuman(), tracker)
    assert json.loads(catalogue.calls[0].request.body)["name"] == "Aigerim Bekova"


def test_another_conversations_lead_is_not_reused(catalogue):
    catalogue.post(LEADS, status=201, json={"id": 5, "status": "new", "created": True})
    run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM, sender_id="someone-else"))
    messages, _ = run_action(ActionRequestHuman(), make_tracker(sender_id="me"))
    assert responses_sent(messages) == ["utter_handoff_need_contact"]
    assert lead_outbox().latest_payload("me") is None


def test_an_erased_conversations_details_are_not_reused(catalogue):
    """After the console erased the conversation, no copy of the lead is used."""
    catalogue.post(LEADS, status=201, json={"id": 5, "status": "new", "created": True})
    run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM, sender_id="conv-4"))
    erased = make_tracker(intent="request_human", sender_id="conv-4")
    messages, events = run_action(ActionRequestHuman(), erased)
    assert responses_sent(messages) == ["utter_handoff_need_contact"]
    assert events[-1]["event"] == "followup" and events[-1]["name"] == "lead_form"


def test_a_queued_lead_shown_in_the_conversation_is_reused(catalogue):
    catalogue.post(LEADS, status=201, json={"id": 6, "status": "new", "created": True})
    history = [
        *form_answers(COMPLETE_FORM),
        confirmation("utter_lead_queued"),
        *cleared(COMPLETE_FORM),
    ]
    tracker = make_tracker(intent="request_human", sender_id="conv-5", events=history)
    messages, _ = run_action(ActionRequestHuman(), tracker)
    assert responses_sent(messages) == ["utter_lead_saved", "utter_handoff_started"]
    assert json.loads(catalogue.calls[0].request.body)["email"] == "aigerim@example.kz"


def test_a_lead_without_consent_in_the_conversation_is_not_reused(catalogue):
    history = [*form_answers({**COMPLETE_FORM, "lead_consent": False}), confirmation()]
    tracker = make_tracker(intent="request_human", sender_id="conv-6", events=history)
    messages, _ = run_action(ActionRequestHuman(), tracker)
    assert responses_sent(messages) == ["utter_handoff_need_contact"]
