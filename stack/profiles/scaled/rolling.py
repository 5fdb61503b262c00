"""Rolling model update: the Rasa replicas replaced one at a time, no request failed.

For each replica: HAProxy stops sending it new requests (`drain` in the REST/HTTP API
backend, `maint` in the socket.io one, whose visitors reconnect to another replica), the
requests it is serving finish (`scur` and `qcur` of `show stat` stay at 0), the process is
stopped and started again with the new model, and once its `/status` names that model it
is put back (`ready`) and HAProxy's health checks find it up. Only then the next one.
A replica that does not come up with the new model is started again with the old one,
and the update stops there.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stack.profiles.scaled.haproxy import RASA_HTTP, RASA_SOCKETIO, HAProxyRuntime

if TYPE_CHECKING:
    from stack.profiles.scaled.stack import ScaledStack

#: How long a replica may take to finish the requests it has.
DRAIN_TIMEOUT_SECONDS = 120.0
#: How long a replica may take to load a model and answer.
START_TIMEOUT_SECONDS = 600.0
#: The replica must look idle this long (in-flight requests end, none queued).
IDLE_FOR_SECONDS = 1.0


def rolling_update(
    stack: ScaledStack, model_path: Path, report: Callable[[str], None] = print
) -> None:
    """Replaces every Rasa replica of `stack`, one at a time, with `model_path`.

    Raises:
        FileNotFoundError: The model file does not exist.
        RuntimeError: A replica was down before the update, or did not come up with the
            new model (it runs the old one again; the replicas after it were not touched).
    """
    from stack.profiles.scaled.stack import option_set

    model_path = model_path.resolve()
    if not model_path.is_file():
        raise FileNotFoundError(f"no model file at {model_path}")
    runtime = stack.runtime
    down = [n for n in stack.rasa_names() if runtime.stat(RASA_HTTP, n).status != "UP"]
    if down:
        raise RuntimeError(f"not updating while replicas are down: {', '.join(down)}")
    supervisor = stack.base.supervisor
    if supervisor is not None:  # this module stops and starts the replicas itself
        supervisor.stop()
        stack.base.supervisor = None
    try:
        for name in stack.rasa_names():
            started = time.monotonic()
            service = stack.service(name)
            old_argv = service.argv
            _take_out(runtime, name, report)
            service.stop()
            service.argv = option_set(old_argv, "--model", str(model_path))
            service.start()
            report(f"{name}: restarted with {model_path.name}, loading it")
            if not _serves(stack, name, model_path):
                report(f"{name}: did not come up with {model_path.name}; back to the old model")
                service.stop()
                service.argv = old_argv
                service.start()
                _serves(stack, name, None)
                _put_back(runtime, name, report)
                raise RuntimeError(f"{name} did not start with {model_path}; see its log")
            _put_back(runtime, name, report)
            report(f"{name}: replaced in {time.monotonic() - started:.0f} s")
        stack.model_path = stack.base.model_path = model_path
    finally:
        if supervisor is not None:
            stack.supervise()


def _take_out(runtime: HAProxyRuntime, name: str, report: Callable[[str], None]) -> None:
    """No new requests for `name`; returns when it has none left."""
    runtime.set_state(RASA_HTTP, name, "drain")
    runtime.set_state(RASA_SOCKETIO, name, "maint")
    report(f"{name}: draining (no new requests)")
    idle_since: list[float] = []

    def idle() -> bool:
        stat = runtime.stat(RASA_HTTP, name)
        if stat.current_sessions or stat.queued:
            idle_since.clear()
            return False
        if not idle_since:
            idle_since.append(time.monotonic())
        return time.monotonic() - idle_since[0] >= IDLE_FOR_SECONDS

    runtime.wait_for(idle, f"{name} finishing its requests", DRAIN_TIMEOUT_SECONDS)


def _put_back(runtime: HAProxyRuntime, name: str, report: Callable[[str], None]) -> None:
    runtime.set_state(RASA_HTTP, name, "ready")
    runtime.set_state(RASA_SOCKETIO, name, "ready")
    runtime.wait_until_up(RASA_HTTP, [name])
    report(f"{name}: back in the balancer")


def _serves(stack: ScaledStack, name: str, model_path: Path | None) -> bool:
    """Waits until the replica answers /status (naming `model_path`, when given)."""
    service = stack.service(name)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if service.process is None or service.process.poll() is not None:
            return False
        request = urllib.request.Request(service.health_url, headers=stack.secrets.rasa_headers())
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                loaded = json.load(response).get("model_file") or ""
        except (urllib.error.URLError, OSError, ValueError):
            loaded = None
        if loaded is not None and (model_path is None or Path(loaded).name == model_path.name):
            return True
        time.sleep(0.5)
    return False
