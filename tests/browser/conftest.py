"""Fixtures for the real-browser tests: the running stack's endpoints and headless Chromium.

They run against the test session's stack (tests/conftest.py), or against an already
running website when ``HUB_WEB_URL``, ``HUB_STAFF_USER`` and ``HUB_STAFF_PASSWORD`` are set.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.mail_catcher import MailCatcher

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM_PATH = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
#: Playwright's own browser download is impossible here: Debian's Chromium is driven instead.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRED_ENV = ("HUB_WEB_URL", "HUB_STAFF_USER", "HUB_STAFF_PASSWORD")
HEALTH_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class HubEndpoints:
    """Where the running website is and who may sign into its console."""

    web_url: str
    staff_user: str
    staff_password: str


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)")
    pytest.skip(reason)


def _wait_until_healthy(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"the website did not answer at {url}")
        time.sleep(0.5)


@pytest.fixture(scope="session")
def hub(request: pytest.FixtureRequest) -> HubEndpoints:
    """The website and a staff credential: from the environment, or the session's stack."""
    if all(os.environ.get(name, "").strip() for name in REQUIRED_ENV):
        web_url = os.environ["HUB_WEB_URL"].strip().rstrip("/")
        staff_user = os.environ["HUB_STAFF_USER"].strip()
        staff_password = os.environ["HUB_STAFF_PASSWORD"]
    else:
        stack = request.getfixturevalue("stack")
        if not any(service.name == "web" for service in stack.services):
            _skip_or_fail("the website's environment (web/.venv) is missing")
        web_url = stack.url("web")
        staff_user = stack.secrets.staff_user
        staff_password = stack.secrets.staff_password
    _wait_until_healthy(f"{web_url}/health", HEALTH_TIMEOUT_SECONDS)
    return HubEndpoints(web_url=web_url, staff_user=staff_user, staff_password=staff_password)


@pytest.fixture(scope="session")
def staff_inbox(request: pytest.FixtureRequest, hub: HubEndpoints) -> MailCatcher:
    """The SMTP server that catches the session stack's staff alert e-mails."""
    if all(os.environ.get(name, "").strip() for name in REQUIRED_ENV):
        pytest.skip("the e-mails of a website started elsewhere are not caught here")
    catcher: MailCatcher | None = request.getfixturevalue("staff_mail")
    if catcher is None:
        _skip_or_fail("no aiosmtpd in web/.venv to catch the alert e-mails")
        raise AssertionError  # unreachable: _skip_or_fail raises
    return catcher


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright, with a fresh profile."""
    if not Path(CHROMIUM_PATH).is_file():
        _skip_or_fail(f"no Chromium at {CHROMIUM_PATH} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile_dir = tempfile.mkdtemp(prefix="hub-browser-")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH,
            headless=True,
            args=CHROMIUM_ARGS,
            env={**os.environ, "HOME": profile_dir},
        )
        try:
            yield chromium
        finally:
            chromium.close()
    shutil.rmtree(profile_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """``test-artifacts/screenshots/`` (gitignored), created if needed."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
