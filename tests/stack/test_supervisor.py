"""The stack runner restarts a service that exits, with capped exponential backoff.

Fake services are short Python processes; a fake clock drives the backoff, except in
the tests of the background thread, which wait on conditions with a deadline.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stack.service import Service
from stack.supervisor import Backoff, Supervisor

#: Nothing listens on the discard port: the fake services are never healthy.
NO_HEALTH = "http://127.0.0.1:9/health"
SLEEPER = "import time; time.sleep(60)"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def make_service(tmp_path: Path) -> Iterator[Callable[[str, str], Service]]:
    started: list[Service] = []

    def make(name: str, code: str) -> Service:
        service = Service(
            name=name,
            argv=[sys.executable, "-c", code],
            env={},
            health_url=NO_HEALTH,
            log_path=tmp_path / f"{name}.log",
        )
        service.start()
        started.append(service)
        return service

    yield make
    for service in started:
        service.stop(timeout=5)


@pytest.fixture
def caplog_stack(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="stack")
    return caplog


def wait_for_exit(service: Service) -> None:
    assert service.process is not None
    service.process.wait(timeout=10)


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def crash_and_poll(supervisor: Supervisor, service: Service, clock: FakeClock) -> float:
    """Lets the service exit, has the supervisor notice; returns the delay it chose."""
    wait_for_exit(service)
    before = clock.now
    supervisor.poll()
    watch = next(w for w in supervisor._watches if w.service is service)
    assert watch.restart_at is not None
    return watch.restart_at - before


def test_the_delay_doubles_up_to_the_cap():
    backoff = Backoff(initial=0.5, factor=2.0, cap=30.0)
    assert [backoff.delay(n) for n in range(1, 10)] == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]


def test_the_default_delays_start_at_a_quarter_second_and_stop_at_30():
    backoff = Backoff()
    assert backoff.delay(1) == 0.25
    assert backoff.delay(100) == 30


def test_an_exited_service_is_logged_and_restarted_after_the_delay(make_service, caplog_stack):
    clock = FakeClock()
    service = make_service("catalogue", "raise SystemExit(3)")
    first_pid = service.process.pid
    supervisor = Supervisor([service], Backoff(initial=0.5), clock=clock)

    assert crash_and_poll(supervisor, service, clock) == 0.5
    assert "catalogue exited with code 3" in caplog_stack.text
    assert "restarting it in 0.5 s" in caplog_stack.text

    clock.advance(0.4)
    supervisor.poll()
    assert service.process.pid == first_pid
    clock.advance(0.1)
    supervisor.poll()
    assert service.process.pid != first_pid
    assert supervisor.restarts() == {"catalogue": 1}
    assert "catalogue restarted (pid" in caplog_stack.text


def test_exits_in_a_row_double_the_delay_until_the_cap(make_service):
    clock = FakeClock()
    service = make_service("rasa", "raise SystemExit(1)")
    supervisor = Supervisor([service], Backoff(initial=0.5, cap=4.0), clock=clock)
    delays = []
    for _ in range(5):
        delay = crash_and_poll(supervisor, service, clock)
        delays.append(delay)
        clock.advance(delay)
        supervisor.poll()  # restarts it
    assert delays == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert supervisor.restarts() == {"rasa": 5}


def test_a_service_that_ran_long_enough_starts_again_from_the_initial_delay(make_service):
    clock = FakeClock()
    service = make_service("actions", "raise SystemExit(1)")
    supervisor = Supervisor([service], Backoff(initial=0.5, stable_after=60), clock=clock)
    for _ in range(3):
        delay = crash_and_poll(supervisor, service, clock)
        clock.advance(delay)
        supervisor.poll()
    assert delay == 2.0
    clock.advance(61)  # the restarted process "ran" for a minute before it exited
    assert crash_and_poll(supervisor, service, clock) == 0.5


def test_a_kill_9_is_logged_with_its_signal_and_the_others_keep_running(make_service, caplog_stack):
    clock = FakeClock()
    web = make_service("web", SLEEPER)
    rasa = make_service("rasa", SLEEPER)
    web_pid = web.process.pid
    supervisor = Supervisor([web, rasa], Backoff(initial=0.5), clock=clock)
    os.kill(rasa.process.pid, signal.SIGKILL)
    assert crash_and_poll(supervisor, rasa, clock) == 0.5
    assert "rasa exited with code -9 (SIGKILL)" in caplog_stack.text
    clock.advance(0.5)
    supervisor.poll()
    assert rasa.process.poll() is None
    assert web.process.pid == web_pid
    assert web.process.poll() is None
    assert supervisor.restarts() == {"web": 0, "rasa": 1}


def test_a_service_that_cannot_be_started_is_tried_again_later(make_service, caplog_stack):
    clock = FakeClock()
    service = make_service("catalogue", "raise SystemExit(1)")
    supervisor = Supervisor([service], Backoff(initial=0.5), clock=clock)
    clock.advance(crash_and_poll(supervisor, service, clock))
    service.argv = ["/nonexistent/python"]
    supervisor.poll()
    assert "catalogue could not be started" in caplog_stack.text
    assert "trying again in 1 s" in caplog_stack.text
    assert supervisor.restarts() == {"catalogue": 0}


def test_what_is_left_of_the_process_group_is_killed(make_service, tmp_path):
    child_pid_file = tmp_path / "child.pid"
    parent = (
        "import pathlib, subprocess, sys;"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
        f"pathlib.Path({str(child_pid_file)!r}).write_text(str(child.pid))"
    )
    service = make_service("web", parent)
    wait_for_exit(service)
    child_pid = int(child_pid_file.read_text())
    Supervisor([service], clock=FakeClock()).poll()
    wait_until(lambda: not _alive(child_pid))


def test_the_background_thread_restarts_a_killed_service(make_service, caplog_stack):
    service = make_service("catalogue", SLEEPER)
    first_pid = service.process.pid
    supervisor = Supervisor([service], Backoff(initial=0.05))
    supervisor.start()
    try:
        os.kill(first_pid, signal.SIGKILL)
        wait_until(lambda: service.process.pid != first_pid and service.process.poll() is None)
    finally:
        supervisor.stop()
    assert supervisor.restarts() == {"catalogue": 1}


def test_after_stop_nothing_is_restarted(make_service):
    service = make_service("actions", SLEEPER)
    supervisor = Supervisor([service], Backoff(initial=0.01))
    supervisor.start()
    supervisor.stop()
    service.stop(timeout=5)
    time.sleep(0.3)  # long enough for several polls, had the thread survived
    assert service.process is None
    assert supervisor.restarts() == {"actions": 0}


def test_a_restarted_service_that_answers_is_logged_healthy(make_service, caplog_stack):
    clock = FakeClock()
    service = make_service("web", "raise SystemExit(1)")
    supervisor = Supervisor([service], clock=clock)
    clock.advance(crash_and_poll(supervisor, service, clock))
    service.argv = [sys.executable, "-c", SLEEPER]
    supervisor.poll()
    service.is_healthy = lambda: True  # type: ignore[method-assign]
    clock.advance(2.5)
    supervisor.poll()
    assert "web is healthy again, 2.5 s after its restart" in caplog_stack.text


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its dead parent's reaper) counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


CTRL_C_SCRIPT = """
import signal, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from stack.service import Service
from stack.supervisor import Supervisor

def interrupt(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGINT, interrupt)
service = Service(name="web", argv=[sys.executable, "-c", "import time; time.sleep(60)"],
                  env={{}}, health_url={health!r}, log_path=Path({log!r}))
service.start()
print(service.process.pid, flush=True)
try:
    Supervisor([service]).run()
except KeyboardInterrupt:
    service.stop(timeout=5)
    print("stopped", flush=True)
"""


def test_ctrl_c_ends_supervision_in_the_foreground_and_stops_the_services(tmp_path):
    script = CTRL_C_SCRIPT.format(
        root=str(Path(__file__).resolve().parents[2]),
        health=NO_HEALTH,
        log=str(tmp_path / "web.log"),
    )
    runner = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    service_pid = int(runner.stdout.readline())
    time.sleep(0.3)  # a few polls
    runner.send_signal(signal.SIGINT)
    assert runner.stdout.readline().strip() == "stopped"
    assert runner.wait(timeout=10) == 0
    wait_until(lambda: not _alive(service_pid))
