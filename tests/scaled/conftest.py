"""The scaled profile for the tests: one `ScaledStack` for the session (stack/profiles/scaled/).

Two Rasa replicas and two action servers behind HAProxy, the catalogue API with two
workers, on PostgreSQL, Redis and RabbitMQ; supervised, so that a process a test kills
comes back. Skipped when those three are not reachable. The Telegram channel is on, against
a fake Bot API on loopback (`tests/telegram/fake_bot_api.py`).

- `HUB_SCALED_TEST_PORT_BASE` (default 16600 + HUB_TEST_PORT_OFFSET): its ports, from
  there on (`ScaledPorts.from_base`: balancer +0, action servers +1, catalogue +2, ...).
- `HUB_SCALED_TEST_NAME` (default `hub_scaled_test`, `hub_scaled_test_<port base>` when
  the ports are moved, so that runs side by side do not share them): its databases
  (`<name>_tracker`, ...), RabbitMQ virtual host and lock keys; emptied at the start.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from stack.profiles.scaled.backing import unreachable
from stack.profiles.scaled.config import Backing, ScaledPorts
from stack.profiles.scaled.stack import ScaledStack
from tests.conftest import PORT_OFFSET, REPO_ROOT, REQUIRED_ENVIRONMENTS, model_path
from tests.telegram.fake_bot_api import FakeBotApi

DEFAULT_PORT_BASE = 16600
PORT_BASE = int(os.environ.get("HUB_SCALED_TEST_PORT_BASE", str(DEFAULT_PORT_BASE + PORT_OFFSET)))
NAME = os.environ.get(
    "HUB_SCALED_TEST_NAME",
    "hub_scaled_test" if PORT_BASE == DEFAULT_PORT_BASE else f"hub_scaled_test_{PORT_BASE}",
)
TELEGRAM_TOKEN = "434343:TEST-scaled-telegram-token"
TELEGRAM_SECRET = "scaled-telegram-secret_0123456789"
TELEGRAM_WEBHOOK_URL = "https://hub.example/webhooks/telegram/webhook"


@pytest.fixture(scope="session")
def scaled_fake_bot_api() -> Iterator[FakeBotApi]:
    """The fake Bot API the replicas' Telegram channel talks to (no 429 on setWebhook)."""
    fake = FakeBotApi(rate_limited_webhook_calls=0).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def scaled_stack(
    tmp_path_factory: pytest.TempPathFactory, scaled_fake_bot_api: FakeBotApi
) -> Iterator[ScaledStack]:
    """The running scaled stack; `url("rasa")` is HAProxy's entry point."""
    in_ci = os.environ.get("CI") == "true"
    missing = [path for path in REQUIRED_ENVIRONMENTS if not (REPO_ROOT / path).exists()]
    if missing:
        (pytest.fail if in_ci else pytest.skip)(f"environments missing: {missing}")
    if shutil.which("haproxy") is None:
        pytest.fail(
            "haproxy is not installed: run scripts/setup_haproxy.sh (make test-scaled does)"
        )
    backing = Backing.from_env(name=NAME)
    down = unreachable(backing)
    if down:
        pytest.skip(f"the scaled profile needs PostgreSQL, Redis and RabbitMQ: {'; '.join(down)}")
    stack = ScaledStack(
        model_path=model_path(),
        state_dir=tmp_path_factory.mktemp("scaled_stack"),
        ports=ScaledPorts.from_base(PORT_BASE),
        backing=backing,
        rasa_replicas=2,
        action_replicas=2,
        catalogue_workers=2,
        extra_env={
            "LEAD_OUTBOX_RETRY_SECONDS": "1",
            "CATALOGUE_TIMEOUT_SECONDS": "2",
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
            "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK_URL,
            "TELEGRAM_API_URL": scaled_fake_bot_api.url,
        },
        with_web=True,
        fresh=True,
    )
    try:
        # Start-up runs coroutines (asyncio.run): a browser test before it leaves Playwright's
        # event loop running in this thread, so it starts in a thread of its own.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(stack.start).result()
    except BaseException:
        stack.stop()
        raise
    stack.supervise()
    yield stack
    stack.stop()


@pytest.fixture
def all_replicas_up(scaled_stack: ScaledStack) -> ScaledStack:
    """The stack once HAProxy finds every Rasa replica and action server up again."""
    runtime = scaled_stack.runtime
    runtime.wait_until_up("rasa_http", scaled_stack.rasa_names(), timeout=600)
    runtime.wait_until_up("actions", scaled_stack.action_names(), timeout=600)
    return scaled_stack
