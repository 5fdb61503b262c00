"""The action server's guard: Rasa's bearer token, action calls only, no internal error text."""

from __future__ import annotations

import asyncio
import json
import zlib
from types import SimpleNamespace

import pytest
from sanic.exceptions import InvalidUsage

from actions.server import (
    MAX_CALL_BYTES,
    answer_failure,
    call_problem,
    is_authorised,
    request_guard,
)

TOKEN = "rasa-to-actions-token"
CALL = {"next_action": "action_submit_lead", "tracker": {"sender_id": "c1", "events": []}}


def request(path="/webhook", *, headers=None, body=b"", method="POST"):
    """The parts of a Sanic request the guard reads."""
    return SimpleNamespace(path=path, method=method, headers=headers or {}, body=body)


def guard(token, req):
    return asyncio.run(request_guard(token)(req))


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic " + TOKEN, TOKEN, "Bearer wrong", f"Bearer {TOKEN}x"],
)
def test_only_the_exact_bearer_token_is_authorised(header):
    assert not is_authorised(header, TOKEN)


def test_the_bearer_token_is_authorised():
    assert is_authorised(f"Bearer {TOKEN}", TOKEN)
    assert is_authorised(f"bearer {TOKEN}", TOKEN)


@pytest.mark.parametrize("path", ["/webhook", "/actions", "/anything"])
def test_every_path_but_health_needs_the_token(path):
    answer = guard(TOKEN, request(path, body=json.dumps(CALL).encode()))
    assert answer.status == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert guard(TOKEN, request("/health", method="GET")) is None


def test_without_a_configured_token_everything_but_health_is_refused():
    answer = guard(None, request(headers=bearer(""), body=json.dumps(CALL).encode()))
    assert answer.status == 503
    assert guard(None, request("/health", method="GET")) is None


def test_an_action_call_with_the_token_passes():
    assert guard(TOKEN, request(headers=bearer(TOKEN), body=json.dumps(CALL).encode())) is None


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'"text"',
        b"{}",
        b'{"next_action": "x"}',
        b'{"next_action": 5, "tracker": {"sender_id": "c"}}',
        b'{"next_action": "x", "tracker": [1]}',
        b'{"next_action": "x", "tracker": {"events": []}}',
        b'{"next_action": "x", "tracker": {"sender_id": "c", "events": 3}}',
        b'{"next_action": "x", "tracker": {"sender_id": "c", "events": [1]}}',
        b'{"next_action": "x", "tracker": {"sender_id": "c", "slots": []}}',
        b'{"next_action": "x", "tracker": {"sender_id": "c"}, "domain": []}',
    ],
)
def test_a_malformed_call_is_refused_with_a_reason(body):
    answer = guard(TOKEN, request(headers=bearer(TOKEN), body=body))
    assert answer.status == 400
    assert set(json.loads(answer.body)) == {"error"}
    assert call_problem(body, None) is not None


def test_a_deflated_call_is_read_and_a_bomb_refused():
    assert call_problem(zlib.compress(json.dumps(CALL).encode()), "deflate") is None
    assert call_problem(b"not deflate", "deflate") == "body is not deflate data"
    bomb = zlib.compress(b" " * (MAX_CALL_BYTES + 1))
    assert call_problem(bomb, "deflate") == "body too large"


def test_failures_are_answered_without_internal_text():
    answer = asyncio.run(answer_failure(request(), KeyError("tracker internals")))
    assert answer.status == 500
    assert json.loads(answer.body) == {"error": "internal error"}
    refused = asyncio.run(answer_failure(request(), InvalidUsage("Failed when parsing body")))
    assert refused.status == 400
    assert json.loads(refused.body) == {"error": "request refused"}
