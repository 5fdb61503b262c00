"""One running stack (catalogue API, action server, Rasa server, website) per test session.

The end-to-end and browser tests share it; unit tests never start it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from stack.profiles.default import REPO_ROOT, Ports, Stack
from tests.mail_catcher import STAFF_ALERT_ADDRESS, MailCatcher, aiosmtpd_available

#: HUB_TEST_PORT_OFFSET moves the test stack's ports, so that two test runs can share a machine.
PORT_OFFSET = int(os.environ.get("HUB_TEST_PORT_OFFSET", "0"))
TEST_PORTS = Ports(
    catalogue=18000 + PORT_OFFSET,
    actions=15055 + PORT_OFFSET,
    rasa=15005 + PORT_OFFSET,
    web=18080 + PORT_OFFSET,
)
REQUIRED_ENVIRONMENTS = (".venv/bin/rasa", "catalogue/.venv/bin/python")


def model_path() -> Path:
    if os.environ.get("HUB_MODEL"):
        return REPO_ROOT / os.environ["HUB_MODEL"]
    result = subprocess.run(
        [str(REPO_ROOT / "scripts/train.sh")], capture_output=True, text=True, check=True
    )
    return REPO_ROOT / result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def staff_mail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailCatcher | None]:
    """The SMTP server the stack's website sends staff alerts to; ``None`` without aiosmtpd."""
    if not aiosmtpd_available():
        yield None
        return
    catcher = MailCatcher(tmp_path_factory.mktemp("smtp") / "maildir")
    catcher.start()
    yield catcher
    catcher.stop()


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, staff_mail: MailCatcher | None
) -> Iterator[Stack]:
    missing = [path for path in REQUIRED_ENVIRONMENTS if not (REPO_ROOT / path).exists()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"environments missing in CI: {missing}; run scripts/setup_env.sh")
        pytest.skip(f"environments missing: {missing}; run scripts/setup_env.sh")
    web_url = f"http://127.0.0.1:{TEST_PORTS.web}"
    running = Stack(
        model_path=model_path(),
        state_dir=tmp_path_factory.mktemp("stack"),
        ports=TEST_PORTS,
        extra_env={
            "LEAD_OUTBOX_RETRY_SECONDS": "1",
            "CATALOGUE_TIMEOUT_SECONDS": "2",
            **(staff_mail.website_env(web_url, STAFF_ALERT_ADDRESS) if staff_mail else {}),
        },
    )
    running.start()
    yield running
    running.stop()
