"""Soak: a steady message rate against a stack of its own, for minutes; errors, latency, memory.

`make soak` (not part of `make test`) starts the whole stack on ports and a state
directory of its own, supervised as `make run` is, and sends messages over Rasa's REST
channel at a fixed rate (open loop: a slow answer does not slow the next message down),
from conversations that greet, search the catalogue, ask about services and the hub in
English, Chinese and Russian, and fill in the lead form. It reports errors (any status
but 200, no answer, a timeout; target 0), the latency percentiles, every service's
memory (RSS of its process group, from /proc) when the load starts, after the warm-up
and at the end with the growth, and service restarts. The figures are also written to
`soak.json` in the state directory.

    python scripts/soak.py --model models/<digest>.tar.gz --rate 20 --duration 600

`--replicas N` soaks the scaled profile instead (stack/profiles/scaled/: N Rasa replicas behind
HAProxy on PostgreSQL, Redis and RabbitMQ, databases named `hub_scaled_soak`, emptied
first; ports from `--first-port`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as `python scripts/soak.py`
    sys.path.insert(0, str(REPO_ROOT))

from scripts.soak_memory import group_rss_mib  # noqa: E402
from stack.profiles.default import Ports, Stack  # noqa: E402
from stack.profiles.scaled.config import Backing, ScaledPorts  # noqa: E402
from stack.profiles.scaled.stack import ScaledStack  # noqa: E402

REQUEST_TIMEOUT_SECONDS = 10.0
#: One conversation per language: a new conversation (sender) for each pass.
CONVERSATIONS = {
    "en": [
        "hello",
        '/search_projects{"sector":"medical"}',
        "What is the investment of the cold chain park?",
        '/ask_service{"service":"visa"}',
        '/ask_hub_info{"topic":"events"}',
        "/leave_contact",
        "Aibek Nurlanov",
        "Nomad Logistics LLP",
        "Kazakhstan",
        "{email}",
        "the cold chain park, and we need visa support",
        "/affirm",
    ],
    "zh": [
        "你好",
        '/search_projects{"sector":"logistics"}',
        "冷链物流园在哪里？",
        '/ask_service{"service":"legal"}',
        "中心有哪些活动？",
        "/leave_contact",
        "王伟",
        "没有",
        "中国",
        "{email}",
        "冷链物流园，还需要签证服务",
        "/affirm",
    ],
    "ru": [
        "Здравствуйте",
        '/search_projects{"sector":"trade"}',
        "Расскажите о парке холодовой цепи",
        '/ask_service{"service":"accounting"}',
        "Какие мероприятия проводит центр?",
        "/leave_contact",
        "Данияр Сейткали",
        "нет",
        "Казахстан",
        "{email}",
        "парк холодовой цепи, и нужна помощь с визой",
        "/affirm",
    ],
}


class Conversations:
    """Hands out the next message of the next conversation, thread-safely."""

    def __init__(self, parallel: int) -> None:
        self._lock = threading.Lock()
        self._passes = itertools.count()
        self._slots = [self._new_pass() for _ in range(parallel)]
        self._turn = itertools.count()

    def _new_pass(self) -> tuple[str, list[str], int]:
        number = next(self._passes)
        language = list(CONVERSATIONS)[number % len(CONVERSATIONS)]
        sender = f"soak-{number}"
        return sender, CONVERSATIONS[language], 0

    def next(self) -> tuple[str, str]:
        """The sender and text of the next message."""
        with self._lock:
            slot = next(self._turn) % len(self._slots)
            sender, messages, position = self._slots[slot]
            text = messages[position].replace("{email}", f"{sender}@example.com")
            self._slots[slot] = (
                (sender, messages, position + 1)
                if position + 1 < len(messages)
                else self._new_pass()
            )
            return sender, text


def send(url: str, sender: str, text: str) -> tuple[float, str | None]:
    """Sends one message; returns the latency and the error, if any."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            answer = json.loads(response.read())
        error = None if any(m.get("text") for m in answer) else "no answer"
    except urllib.error.HTTPError as failure:
        error = f"HTTP {failure.code}"
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as failure:
        error = type(failure).__name__
    return time.perf_counter() - started, error


def memory(stack: Stack | ScaledStack) -> dict[str, float]:
    """RSS in MiB of each service's process group."""
    return {
        service.name: group_rss_mib(service.process.pid) if service.process else 0.0
        for service in stack.services
    }


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def soak(
    stack: Stack | ScaledStack, rate: float, duration: float, warmup: float, parallel: int
) -> dict:
    """Sends `rate` messages a second for `duration` seconds; returns the figures."""
    url = f"{stack.url('rasa')}/webhooks/rest/webhook"
    conversations = Conversations(parallel)
    latencies: list[float] = []  # of the answered messages
    sent = 0
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    samples = {"idle": memory(stack)}

    def one() -> None:
        latency, error = send(url, *conversations.next())
        nonlocal sent
        with lock:
            sent += 1
            if error:
                errors[error] += 1
            else:
                latencies.append(latency)

    total = int(rate * duration)
    started = time.monotonic()
    next_report = started + 60
    # Enough threads for every message of a timeout's span: the client never queues.
    with ThreadPoolExecutor(max_workers=int(rate * REQUEST_TIMEOUT_SECONDS) + 8) as pool:
        for number in range(total):
            due = started + number / rate
            time.sleep(max(0.0, due - time.monotonic()))
            pool.submit(one)
            now = time.monotonic()
            if "after warm-up" not in samples and now - started >= warmup:
                samples["after warm-up"] = memory(stack)
            if now >= next_report:
                next_report += 60
                with lock:
                    answered, failed = len(latencies), sum(errors.values())
                print(f"  {now - started:4.0f} s: {answered} answered, {failed} errors", flush=True)
        sent_for = time.monotonic() - started
    samples["end"] = memory(stack)
    return {
        "rate_asked": rate,
        "rate_sent": round(total / sent_for, 2),
        "messages": sent,
        "answered_per_second": round(len(latencies) / sent_for, 2),
        "errors": dict(errors),
        "latency_ms_of_answers": latency_summary(latencies),
        "memory_mib": samples,
        "restarts": stack.supervisor.restarts() if stack.supervisor else {},
    }


def latency_summary(latencies: list[float]) -> dict[str, int]:
    """Percentiles, maximum and mean in milliseconds (empty without any answer)."""
    if not latencies:
        return {}
    summary = {
        name: round(1000 * percentile(latencies, share))
        for name, share in (("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99))
    }
    return summary | {
        "max": round(1000 * max(latencies)),
        "mean": round(1000 * statistics.fmean(latencies)),
    }


def growth_table(samples: dict[str, dict[str, float]]) -> str:
    """Each service's RSS at each sample, and its growth since the warm-up and since idle."""
    lines = [f"  {'service':10} {'idle':>8} {'warm':>8} {'end':>8} {'vs warm':>8} {'vs idle':>8}"]
    warm = samples.get("after warm-up", samples["idle"])
    for name, idle in samples["idle"].items():
        end = samples["end"][name]
        lines.append(
            f"  {name:10} {idle:8.0f} {warm[name]:8.0f} {end:8.0f}"
            f" {_growth(warm[name], end):>8} {_growth(idle, end):>8}"
        )
    return "\n".join(lines)


def _growth(before: float, after: float) -> str:
    return f"{100 * (after - before) / before:+.1f} %" if before else "n/a"


def main(argv: list[str] | None = None) -> int:
    """Command line; exits 1 when there were errors or a service grew 10 % or more."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--rate", type=float, default=20.0, help="messages per second")
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of load")
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before 'warm'")
    parser.add_argument("--conversations", type=int, default=40, help="held at once")
    parser.add_argument("--first-port", type=int, default=18500, help="4 ports from here")
    parser.add_argument("--state-dir", type=Path, help="default: a new temporary directory")
    parser.add_argument(
        "--replicas", type=int, default=0, help="soak the scaled profile with N Rasa replicas"
    )
    args = parser.parse_args(argv)
    state_dir = args.state_dir or Path(tempfile.mkdtemp(prefix="hub-soak-"))
    port = args.first_port
    stack: Stack | ScaledStack
    if args.replicas:
        stack = ScaledStack(
            model_path=args.model.resolve(),
            state_dir=state_dir,
            ports=ScaledPorts.from_base(port),
            backing=Backing.from_env(name="hub_scaled_soak"),
            rasa_replicas=args.replicas,
            fresh=True,
        )
    else:
        stack = Stack(
            model_path=args.model,
            state_dir=state_dir,
            ports=Ports(catalogue=port, actions=port + 1, rasa=port + 2, web=port + 3),
        )
    print(f"Starting a stack of its own in {state_dir} …", flush=True)
    stack.start()
    stack.supervise()
    try:
        print(f"Sending {args.rate:g} messages/s for {args.duration:g} s …", flush=True)
        figures = soak(stack, args.rate, args.duration, args.warmup, args.conversations)
    finally:
        stack.stop()
    (state_dir / "soak.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps({k: v for k, v in figures.items() if k != "memory_mib"}, indent=2))
    print("Memory (RSS, MiB):\n" + growth_table(figures["memory_mib"]))
    warm, end = figures["memory_mib"].get("after warm-up", {}), figures["memory_mib"]["end"]
    grew = [name for name in end if warm.get(name) and end[name] >= 1.1 * warm[name]]
    return 1 if figures["errors"] or grew or any(figures["restarts"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
