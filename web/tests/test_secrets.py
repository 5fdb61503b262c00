"""Secrets stay out of URLs and logs: Rasa's token is a short-lived JWT in a header."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import jwt
import pytest
import respx
from web_support import RASA_JWT_SECRET, RASA_URL, assert_rasa_auth, make_settings

from hub_web.upstream import RASA_JWT_TTL_SECONDS, rasa_jwt, upstream_clients


def test_the_token_is_an_admin_token_for_a_minute() -> None:
    token = rasa_jwt(RASA_JWT_SECRET, now=1_000_000)
    payload = jwt.decode(
        token, RASA_JWT_SECRET, algorithms=["HS256"], options={"verify_exp": False}
    )
    assert payload == {
        "user": {"username": "hub-console", "role": "admin"},
        "exp": 1_000_000 + RASA_JWT_TTL_SECONDS,
    }
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(token, RASA_JWT_SECRET, algorithms=["HS256"])


def test_settings_never_show_their_secrets(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    shown = repr(settings) + str(settings)
    for secret in (RASA_JWT_SECRET, settings.catalogue_api_key, settings.session_secret):
        assert secret not in shown


def test_calls_to_rasa_log_neither_the_secret_nor_a_token(
    tmp_path: Path, upstream: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """Even with httpx's request log on, the URL holds no token (it is in the header)."""
    route = upstream.put(f"{RASA_URL}/conversations/a/tracker/events").respond(json={})

    async def erase() -> None:
        async with upstream_clients(make_settings(tmp_path)) as (_catalogue, rasa):
            await rasa.erase_conversation("a")

    with caplog.at_level(logging.DEBUG):
        asyncio.run(erase())
    assert_rasa_auth(route.calls.last.request)
    assert "token" not in caplog.text and "Bearer" not in caplog.text
    assert RASA_JWT_SECRET not in caplog.text
