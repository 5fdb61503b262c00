"""The action server takes calls from Rasa only, and answers malformed calls with a clean 4xx.

A made-up tracker posted to `/webhook` for `action_submit_lead` stored a lead with consent true
and no consent text (issue 18, finding 3): the action server now refuses `/webhook` without
Rasa's bearer token (ACTION_SERVER_TOKEN, from the stack's secrets), and a body it cannot read
gets a 4xx that names no internal error.
"""

from __future__ import annotations

import uuid

import pytest
import requests

from stack.profiles.default import Stack
from tests.e2e.chat import staff_leads

pytestmark = pytest.mark.e2e

#: Words of a Python error that an answer must not carry.
INTERNAL_WORDS = ("Traceback", "Error", "Exception", "request_body", "object has no attribute")


def made_up_call(sender_id: str) -> dict:
    """What a hostile caller posts: a tracker whose lead form is complete and consented."""
    slots = {
        "lead_name": "Mallory Forged",
        "lead_company": "Forgery Ltd",
        "lead_country": "Kazakhstan",
        "lead_contact": "mallory@example.com",
        "lead_interest": "anything",
        "lead_consent": True,
    }
    return {
        "next_action": "action_submit_lead",
        "sender_id": sender_id,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender_id,
            "slots": slots,
            "latest_message": {"text": "/affirm", "intent": {"name": "affirm"}},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


def webhook(stack: Stack) -> str:
    return f"{stack.url('actions')}/webhook"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "headers",
    [{}, bearer("wrong"), {"Authorization": "wrong"}, bearer("")],
    ids=["none", "wrong-token", "no-scheme", "empty"],
)
def test_a_made_up_tracker_without_rasas_token_is_refused(stack: Stack, headers):
    sender_id = f"forged-{uuid.uuid4().hex[:8]}"
    response = requests.post(
        webhook(stack), json=made_up_call(sender_id), headers=headers, timeout=10
    )
    assert response.status_code == 401
    assert not [
        lead for lead in staff_leads(stack, page_size="500") if lead["conversation_id"] == sender_id
    ]


def test_the_action_list_needs_the_token_too_and_health_stays_open(stack: Stack):
    assert requests.get(f"{stack.url('actions')}/actions", timeout=10).status_code == 401
    assert requests.get(f"{stack.url('actions')}/health", timeout=10).status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"this is not json", "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b'{"next_action": "action_submit_lead"}', "application/json"),
        (b'{"next_action": "action_submit_lead", "tracker": [1]}', "application/json"),
        (b'{"next_action": "action_submit_lead", "tracker": {"events": 3}}', "application/json"),
        (b'{"next_action": 5, "tracker": {"sender_id": "x"}}', "application/json"),
        (b'{"next_action": "no_such_action", "tracker": {"sender_id": "x"}}', "application/json"),
        (b"\xff\xfe", "application/json"),
    ],
    ids=[
        "not-json",
        "array",
        "no-tracker",
        "tracker-array",
        "events-number",
        "action-number",
        "unknown-action",
        "not-utf8",
    ],
)
def test_a_malformed_call_gets_a_4xx_without_internal_text(stack: Stack, body, content_type):
    response = requests.post(
        webhook(stack),
        data=body,
        headers={**bearer(stack.secrets.action_server_token), "Content-Type": content_type},
        timeout=10,
    )
    assert 400 <= response.status_code < 500, response.text
    assert not [word for word in INTERNAL_WORDS if word in response.text], response.text
