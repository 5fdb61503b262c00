"""A local SMTP server for the test stack's staff alert e-mails (aiosmtpd, from web/.venv).

The server is aiosmtpd's command line with its ``Mailbox`` handler, run by the website's
environment (where aiosmtpd is locked as a test dependency): every message it accepts is a file
in a Maildir's ``new/`` folder, read here with the standard library.
"""

from __future__ import annotations

import email
import email.policy
import socket
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import cast

from stack.profiles.default import REPO_ROOT

WEB_PYTHON = REPO_ROOT / "web/.venv/bin/python"
HOST = "127.0.0.1"
#: Where the test stack's website e-mails its staff alerts.
STAFF_ALERT_ADDRESS = "staff@hub.test"
STARTUP_TIMEOUT_SECONDS = 20.0
#: The website's alert task: look for new alerts often, retry a failed e-mail soon.
ALERT_TIMING_ENV = {
    "HUB_ALERT_POLL_SECONDS": "0.5",
    "HUB_ALERT_RETRY_SECONDS": "1",
    "HUB_ALERT_RETRY_MAX_SECONDS": "5",
}


@dataclass(frozen=True)
class CaughtMail:
    """A message the server accepted, and when it arrived (epoch seconds)."""

    message: EmailMessage
    arrived_at: float
    name: str

    @property
    def body(self) -> str:
        """The plain text body."""
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""


def aiosmtpd_available() -> bool:
    """Whether the website's environment has aiosmtpd."""
    if not WEB_PYTHON.exists():
        return False
    check = subprocess.run([str(WEB_PYTHON), "-c", "import aiosmtpd"], capture_output=True)
    return check.returncode == 0


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class MailCatcher:
    """aiosmtpd on loopback, delivering into a Maildir."""

    def __init__(self, maildir: Path, port: int | None = None) -> None:
        self.maildir = maildir
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server and wait until it accepts connections.

        Raises:
            RuntimeError: It exited or did not listen in time.
        """
        handler = ("-c", "aiosmtpd.handlers.Mailbox", str(self.maildir))
        with (self.maildir.parent / "smtp.log").open("wb") as log:
            self._process = subprocess.Popen(
                [str(WEB_PYTHON), "-m", "aiosmtpd", "-n", "-l", f"{HOST}:{self.port}", *handler],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"aiosmtpd exited with {self._process.returncode}")
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"aiosmtpd did not listen on {HOST}:{self.port}")

    def stop(self) -> None:
        """Stop the server (its own process only)."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def website_env(self, web_url: str, to: str) -> Mapping[str, str]:
        """What the website needs to e-mail its alerts to ``to`` through this server."""
        return {
            "SMTP_HOST": HOST,
            "SMTP_PORT": str(self.port),
            "SMTP_SECURITY": "none",
            "HUB_ALERT_EMAIL": to,
            "WEB_PUBLIC_URL": web_url,
            **ALERT_TIMING_ENV,
        }

    def messages(self) -> list[CaughtMail]:
        """Every message caught so far, oldest first."""
        caught = []
        for path in (self.maildir / "new").glob("*"):
            with path.open("rb") as file:
                message = email.message_from_binary_file(file, policy=email.policy.default)
            caught.append(CaughtMail(cast(EmailMessage, message), path.stat().st_mtime, path.name))
        return sorted(caught, key=lambda mail: mail.arrived_at)

    def wait_for(
        self, matches: Callable[[CaughtMail], bool], timeout: float, poll: float = 0.1
    ) -> CaughtMail:
        """The first caught message that ``matches``, waiting up to ``timeout`` seconds.

        Raises:
            TimeoutError: None came in time.
        """
        deadline = time.monotonic() + timeout
        while True:
            found = next((mail for mail in self.messages() if matches(mail)), None)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"no matching e-mail in {timeout:.0f} s")
            time.sleep(poll)
