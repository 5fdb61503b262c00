"""The default profile's two Rasa processes behind HAProxy on Rasa's port.

Rasa takes 20-30 s to load its model (most of it importing TensorFlow), and one Rasa
process answers about 18 messages a second here, bound by its event loop. `make run`
therefore starts two Rasa processes with the same model, endpoints and SQLite tracker
store, and HAProxy on Rasa's port in front of them (`rasa_pair/haproxy.cfg.tmpl`):

- the REST channel: each conversation goes to one of the two, by a consistent hash of
  its `sender`, so that Rasa's in-memory conversation locks stay valid;
- socket.io and the HTTP API: to the first process while it is up, to the second while
  it is not, so that a staff reply reaches the process that holds the visitor's socket.
  socket.io has no limit of connections per process: each visitor on the page holds one.

When a process dies, HAProxy takes it out at the first refused connection and sends that
request, and the next ones, to the other; the supervisor restarts it, and HAProxy sends
it requests again once it passes two health checks. The second process starts once the
first is healthy: two processes creating the same SQLite tables at once would race.

Without HAProxy on the machine (scripts/setup_haproxy.sh installs it), the stack runs
the single Rasa server on Rasa's port, as before.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from string import Template

from stack.profiles.scaled.haproxy import (
    RASA_MAXCONN,
    RASA_QUEUE_TIMEOUT,
    HAProxyRuntime,
    haproxy_service,
)
from stack.service import Service

TEMPLATE = Path(__file__).with_name("rasa_pair.haproxy.cfg.tmpl")
#: HAProxy's backends: the REST channel (hashed); socket.io and the HTTP API (first
#: process, second as backup).
REST_BACKEND, SOCKETIO_BACKEND, BACKEND = "rasa_rest", "rasa_socketio", "rasa"
#: The two Rasa processes: their names (as services and in HAProxy) and port offsets.
FIRST, SECOND = "rasa", "rasa-b"
PORT_OFFSETS = {FIRST: 10, SECOND: 11}
#: HAProxy's own health check, on Rasa's port.
MONITOR_URI = "/haproxy/health"


def process_port(rasa_port: int, name: str) -> int:
    """The port Rasa process `name` listens on, behind HAProxy on `rasa_port`."""
    return rasa_port + PORT_OFFSETS[name]


def render(host: str, rasa_port: int, stats_socket: Path) -> str:
    """HAProxy's configuration for the two Rasa processes behind `host:rasa_port`."""
    first, second = (f"{host}:{process_port(rasa_port, n)}" for n in (FIRST, SECOND))
    limited = f"check maxconn {RASA_MAXCONN}"

    def both(options: str) -> str:
        return f"    server {FIRST} {first} {options}\n    server {SECOND} {second} {options}"

    return Template(TEMPLATE.read_text()).substitute(
        host=host,
        rasa_port=rasa_port,
        monitor_uri=MONITOR_URI,
        stats_socket=stats_socket,
        rasa_maxconn=RASA_MAXCONN,
        rasa_queue_timeout=RASA_QUEUE_TIMEOUT,
        rest_servers=both(limited),
        socketio_servers=both("check") + " backup",
        servers=both(limited) + " backup",
    )


def rasa_pair(
    rasa: Service, host: str, rasa_port: int, state_dir: Path, binary: str
) -> list[Service]:
    """HAProxy and the two Rasa processes, in start order, in place of `rasa`.

    Writes HAProxy's configuration into `state_dir`.
    """
    config = state_dir / "haproxy.cfg"
    config.write_text(render(host, rasa_port, state_dir / "haproxy.sock"))
    health_url = f"http://{host}:{rasa_port}{MONITOR_URI}"
    haproxy = haproxy_service(config, health_url, state_dir / "logs" / "haproxy.log", binary)
    processes = []
    for name in (FIRST, SECOND):
        port = process_port(rasa_port, name)
        argv = list(rasa.argv)
        argv[argv.index("--port") + 1] = str(port)
        processes.append(
            dataclasses.replace(
                rasa,
                name=name,
                argv=argv,
                env=dict(rasa.env),
                health_url=f"http://{host}:{port}/status",
                log_path=state_dir / "logs" / f"{name}.log",
                start_after=FIRST if name == SECOND else None,
            )
        )
    return [haproxy, *processes]


def runtime(state_dir: Path) -> HAProxyRuntime:
    """HAProxy's runtime API of the stack in `state_dir`."""
    return HAProxyRuntime(state_dir / "haproxy.sock")


def socket_process(haproxy: HAProxyRuntime) -> str | None:
    """The process socket.io and the HTTP API go to now: the first one up, or None."""
    for name in (FIRST, SECOND):
        if haproxy.stat(SOCKETIO_BACKEND, name).status.startswith("UP"):
            return name
    return None
