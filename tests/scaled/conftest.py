"""The scaled profile for the tests: one `ScaledStack` for the session (scripts/scaled/).

Two Rasa replicas and two action servers behind HAProxy, the catalogue API with two
workers, on PostgreSQL, Redis and RabbitMQ; supervised, so that a process a test kills
comes back. Skipped when those three are not reachable.

- `HUB_SCALED_TEST_PORT_BASE` (default 16600 + HUB_TEST_PORT_OFFSET): its ports, from
  there on (`ScaledPorts.from_base`: balancer +0, action servers +1, catalogue +2, ...).
- `HUB_SCALED_TEST_NAME` (default `hub_scaled_test`): its databases
  (`<name>_tracker`, ...), RabbitMQ virtual host and lock keys; emptied at the start.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from scripts.scaled.backing import unreachable
from scripts.scaled.config import Backing, ScaledPorts
from scripts.scaled.stack import ScaledStack
from tests.conftest import PORT_OFFSET, REPO_ROOT, REQUIRED_ENVIRONMENTS, model_path

PORT_BASE = int(os.environ.get("HUB_SCALED_TEST_PORT_BASE", str(16600 + PORT_OFFSET)))
NAME = os.environ.get("HUB_SCALED_TEST_NAME", "hub_scaled_test")


@pytest.fixture(scope="session")
def scaled_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledStack]:
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
        extra_env={"LEAD_OUTBOX_RETRY_SECONDS": "1", "CATALOGUE_TIMEOUT_SECONDS": "2"},
        with_web=True,
        fresh=True,
    )
    try:
        stack.start()
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
