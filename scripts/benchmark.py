"""REST-channel latency of the assistant: p50/p95 for a greeting and a catalogue search.

Starts its own stack (catalogue API, action server, Rasa server; SQLite tracker store) on
spare ports with a throw-away state directory, warms it up, then sends the messages one at
a time from one client, as visitors would: conversations of `--turns` messages each. The
first message of each conversation, which also starts the session, is not timed.

    .venv/bin/python scripts/benchmark.py --model models/<digest>.tar.gz [--requests 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.stack import REPO_ROOT, Ports, Stack

SCENARIOS = {
    "greeting": "hello",
    "catalogue search": "show me medical projects",
}


def post(url: str, payload: dict) -> list:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--turns", type=int, default=10, help="timed messages per conversation")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "results" / "benchmark.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as state:
        stack = Stack(
            model_path=args.model,
            state_dir=Path(state),
            ports=Ports(catalogue=28000, actions=25055, rasa=25005, web=28080),
            with_web=False,
        )
        stack.start()
        try:
            webhook = f"{stack.url('rasa')}/webhooks/rest/webhook"
            report = {}
            for name, text in SCENARIOS.items():
                for _ in range(args.warmup):
                    post(webhook, {"sender": "bench-warmup", "message": text})
                samples = []
                for index in range(args.requests):
                    sender = f"bench-{name.replace(' ', '-')}-{index // args.turns}"
                    if index % args.turns == 0:
                        post(webhook, {"sender": sender, "message": text})
                    started = time.perf_counter()
                    answer = post(webhook, {"sender": sender, "message": text})
                    samples.append((time.perf_counter() - started) * 1000)
                    if not answer:
                        raise RuntimeError(f"{name}: the bot did not answer")
                report[name] = {
                    "requests": len(samples),
                    "turns_per_conversation": args.turns,
                    "p50_ms": round(statistics.median(samples), 1),
                    "p95_ms": round(percentile(samples, 0.95), 1),
                    "max_ms": round(max(samples), 1),
                }
        finally:
            stack.stop()

    print("| scenario | requests | p50 (ms) | p95 (ms) | max (ms) |")
    print("| --- | --- | --- | --- | --- |")
    for name, numbers in report.items():
        print(
            f"| {name} | {numbers['requests']} | {numbers['p50_ms']} | {numbers['p95_ms']} |"
            f" {numbers['max_ms']} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
