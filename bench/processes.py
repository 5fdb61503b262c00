"""Starting, watching and stopping the servers under test, and reading their CPU time."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.scenarios import HOST, TURNS, Scenario


def say(text: str) -> None:
    """Prints a step of the benchmark in bold."""
    print(f"\033[1m==> {text}\033[0m", flush=True)


def port_is_free(port: int) -> bool:
    """Whether nothing listens on the loopback port."""
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def wait_until_up(
    url: str,
    process: subprocess.Popen[bytes],
    log: Path,
    timeout: float = 300.0,
    headers: Callable[[], dict[str, str]] | None = None,
) -> float:
    """Seconds from now until `url` answers 2xx; raises if the process dies or times out.

    `headers` gives the request's headers each time (a short-lived token, for example).
    """
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited:\n{tail(log)}")
        request = urllib.request.Request(url, headers=headers() if headers else {})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if 200 <= response.status < 300:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"not up after {timeout:.0f} s: {url}\n{tail(log)}")


def tail(path: Path, lines: int = 30) -> str:
    """The last lines of a log file, or a placeholder when it is missing."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def stop_process(process: subprocess.Popen[bytes] | None, timeout: float = 20.0) -> None:
    """SIGTERM to the process group (started with start_new_session), then SIGKILL."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def post(url: str, sender: str, text: str) -> list:
    """Sends one message to a REST channel and returns the bot's answers."""
    request = urllib.request.Request(
        url,
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def warm_up(base_url: str, scenarios: list[Scenario], conversations: int = 2) -> None:
    """A few whole conversations per scenario, not measured (first calls trace graphs)."""
    for scenario in scenarios:
        for index in range(conversations):
            for turn in range(TURNS):
                text = scenario.messages[(index + turn) % len(scenario.messages)]
                post(f"{base_url}/webhooks/rest/webhook", f"warmup-{index}", text)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds this machine's cores have spent busy since boot (Linux /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def steal_seconds() -> float:
    """CPU seconds the hypervisor gave other machines while this one wanted them (steal)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    return int(fields[7]) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """User plus system CPU time of the finished child processes (Locust)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stop_process_plain(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to one process, SIGKILL after 20 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def keep_logs(services: list[Any], out_dir: Path, prefix: str) -> None:
    """Copies each stopped service's log into `out_dir` as `<prefix>-<name>.log`."""
    for service in services:
        if service.log_path.exists():
            shutil.copy(service.log_path, out_dir / f"{prefix}-{service.name}.log")
