"""A stack with the Telegram channel on, against a fake Bot API on loopback.

Its own ports (the test ports moved by `TELEGRAM_PORT_SHIFT`) and state directory, so it
runs beside the session's `stack`. The webhook is set by the deploy-time command, as in
production, and the fake refuses it once with a 429 first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from stack.profiles.default import Stack
from tests.conftest import REQUIRED_ENVIRONMENTS, TEST_PORTS, model_path
from tests.telegram.fake_bot_api import FakeBotApi

#: Clear of the session stack (Rasa 15005 and its processes 15015-16, actions 15055) and of
#: the resilience stack (+20).
TELEGRAM_PORT_SHIFT = 400
TOKEN = "424242:TEST-telegram-token"
SECRET = "telegram-test-secret_0123456789"
PUBLIC_URL = "https://hub.example"
WEBHOOK_URL = f"{PUBLIC_URL}/webhooks/telegram/webhook"


@pytest.fixture(scope="session")
def fake_bot_api() -> Iterator[FakeBotApi]:
    fake = FakeBotApi(rate_limited_webhook_calls=1).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def telegram_stack(
    fake_bot_api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    from stack.profiles.default import REPO_ROOT

    if any(not (REPO_ROOT / path).exists() for path in REQUIRED_ENVIRONMENTS):
        pytest.skip("environments missing; run scripts/setup_env.sh")
    shift = TELEGRAM_PORT_SHIFT
    running = Stack(
        model_path=model_path(),
        state_dir=tmp_path_factory.mktemp("telegram-stack"),
        ports=replace(
            TEST_PORTS,
            catalogue=TEST_PORTS.catalogue + shift,
            actions=TEST_PORTS.actions + shift,
            rasa=TEST_PORTS.rasa + shift,
            web=TEST_PORTS.web + shift,
        ),
        extra_env={
            "LEAD_OUTBOX_RETRY_SECONDS": "1",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
            "TELEGRAM_API_URL": fake_bot_api.url,
            "HUB_PUBLIC_URL": PUBLIC_URL,
        },
        with_web=False,
    )
    running.start()
    yield running
    running.stop()
