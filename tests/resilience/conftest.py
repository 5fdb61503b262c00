"""A stack of their own for the resilience tests, supervised, on ports of its own.

The tests kill its services, so it never is the session's stack: its ports are the test
ports moved by `PORT_SHIFT`, its state directory (`test-artifacts/resilience/`, emptied
at the start and kept afterwards for its logs) is its own, and it stops with the module.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator

import pytest

from stack.profiles.default import REPO_ROOT, Ports, Stack
from tests.conftest import PORT_OFFSET, REQUIRED_ENVIRONMENTS, model_path

#: The stack's state and logs, and the test's report (kill_report.json), kept after the run.
STATE_DIR = REPO_ROOT / "test-artifacts" / "resilience"
#: Added to the session stack's ports (18000, 15055, 15005, 18080 + HUB_TEST_PORT_OFFSET).
PORT_SHIFT = 20
RESILIENCE_PORTS = Ports(
    catalogue=18000 + PORT_OFFSET + PORT_SHIFT,
    actions=15055 + PORT_OFFSET + PORT_SHIFT,
    rasa=15005 + PORT_OFFSET + PORT_SHIFT,
    web=18080 + PORT_OFFSET + PORT_SHIFT,
)


class SupervisorLog(logging.Handler):
    """Keeps what the stack's supervisor logs."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def supervisor_log() -> Iterator[SupervisorLog]:
    handler = SupervisorLog()
    logger = logging.getLogger("stack")
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(previous_level)


@pytest.fixture(scope="module")
def supervised_stack(supervisor_log: SupervisorLog) -> Iterator[Stack]:
    missing = [path for path in REQUIRED_ENVIRONMENTS if not (REPO_ROOT / path).exists()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"environments missing in CI: {missing}; run scripts/setup_env.sh")
        pytest.skip(f"environments missing: {missing}; run scripts/setup_env.sh")
    if STATE_DIR.exists():
        shutil.rmtree(STATE_DIR)
    stack = Stack(
        model_path=model_path(),
        state_dir=STATE_DIR,
        ports=RESILIENCE_PORTS,
        extra_env={"LEAD_OUTBOX_RETRY_SECONDS": "1", "CATALOGUE_TIMEOUT_SECONDS": "2"},
    )
    stack.start()
    stack.supervise()
    yield stack
    stack.stop()
