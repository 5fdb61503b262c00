"""`bot.server.action_http`: Rasa's action calls over one kept connection, answers as before."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.server import action_http
from tests.async_support import run_coroutine


async def _calls() -> dict[str, Any]:
    peers: list[Any] = []

    async def webhook(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername") if request.transport else None)
        if request.query.get("fail"):
            return web.json_response({"error": "refused"}, status=400)
        body = await request.json()
        return web.json_response({"got": body, "auth": request.headers.get("Authorization")})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    endpoint = EndpointConfig(
        f"http://127.0.0.1:{port}/webhook", headers={"Authorization": "Bearer t0ken"}
    )
    try:
        first = await action_http.request(endpoint, json={"next_action": "a"})
        second = await action_http.request(endpoint, json={"next_action": "b"})
        with pytest.raises(ClientResponseError) as refused:
            await action_http.request(endpoint, json={}, params={"fail": "1"})
    finally:
        await action_http.kept_session(endpoint).close()
        await runner.cleanup()
    return {"answers": [first, second], "peers": peers, "status": refused.value.status}


def test_calls_share_one_connection_and_keep_rasas_answers_and_errors():
    result = run_coroutine(_calls())
    assert result["answers"] == [
        {"got": {"next_action": "a"}, "auth": "Bearer t0ken"},
        {"got": {"next_action": "b"}, "auth": "Bearer t0ken"},
    ]
    assert result["status"] == 400
    assert len(set(result["peers"])) == 1, "every call on the same kept connection"


def test_install_replaces_rasas_request():
    original = EndpointConfig.request
    try:
        action_http.install()
        assert EndpointConfig.request is action_http.request
    finally:
        EndpointConfig.request = original


@pytest.mark.parametrize(
    "value",
    [
        {"events": [{"event": "user", "text": "a/b é 中文 \u2028", "timestamp": 1e-7}]},
        {1: True, None: [1e300, -0.0, 123456789012345678901234567890]},
        "lone surrogate \ud800",
        float("inf"),
    ],
)
def test_the_calls_json_reads_back_as_json_dumps_does(value: Any):
    import json

    assert json.loads(action_http.dumps(value)) == json.loads(json.dumps(value))


def test_what_ujson_cannot_encode_fails_as_json_dumps_fails():
    import json

    with pytest.raises(TypeError) as expected:
        json.dumps({"x": object()})
    with pytest.raises(TypeError) as got:
        action_http.dumps({"x": object()})
    assert type(got.value) is type(expected.value)
