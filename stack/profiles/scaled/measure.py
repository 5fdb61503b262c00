"""Sizing numbers of the scaled profile: memory and CPU per message of each process.

Starts a scaled stack of its own (ports from 28600, names `hub_scaled_measure`, emptied
first), sends the same conversations to one Rasa replica, one message at a time, reads
each process's CPU time (`/proc/<pid>/stat`) before and after and its resident memory
(`VmRSS`), then measures throughput with concurrent senders to one replica and through
HAProxy. docs/deployment.md quotes its output.

    .venv/bin/python -m stack.profiles.scaled.measure --model models/<digest>.tar.gz
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from stack.profiles.scaled.config import Backing, ScaledPorts
from stack.profiles.scaled.stack import ScaledStack

TICKS = os.sysconf("SC_CLK_TCK")
CONVERSATION = [
    "/greet",
    "what projects are there in logistics",
    "tell me about the hub",
    "what services does the hub offer",
    "/leave_contact",
    "Aibek Nurlanov",
    "no",
    "Kazakhstan",
    "aibek@example.kz",
    "the cold chain park",
    "/affirm",
]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def service_processes(stack: ScaledStack) -> dict[str, list[int]]:
    """Each service's process and its children (uvicorn's workers), by service name."""
    found = {}
    for service in stack.services:
        if service.process is None:
            continue
        group = service.process.pid
        found[service.name] = [
            int(entry.name)
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and _process_group(int(entry.name)) == group
        ]
    return found


def _process_group(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, ValueError, IndexError):
        return None


def _send(url: str, sender: str, text: str, session: requests.Session) -> float:
    started = time.monotonic()
    response = session.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text, "metadata": {"language": "en"}},
        timeout=120,
    )
    response.raise_for_status()
    return time.monotonic() - started


def per_message(stack: ScaledStack, conversations: int) -> None:
    """Memory of each process, then CPU per message with one message at a time."""
    processes = service_processes(stack)
    for name, pids in processes.items():
        print(f"memory  {name:<10} {sum(_rss_mb(pid) for pid in pids):6.0f} MB  ({len(pids)} proc)")
    before = {name: sum(_cpu_seconds(pid) for pid in pids) for name, pids in processes.items()}
    session, latencies = requests.Session(), []
    for _ in range(conversations):
        sender = f"measure-{uuid.uuid4().hex[:8]}"
        latencies += [_send(stack.replica_url(1), sender, text, session) for text in CONVERSATION]
    latencies.sort()
    count = len(latencies)
    print(
        f"{count} messages to rasa1, one at a time: p50 {latencies[count // 2] * 1000:.0f} ms,"
        f" p95 {latencies[int(count * 0.95)] * 1000:.0f} ms"
    )
    for name, pids in processes.items():
        spent = sum(_cpu_seconds(pid) for pid in pids) - before[name]
        print(f"cpu     {name:<10} {spent / count * 1000:6.1f} ms per message")


def throughput(url: str, senders: int, seconds: float) -> str:
    """Messages per second that `senders` concurrent conversations get from `url`."""
    deadline, lock, latencies = time.monotonic() + seconds, threading.Lock(), []

    def sender() -> None:
        session, name = requests.Session(), f"load-{uuid.uuid4().hex[:8]}"
        for turn in range(10**6):
            if time.monotonic() > deadline:
                return
            spent = _send(url, name, CONVERSATION[turn % 4], session)
            with lock:
                latencies.append(spent)

    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)
    p50, p95 = latencies[count // 2] * 1000, latencies[int(count * 0.95)] * 1000
    rate = count / seconds
    return f"{senders} senders: {rate:.1f} messages/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms"


def main() -> None:
    """Command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--port-base", type=int, default=28600)
    parser.add_argument("--conversations", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scaled-measure-") as state:
        stack = ScaledStack(
            model_path=args.model.resolve(),
            state_dir=Path(state),
            ports=ScaledPorts.from_base(args.port_base),
            backing=Backing.from_env(name="hub_scaled_measure"),
            fresh=True,
        )
        started = time.monotonic()
        try:
            stack.start()
            print(f"stack up in {time.monotonic() - started:.0f} s")
            per_message(stack, args.conversations)
            print("rasa1 alone:", throughput(stack.replica_url(1), 4, args.seconds))
            print("HAProxy, 2 replicas:", throughput(stack.url("rasa"), 4, args.seconds))
            print("HAProxy, 2 replicas:", throughput(stack.url("rasa"), 8, args.seconds))
            print("load average:", " ".join(Path("/proc/loadavg").read_text().split()[:3]))
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
