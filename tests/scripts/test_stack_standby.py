"""The default profile's warm standby: HAProxy's configuration, the services, the handover.

The handover test runs the real HAProxy (skipped where it is not installed; `make test`
installs it) in front of two small HTTP servers standing in for the Rasa processes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import stack_standby
from scripts.stack import Ports, Stack
from scripts.stack_service import Service

HAPROXY = stack_standby.haproxy_binary()
needs_haproxy = pytest.mark.skipif(HAPROXY is None, reason="haproxy is not installed")


def free_base_port() -> int:
    """A port whose +10 and +11 are free too (Rasa's port and its two processes)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + 11 < 65535 and all(_free(base + offset) for offset in (10, 11)):
            return base
    raise RuntimeError("no free ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


#: Stands in for a Rasa process: answers 200 to any GET on the port after `--port`.
FAKE_RASA = """
import http.server, sys

class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass

port = int(sys.argv[sys.argv.index("--port") + 1])
http.server.ThreadingHTTPServer(("127.0.0.1", port), Answer).serve_forever()
"""


def wait_for(condition, what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not after {timeout} s"
        time.sleep(0.05)


def answered_by(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers["X-Rasa-Process"]


@needs_haproxy
def test_the_configuration_is_valid(tmp_path: Path):
    config = tmp_path / "haproxy.cfg"
    config.write_text(stack_standby.render("127.0.0.1", 5005, tmp_path / "haproxy.sock"))
    checked = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "server rasa 127.0.0.1:5015 check" in config.read_text()
    assert "server rasa-standby 127.0.0.1:5016 check maxconn 8 backup" in config.read_text()


def test_the_standby_replaces_the_single_rasa_service(tmp_path: Path):
    rasa = Service(
        name="rasa",
        argv=["python", "-m", "bot.serve", "run", "--port", "5005", "--model", "m.tar.gz"],
        env={"HUB_STATE_DIR": str(tmp_path)},
        health_url="http://127.0.0.1:5005/status",
        log_path=tmp_path / "logs" / "rasa.log",
    )
    services = stack_standby.with_standby(rasa, "127.0.0.1", 5005, tmp_path, "/usr/sbin/haproxy")
    assert [s.name for s in services] == ["haproxy", "rasa", "rasa-standby"]
    haproxy, primary, standby = services
    assert haproxy.health_url == "http://127.0.0.1:5005/haproxy/health"
    assert haproxy.argv == ["/usr/sbin/haproxy", "-db", "-f", str(tmp_path / "haproxy.cfg")]
    assert (tmp_path / "haproxy.cfg").exists()
    assert primary.argv[primary.argv.index("--port") + 1] == "5015"
    assert standby.argv[standby.argv.index("--port") + 1] == "5016"
    assert primary.health_url == "http://127.0.0.1:5015/status"
    assert standby.log_path == tmp_path / "logs" / "rasa-standby.log"
    assert (primary.start_after, standby.start_after) == (None, "rasa")
    assert standby.env == rasa.env and standby.env is not rasa.env
    assert rasa.argv[rasa.argv.index("--port") + 1] == "5005"


def test_without_the_standby_rasa_listens_on_its_own_port(tmp_path: Path):
    stack = Stack(
        model_path=tmp_path / "model.tar.gz",
        state_dir=tmp_path,
        ports=Ports(rasa=25005),
        with_web=False,
        rasa_standby=False,
    )
    assert [s.name for s in stack.services] == ["catalogue", "actions", "rasa"]
    assert stack.service("rasa").health_url == "http://127.0.0.1:25005/status"


@pytest.fixture
def two_fakes(tmp_path: Path) -> Iterator[tuple[Stack, int]]:
    """HAProxy and two fake Rasa processes on free ports, as the stack wires them."""
    base = free_base_port()
    rasa = Service(
        name="rasa",
        argv=[sys.executable, "-c", FAKE_RASA, "--port", str(base)],
        env={},
        health_url=f"http://127.0.0.1:{base}/status",
        log_path=tmp_path / "rasa.log",
    )
    stack = Stack(
        model_path=tmp_path / "model.tar.gz",
        state_dir=tmp_path,
        ports=Ports(rasa=base),
        with_web=False,
        rasa_standby=False,
    )
    stack.services = stack_standby.with_standby(rasa, "127.0.0.1", base, tmp_path, HAPROXY or "")
    yield stack, base
    stack.stop()


@needs_haproxy
def test_the_standby_starts_once_the_first_process_is_healthy(two_fakes, monkeypatch):
    stack, _ = two_fakes
    primary = stack.service("rasa")
    seen_at_standby_start: list[bool] = []
    standby = stack.service("rasa-standby")
    original_start = standby.start

    def start() -> None:
        seen_at_standby_start.append(primary.is_healthy())
        original_start()

    monkeypatch.setattr(standby, "start", start)
    stack.start()
    assert seen_at_standby_start == [True]
    assert standby.is_healthy()


@needs_haproxy
def test_the_standby_answers_at_once_when_the_rasa_server_dies_until_it_is_back(
    two_fakes,
):
    stack, base = two_fakes
    url = f"http://127.0.0.1:{base}/"
    stack.start()
    haproxy = stack_standby.runtime(stack.state_dir)
    haproxy.wait_until_up(stack_standby.BACKEND, ["rasa", "rasa-standby"], timeout=15)
    assert answered_by(url) == "rasa"
    assert stack_standby.answering_process(haproxy) == "rasa"

    primary = stack.service("rasa")
    assert primary.process is not None
    os.kill(primary.process.pid, signal.SIGKILL)
    primary.process.wait()
    killed_at = time.monotonic()
    assert answered_by(url) == "rasa-standby"
    assert time.monotonic() - killed_at < 2.0
    wait_for(lambda: haproxy.stat(stack_standby.BACKEND, "rasa").status == "DOWN", "rasa down")
    assert stack_standby.answering_process(haproxy) == "rasa-standby"

    primary.start()
    wait_for(lambda: haproxy.stat(stack_standby.BACKEND, "rasa").status == "UP", "rasa back up")
    assert stack_standby.answering_process(haproxy) == "rasa"
    assert [answered_by(url) for _ in range(5)] == ["rasa"] * 5
