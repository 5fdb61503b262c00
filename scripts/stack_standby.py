"""The default profile's warm standby: a second Rasa process behind HAProxy.

Rasa takes 20-30 s to load its model (most of it importing TensorFlow), so a restarted
Rasa server alone leaves visitors without an answer for that long. `make run` therefore
starts two Rasa processes with the same model, endpoints and SQLite tracker store, and
HAProxy on Rasa's port in front of them: one answers, the other (`backup`) waits with its
model loaded. When the Rasa server dies, HAProxy sends the next request, and the request
it died under, to the standby within a second; the supervisor restarts the dead one, and
HAProxy sends requests to it again once it is healthy. Only one process answers at a
time, so Rasa's in-memory conversation locks and socket.io sessions stay valid. (A stick
table would keep traffic on the standby instead, but HAProxy 2.6 does not update a
stuck entry when the request was redispatched.)

Without HAProxy on the machine (scripts/setup_haproxy.sh installs it), the stack runs
the single Rasa server on Rasa's port, as before.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from string import Template

from scripts.scaled.haproxy import RASA_MAXCONN, RASA_QUEUE_TIMEOUT, HAProxyRuntime
from scripts.stack_service import Service

TEMPLATE = Path(__file__).with_name("standby") / "haproxy.cfg.tmpl"
#: HAProxy's backend of the two Rasa processes, and their names in it (= service names).
BACKEND = "rasa"
PRIMARY, STANDBY = "rasa", "rasa-standby"
#: HAProxy's own health check, on Rasa's port.
MONITOR_URI = "/haproxy/health"
#: The Rasa processes listen on Rasa's port plus these offsets.
PORT_OFFSETS = {PRIMARY: 10, STANDBY: 11}


def haproxy_binary() -> str | None:
    """Where HAProxy is installed, or None."""
    found = shutil.which("haproxy")
    if found is None and Path("/usr/sbin/haproxy").exists():
        found = "/usr/sbin/haproxy"
    return found


def render(host: str, rasa_port: int, stats_socket: Path) -> str:
    """HAProxy's configuration for the two Rasa processes behind `host:rasa_port`."""
    primary, standby = (rasa_port + PORT_OFFSETS[name] for name in (PRIMARY, STANDBY))
    return Template(TEMPLATE.read_text()).substitute(
        host=host,
        rasa_port=rasa_port,
        monitor_uri=MONITOR_URI,
        stats_socket=stats_socket,
        rasa_maxconn=RASA_MAXCONN,
        rasa_queue_timeout=RASA_QUEUE_TIMEOUT,
        servers="\n".join(
            (
                f"    server {PRIMARY} {host}:{primary} check maxconn {RASA_MAXCONN}",
                f"    server {STANDBY} {host}:{standby} check maxconn {RASA_MAXCONN} backup",
            )
        ),
    )


def with_standby(
    rasa: Service, host: str, rasa_port: int, state_dir: Path, binary: str
) -> list[Service]:
    """HAProxy, the Rasa server and its standby, in start order, in place of `rasa`.

    Writes HAProxy's configuration into `state_dir`. The standby starts once the Rasa
    server is healthy: two processes creating the same SQLite tables at once would race.
    """
    config = state_dir / "haproxy.cfg"
    config.write_text(render(host, rasa_port, state_dir / "haproxy.sock"))
    haproxy = Service(
        name="haproxy",
        argv=[binary, "-db", "-f", str(config)],
        env={},
        health_url=f"http://{host}:{rasa_port}{MONITOR_URI}",
        log_path=state_dir / "logs" / "haproxy.log",
    )
    processes = []
    for name in (PRIMARY, STANDBY):
        port = rasa_port + PORT_OFFSETS[name]
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
                start_after=PRIMARY if name == STANDBY else None,
            )
        )
    return [haproxy, *processes]


def runtime(state_dir: Path) -> HAProxyRuntime:
    """HAProxy's runtime API of the stack in `state_dir` (which process is up, answering)."""
    return HAProxyRuntime(state_dir / "haproxy.sock")


def answering_process(haproxy: HAProxyRuntime) -> str | None:
    """The Rasa process HAProxy sends requests to now: the first one up, or None."""
    for name in (PRIMARY, STANDBY):
        if haproxy.stat(BACKEND, name).status.startswith("UP"):
            return name
    return None
