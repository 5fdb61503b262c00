"""Only the action server can post a lead: the catalogue's lead intake needs its own key.

`POST /leads` took anyone's lead (issue 18, findings 3 and 4), and leads are grouped into one
person by `conversation_id`: a made-up lead with a victim's conversation id made export return
the victim's lead and erasure delete the victim. Now the intake needs the header
`X-Lead-Intake-Key` (LEAD_INTAKE_KEY, a secret of its own, not the staff key).
"""

from __future__ import annotations

import uuid

import pytest
import requests

from stack.profiles.default import Stack

pytestmark = pytest.mark.e2e


def made_up_lead(conversation_id: str) -> dict:
    return {
        "name": "Mallory Forged",
        "email": "mallory@example.com",
        "consent": True,
        "conversation_id": conversation_id,
        "language": "en",
    }


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Lead-Intake-Key": "wrong"},
        {"X-Lead-Intake-Key": ""},
    ],
    ids=["none", "wrong", "empty"],
)
def test_a_lead_without_the_intake_key_is_refused(stack: Stack, headers):
    response = requests.post(
        f"{stack.url('catalogue')}/leads",
        json=made_up_lead(f"victim-{uuid.uuid4().hex[:8]}"),
        headers=headers,
        timeout=10,
    )
    assert response.status_code == 401, response.text


def test_the_staff_key_is_not_the_intake_key(stack: Stack):
    headers = {
        "X-API-Key": stack.secrets.catalogue_api_key,
        "X-Lead-Intake-Key": stack.secrets.catalogue_api_key,
    }
    response = requests.post(
        f"{stack.url('catalogue')}/leads",
        json=made_up_lead(f"victim-{uuid.uuid4().hex[:8]}"),
        headers=headers,
        timeout=10,
    )
    assert response.status_code == 401, response.text


def test_the_intake_key_stores_the_lead(stack: Stack):
    response = requests.post(
        f"{stack.url('catalogue')}/leads",
        json=made_up_lead(f"intake-{uuid.uuid4().hex[:8]}"),
        headers={"X-Lead-Intake-Key": stack.secrets.lead_intake_key},
        timeout=10,
    )
    assert response.status_code == 201, response.text
