"""The default profile's two Rasa processes: HAProxy's configuration, the services, the
sharing of REST conversations and the handover when one dies.

The tests with traffic run the real HAProxy (skipped where it is not installed; `make test`
installs it) in front of two small HTTP servers standing in for the Rasa processes.
"""

from __future__ import annotations

import concurrent.futures
import json
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

from stack import rasa_pair as stack_rasa_pair
from stack.profiles.default import Ports, Stack
from stack.profiles.scaled.haproxy import RASA_MAXCONN, RASA_QUEUE_TIMEOUT, haproxy_binary
from stack.service import Service

HAPROXY = haproxy_binary()
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


#: Stands in for a Rasa process: answers 200 to any GET or POST on the port after `--port`,
#: after `?hold=<seconds>` (a socket.io long poll).
FAKE_RASA = """
import http.server, sys, time, urllib.parse

class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        time.sleep(float(query.get("hold", ["0"])[0]))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.do_GET()

    def log_message(self, *args):
        pass

class Server(http.server.ThreadingHTTPServer):
    # Sanic's backlog (Rasa's server) is 100; the standard library's 5 overflows when HAProxy
    # opens many connections at once on a busy machine, and a dropped SYN marks the process down.
    request_queue_size = 100

port = int(sys.argv[sys.argv.index("--port") + 1])
Server(("127.0.0.1", port), Answer).serve_forever()
"""


def wait_for(condition, what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not after {timeout} s"
        time.sleep(0.05)


def answered_by(url: str, timeout: float = 5) -> str:
    """Which process answered a GET (socket.io and the HTTP API go the same way)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.headers["X-Rasa-Process"]


def rest_answered_by(base_url: str, sender: str) -> str:
    """Which process answered a REST channel message of `sender`."""
    body = json.dumps({"sender": sender, "message": "hello"}).encode()
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers["X-Rasa-Process"]


@needs_haproxy
def test_the_configuration_is_valid(tmp_path: Path):
    config = tmp_path / "haproxy.cfg"
    config.write_text(stack_rasa_pair.render("127.0.0.1", 5005, tmp_path / "haproxy.sock"))
    checked = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = config.read_text()
    assert text.count("server rasa 127.0.0.1:5015 check maxconn 8\n") == 2
    assert text.count("server rasa-b 127.0.0.1:5016 check maxconn 8\n") == 1
    assert text.count("server rasa-b 127.0.0.1:5016 check maxconn 8 backup\n") == 1
    assert text.count("server rasa 127.0.0.1:5015 check\n") == 1
    assert text.count("server rasa-b 127.0.0.1:5016 check backup\n") == 1


def test_the_pair_replaces_the_single_rasa_service(tmp_path: Path):
    rasa = Service(
        name="rasa",
        argv=["python", "-m", "bot.server.serve", "run", "--port", "5005", "--model", "m.tar.gz"],
        env={"HUB_STATE_DIR": str(tmp_path)},
        health_url="http://127.0.0.1:5005/status",
        log_path=tmp_path / "logs" / "rasa.log",
    )
    services = stack_rasa_pair.rasa_pair(rasa, "127.0.0.1", 5005, tmp_path, "/usr/sbin/haproxy")
    assert [s.name for s in services] == ["haproxy", "rasa", "rasa-b"]
    haproxy, primary, standby = services
    assert haproxy.health_url == "http://127.0.0.1:5005/haproxy/health"
    assert haproxy.argv == ["/usr/sbin/haproxy", "-db", "-f", str(tmp_path / "haproxy.cfg")]
    assert (tmp_path / "haproxy.cfg").exists()
    assert primary.argv[primary.argv.index("--port") + 1] == "5015"
    assert standby.argv[standby.argv.index("--port") + 1] == "5016"
    assert primary.health_url == "http://127.0.0.1:5015/status"
    assert standby.log_path == tmp_path / "logs" / "rasa-b.log"
    assert (primary.start_after, standby.start_after) == (None, "rasa")
    assert standby.env == rasa.env and standby.env is not rasa.env
    assert rasa.argv[rasa.argv.index("--port") + 1] == "5005"


def test_without_the_pair_rasa_listens_on_its_own_port(tmp_path: Path):
    stack = Stack(
        model_path=tmp_path / "model.tar.gz",
        state_dir=tmp_path,
        ports=Ports(rasa=25005),
        with_web=False,
        rasa_pair=False,
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
        rasa_pair=False,
    )
    stack.services = stack_rasa_pair.rasa_pair(rasa, "127.0.0.1", base, tmp_path, HAPROXY or "")
    yield stack, base
    stack.stop()


@needs_haproxy
def test_the_second_process_starts_once_the_first_is_healthy(two_fakes, monkeypatch):
    stack, _ = two_fakes
    primary = stack.service("rasa")
    seen_at_standby_start: list[bool] = []
    standby = stack.service("rasa-b")
    original_start = standby.start

    def start() -> None:
        seen_at_standby_start.append(primary.is_healthy())
        original_start()

    monkeypatch.setattr(standby, "start", start)
    stack.start()
    assert seen_at_standby_start == [True]
    assert standby.is_healthy()


@needs_haproxy
def test_rest_conversations_are_shared_and_each_stays_with_one_process(two_fakes):
    stack, base = two_fakes
    stack.start()
    haproxy = stack_rasa_pair.runtime(stack.state_dir)
    haproxy.wait_until_up(stack_rasa_pair.REST_BACKEND, ["rasa", "rasa-b"], timeout=15)
    url = f"http://127.0.0.1:{base}"
    processes = {f"visitor-{n}": rest_answered_by(url, f"visitor-{n}") for n in range(20)}
    assert set(processes.values()) == {"rasa", "rasa-b"}
    assert {s: rest_answered_by(url, s) for s in processes} == processes
    assert {answered_by(f"{url}/socket.io/") for _ in range(5)} == {"rasa"}


@needs_haproxy
def test_the_other_process_answers_at_once_when_one_dies_until_it_is_back(two_fakes):
    stack, base = two_fakes
    url = f"http://127.0.0.1:{base}"
    stack.start()
    haproxy = stack_rasa_pair.runtime(stack.state_dir)
    for backend in (stack_rasa_pair.BACKEND, stack_rasa_pair.REST_BACKEND):
        haproxy.wait_until_up(backend, ["rasa", "rasa-b"], timeout=15)
    first_senders = [s for s in (f"v{n}" for n in range(20)) if rest_answered_by(url, s) == "rasa"]
    assert first_senders
    assert stack_rasa_pair.socket_process(haproxy) == "rasa"

    first = stack.service("rasa")
    assert first.process is not None
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait()
    # Each backend finds the dead process on its first refused connection, retried at once
    # on the other process after HAProxy's turn-around delay (0.5 s here).
    started = time.monotonic()
    assert rest_answered_by(url, first_senders[0]) == "rasa-b"
    assert time.monotonic() - started < 1.5
    started = time.monotonic()
    assert answered_by(f"{url}/conversations/v1/tracker") == "rasa-b"
    assert time.monotonic() - started < 1.5
    assert {rest_answered_by(url, s) for s in first_senders} == {"rasa-b"}
    wait_for(lambda: stack_rasa_pair.socket_process(haproxy) == "rasa-b", "rasa marked down")

    first.start()
    wait_for(lambda: stack_rasa_pair.socket_process(haproxy) == "rasa", "rasa back up")
    wait_for(lambda: haproxy.stat(stack_rasa_pair.REST_BACKEND, "rasa").status == "UP", "rasa back")
    assert {rest_answered_by(url, s) for s in first_senders} == {"rasa"}
    assert answered_by(f"{url}/conversations/v1/tracker") == "rasa"


@needs_haproxy
def test_socketio_connections_are_not_limited_per_process(two_fakes):
    """Each visitor on the page holds a socket.io connection open: the ninth visitor must
    not wait in HAProxy's queue (and get a 503 after 5 s) behind the first eight."""
    stack, base = two_fakes
    stack.start()
    haproxy = stack_rasa_pair.runtime(stack.state_dir)
    haproxy.wait_until_up(stack_rasa_pair.SOCKETIO_BACKEND, ["rasa", "rasa-b"], timeout=15)
    visitors = 2 * RASA_MAXCONN
    hold = int(RASA_QUEUE_TIMEOUT.removesuffix("s")) + 1
    url = f"http://127.0.0.1:{base}/socket.io/?EIO=4&transport=polling&hold={hold}"
    with concurrent.futures.ThreadPoolExecutor(visitors) as pool:
        polls = [pool.submit(answered_by, url, hold + 5) for _ in range(visitors)]
        assert [poll.result() for poll in polls] == ["rasa"] * visitors
