"""Keeps the stack's services running: one that exits is restarted, with capped backoff.

A service that exits (a crash, `kill -9`, an out-of-memory kill) is logged with its exit
code and started again after a delay that doubles with each exit in a row (0.25 s,
0.5 s, 1 s, ... up to 30 s); one that ran for a minute before exiting starts again from
0.25 s.
The other services keep serving meanwhile. Used by `make run` in the foreground and by
the resilience tests in a background thread.

Why not a supervisor from PyPI: honcho stops every process when one exits (what this
runner did before) and has no restart; supervisord restarts, but gives up for good
(FATAL) after `startretries` quick failures, restarts a service that crashes after
`startsecs` at once, with no backoff, and needs a daemon, its own config file and a
control socket, where the tests start stacks on ports and state directories of their
own. This module is about a hundred lines of standard library that the default and the
scaled profiles and the tests share, with the services' health checks.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stack.service import Service

logger = logging.getLogger("stack")

#: How often the supervisor looks at the processes.
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Backoff:
    """The delay before each restart of a service that keeps exiting.

    Attributes:
        initial: Delay before the first restart.
        factor: How much the delay grows with each exit in a row.
        cap: The longest delay.
        stable_after: A service that ran this long before it exited counts as stable:
            its next restart waits `initial` again.
    """

    initial: float = 0.25
    factor: float = 2.0
    cap: float = 30.0
    stable_after: float = 60.0

    def delay(self, exits_in_a_row: int) -> float:
        """Seconds to wait before restarting after the n-th exit in a row (n >= 1)."""
        return min(self.cap, self.initial * self.factor ** max(0, exits_in_a_row - 1))


@dataclass
class _Watch:
    """What the supervisor knows about one service."""

    service: Service
    started_at: float
    exits_in_a_row: int = 0
    restart_at: float | None = None
    restarts: int = 0
    healthy: bool = True


class Supervisor:
    """Restarts the services that exit; the others are left alone."""

    def __init__(
        self,
        services: Iterable[Service],
        backoff: Backoff | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Watches running services (already started, e.g. by `Stack.start`).

        Args:
            services: The services to keep running.
            backoff: The restart delays; the defaults above when None.
            clock: Monotonic seconds (tests pass a fake one).
        """
        self.backoff = backoff or Backoff()
        self._clock = clock
        self._watches = [_Watch(service, clock()) for service in services]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def restarts(self) -> dict[str, int]:
        """How many times each service was restarted."""
        return {watch.service.name: watch.restarts for watch in self._watches}

    def poll(self) -> None:
        """One look at every service: notes exits, restarts those whose delay is over."""
        for watch in self._watches:
            if watch.restart_at is None:
                self._check(watch)
            elif self._clock() >= watch.restart_at:
                self._restart(watch)

    def _check(self, watch: _Watch) -> None:
        service = watch.service
        process = service.process
        code = process.poll() if process is not None else None
        if process is not None and code is None:
            if not watch.healthy and service.is_healthy():
                watch.healthy = True
                ran = self._clock() - watch.started_at
                logger.info("%s is healthy again, %.1f s after its restart", service.name, ran)
            return
        ran = self._clock() - watch.started_at
        delay = self._schedule(watch, stable=ran >= self.backoff.stable_after)
        service.kill_leftovers()
        logger.warning(
            "%s exited with code %s after %.1f s; restarting it in %.3g s (exit %d in a row)",
            service.name,
            _describe(code),
            ran,
            delay,
            watch.exits_in_a_row,
        )

    def _schedule(self, watch: _Watch, *, stable: bool) -> float:
        """Sets the time of the next start after an exit; returns the delay."""
        watch.exits_in_a_row = 1 if stable else watch.exits_in_a_row + 1
        delay = self.backoff.delay(watch.exits_in_a_row)
        watch.restart_at = self._clock() + delay
        return delay

    def _restart(self, watch: _Watch) -> None:
        try:
            watch.service.start()
        except OSError as error:  # e.g. its program is gone: try again later
            delay = self._schedule(watch, stable=False)
            logger.error(
                "%s could not be started (%s); trying again in %.3g s",
                watch.service.name,
                error,
                delay,
            )
            return
        watch.started_at = self._clock()
        watch.restart_at = None
        watch.restarts += 1
        watch.healthy = False
        pid = watch.service.process.pid if watch.service.process else None
        logger.info("%s restarted (pid %s)", watch.service.name, pid)

    def run(self, poll_seconds: float = POLL_SECONDS) -> None:
        """Polls until `stop` is called (or, in the foreground, until Ctrl-C)."""
        while not self._stop.wait(poll_seconds):
            self.poll()

    def start(self) -> None:
        """Runs the supervisor in a background thread."""
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="stack-supervisor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stops supervising (the services keep running) and waits for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _describe(code: int | None) -> str:
    """An exit code as the log shows it: `1`, or `-9 (SIGKILL)` for a signal."""
    if code is None:
        return "unknown (never started)"
    if code < 0:
        try:
            return f"{code} ({signal.Signals(-code).name})"
        except ValueError:
            return str(code)
    return str(code)
