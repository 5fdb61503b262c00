"""One process of the stack: started in its own process group, checked, stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stack.files import SERVICE_UMASK, open_log

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Service:
    """One process of the stack."""

    name: str
    argv: list[str]
    env: dict[str, str]
    health_url: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    #: Headers of each health check, made anew every time (e.g. a short-lived token).
    health_headers: Callable[[], dict[str, str]] | None = None
    #: The service that must be healthy before this one starts (by `Stack.start`).
    start_after: str | None = None

    def start(self) -> None:
        """Starts the process in its own process group, logging to its file.

        The log is 0600 in a 0700 directory, and the process runs with a umask of 077: what it
        writes (databases, the outbox, its own files) is readable by the service user only.
        """
        with open_log(self.log_path) as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=REPO_ROOT,
                env={**os.environ, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                umask=SERVICE_UMASK,
            )

    def is_healthy(self) -> bool:
        """Whether the service answers its health URL with a 2xx."""
        headers = self.health_headers() if self.health_headers else {}
        request = urllib.request.Request(self.health_url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return 200 <= response.status < 300
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def stop(self, timeout: float = 15.0) -> None:
        """Stops the process group: SIGTERM, then SIGKILL after `timeout` seconds."""
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        self.process = None

    def kill_leftovers(self) -> None:
        """Kills what is left of the process group of a process that has exited.

        A server's workers or children could otherwise hold its port and keep the
        restarted process from serving.
        """
        if self.process is None or self.process.poll() is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
