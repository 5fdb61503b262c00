"""HAProxy: where it is installed, the scaled profile's configuration, its runtime API.

The configuration comes from the template; the runtime API is also what the default
profile's pair of Rasa processes uses.

The runtime API (`set server <backend>/<server> state ready|drain|maint`, `show stat`) is
reached on the stats socket that the configuration opens in the state directory.
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from stack.profiles.scaled.config import ScaledPorts
from stack.service import Service

TEMPLATE = Path(__file__).with_name("haproxy.cfg.tmpl")
#: The backends a Rasa replica serves in, and the action servers' backend.
RASA_HTTP, RASA_SOCKETIO, ACTIONS = "rasa_http", "rasa_socketio", "actions"


def rasa_server(index: int) -> str:
    """HAProxy's name of Rasa replica `index` (from 1), as the X-Replica header shows it."""
    return f"rasa{index}"


def action_server(index: int) -> str:
    """HAProxy's name of action server `index` (from 1)."""
    return f"actions{index}"


#: Requests one Rasa replica is given at once; more wait in HAProxy's queue.
RASA_MAXCONN = 8
#: How long a request may wait in that queue before it is answered 503 (busy).
RASA_QUEUE_TIMEOUT = "5s"


def render(
    ports: ScaledPorts, host: str, rasa_replicas: int, action_replicas: int, stats_socket: Path
) -> str:
    """The configuration for these ports and numbers of replicas."""
    rasa = range(1, rasa_replicas + 1)
    actions = range(1, action_replicas + 1)
    return Template(TEMPLATE.read_text()).substitute(
        host=host,
        balancer_port=ports.balancer,
        actions_port=ports.actions,
        stats_port=ports.stats,
        stats_socket=stats_socket,
        rasa_maxconn=RASA_MAXCONN,
        rasa_queue_timeout=RASA_QUEUE_TIMEOUT,
        rasa_http_servers="\n".join(
            f"    server {rasa_server(i)} {host}:{ports.rasa(i)} check maxconn {RASA_MAXCONN}"
            for i in rasa
        ),
        rasa_socketio_servers="\n".join(
            f"    server {rasa_server(i)} {host}:{ports.rasa(i)}"
            f" track {RASA_HTTP}/{rasa_server(i)} cookie {rasa_server(i)}"
            for i in rasa
        ),
        action_servers="\n".join(
            f"    server {action_server(i)} {host}:{ports.action_server(i)} check" for i in actions
        ),
    )


def haproxy_binary() -> str | None:
    """Where HAProxy is installed (Debian puts it in /usr/sbin), or None."""
    found = shutil.which("haproxy")
    if found is None and Path("/usr/sbin/haproxy").exists():
        found = "/usr/sbin/haproxy"
    return found


def haproxy_service(
    config: Path, health_url: str, log_path: Path, binary: str | None = None
) -> Service:
    """HAProxy in the foreground (`-db`) with `config`; `binary` defaults to the installed one.

    Raises:
        RuntimeError: HAProxy is not installed (scripts/setup_haproxy.sh installs it).
    """
    binary = binary or haproxy_binary()
    if binary is None:
        raise RuntimeError("haproxy is not installed: run scripts/setup_haproxy.sh")
    return Service(
        name="haproxy",
        argv=[binary, "-db", "-f", str(config)],
        env={},
        health_url=health_url,
        log_path=log_path,
    )


@dataclass
class ServerStat:
    """One server of one backend, from `show stat`."""

    status: str  # UP, DOWN, DRAIN, MAINT, "UP 1/2", ...
    current_sessions: int  # requests being served now (scur)
    queued: int  # requests waiting for the server (qcur)
    total_sessions: int  # requests served since start (stot)


class HAProxyRuntime:
    """HAProxy's runtime API on its stats socket."""

    def __init__(self, socket_path: Path) -> None:
        self.socket_path = socket_path

    def command(self, line: str) -> str:
        """Sends one command and returns HAProxy's answer."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(5)
            connection.connect(str(self.socket_path))
            connection.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def set_state(self, backend: str, server: str, state: str) -> None:
        """Sets a server's administrative state: ready, drain or maint.

        Raises:
            RuntimeError: HAProxy refused (unknown backend or server).
        """
        answer = self.command(f"set server {backend}/{server} state {state}").strip()
        if answer:
            raise RuntimeError(f"haproxy: set server {backend}/{server} state {state}: {answer}")

    def stats(self) -> dict[tuple[str, str], ServerStat]:
        """Every server of every backend, by (backend, server)."""
        text = self.command("show stat").lstrip("# ")
        servers = {}
        for row in csv.DictReader(io.StringIO(text)):
            if row["svname"] in ("FRONTEND", "BACKEND"):
                continue
            servers[(row["pxname"], row["svname"])] = ServerStat(
                status=row["status"],
                current_sessions=int(row["scur"] or 0),
                queued=int(row["qcur"] or 0),
                total_sessions=int(row["stot"] or 0),
            )
        return servers

    def stat(self, backend: str, server: str) -> ServerStat:
        """One server's statistics."""
        return self.stats()[(backend, server)]

    def wait_for(
        self, condition: Callable[[], bool], what: str, timeout: float, poll: float = 0.2
    ) -> None:
        """Polls `condition` until it holds.

        Raises:
            TimeoutError: It did not hold within `timeout` seconds.
        """
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what}: not after {timeout:.0f} s")
            time.sleep(poll)

    def wait_until_up(self, backend: str, servers: list[str], timeout: float = 60) -> None:
        """Waits until HAProxy's health checks have found each server up."""
        self.wait_for(
            lambda: all(self.stat(backend, name).status == "UP" for name in servers),
            f"{backend}: {', '.join(servers)} up in HAProxy",
            timeout,
        )
