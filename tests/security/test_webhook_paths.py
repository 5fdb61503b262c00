"""Every path form of the REST webhook is routed by sender (issue 18, finding 9).

In the default profile HAProxy sends each REST conversation to one of the two Rasa
processes by its `sender`. `POST /webhooks/rest/webhook/` (a trailing slash, which Sanic
routes like the path without it) escaped that rule and went to the first process: one
conversation then ran on both processes at once and lost turns. Now each form that Rasa
answers goes where the canonical path goes; a body naming `sender` twice (HAProxy reads
the first, Python the last) is refused.
"""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from stack.profiles.default import Stack
from stack.rasa_pair import SECOND

pytestmark = pytest.mark.e2e

CANONICAL = "/webhooks/rest/webhook"
VARIANTS = ["/webhooks/rest/webhook/", "/webhooks/rest/webhook//", "/webhooks/rest/webhook?x=1"]
SENDERS = 12


def post(stack: Stack, path: str, body: bytes) -> requests.Response:
    return requests.post(
        f"{stack.url('rasa')}{path}",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


def greet(sender: str) -> bytes:
    return json.dumps({"sender": sender, "message": "/greet"}).encode()


@pytest.fixture(scope="module")
def pair(stack: Stack) -> Stack:
    if not any(service.name == "haproxy" for service in stack.services):
        pytest.skip("HAProxy is not installed: one Rasa process, nothing to route")
    return stack


def test_every_form_of_the_webhook_goes_to_the_conversation_s_process(pair: Stack):
    senders = [f"path-{uuid.uuid4().hex}" for _ in range(SENDERS)]
    processes = {}
    for sender in senders:
        response = post(pair, CANONICAL, greet(sender))
        assert response.status_code == 200, response.text
        processes[sender] = response.headers["X-Rasa-Process"]
    # With 12 conversations, both processes have some (else the test would prove nothing).
    assert SECOND in processes.values(), processes
    for sender, process in processes.items():
        for path in VARIANTS:
            response = post(pair, path, greet(sender))
            if response.status_code == 404:  # a form Rasa does not answer at all
                continue
            assert response.status_code == 200, (path, response.text)
            assert response.headers["X-Rasa-Process"] == process, (path, sender)


def test_a_body_naming_the_sender_twice_is_refused(pair: Stack):
    body = b'{"sender": "first-%s", "message": "/greet", "sender": "second"}' % (
        uuid.uuid4().hex.encode()
    )
    for path in [CANONICAL, *VARIANTS]:
        response = post(pair, path, body)
        assert response.status_code == 400, (path, response.text)
        assert "repeat" in response.json()["error"]
