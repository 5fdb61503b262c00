"""Load benchmark: this assistant beside Rasa's own starter bot, driven by Locust.

One run (`make bench`) does, in order, each bot alone on the machine:

1. Rasa's starter bot: `rasa init --no-prompt` in a temporary folder (same `.venv`),
   trained there, served by `rasa run --enable-api` with the SQL tracker store on SQLite.
2. This assistant's real stack, as the end-to-end tests start it (stack/profiles/default.py):
   catalogue API, action server and Rasa server on their own ports and a throw-away
   state directory.
3. The scaled profile (bench/scaled.py) with 1, 2 and 3 Rasa replicas behind HAProxy, on
   PostgreSQL, Redis and RabbitMQ (`--replicas`; skipped, with a note, without them).

The starter bot stays up for the whole run, and its greeting is measured again right
before each scaled stack's runs: every ratio compares with the baseline taken next to it.
For each bot: the model load time (the Rasa process started until `/status` answers,
measured twice), a warm-up, then Locust (bench/.venv, headless) on the REST channel
(`POST /webhooks/rest/webhook`) in conversations of ten turns, at 1, 10 and 50
concurrent conversations, per scenario: a greeting for both bots, and for the assistant a
catalogue-backed answer ("show me medical projects" and the like). Every load is bounded
in messages and in time, on the loopback interface only. Last, the assistant's Rasa
server is profiled under load with py-spy.

Writes results/benchmark.md (the table), results/benchmark.json and results/bench/
(Locust logs, raw samples, profiles); `--update-docs` also puts the table into
docs/benchmark.md between its markers.

    .venv/bin/python -m bench --model models/<digest>.tar.gz [--quick] [--replicas 1,2,3]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import sys
from dataclasses import asdict
from pathlib import Path

from bench.bots import StarterBot, assistant
from bench.report import report, update_docs
from bench.scaled import bot_name, scaled_profile
from bench.scenarios import BENCH_VENV, DOCS_FILE, LEVELS, QUICK_LEVELS, REPO_ROOT, BotResult
from stack.profiles.default import Ports


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """Command line of `make bench`; returns the exit status."""
    # SIGTERM and SIGHUP unwind like Ctrl-C, so every server started here is stopped.
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, _interrupt)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="the assistant's model")
    parser.add_argument("--quick", action="store_true", help="fewer conversations per level")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy profile")
    parser.add_argument(
        "--only",
        choices=["starter", "assistant", "scaled"],
        help="the starter bot and one of the others (or the starter bot alone)",
    )
    parser.add_argument(
        "--replicas",
        default="1,2,3",
        help="Rasa replica counts of the scaled profile, comma-separated; empty skips it",
    )
    parser.add_argument(
        "--update-docs", action="store_true", help=f"write the table into {DOCS_FILE}"
    )
    parser.add_argument(
        "--port-offset", type=int, default=int(os.environ.get("HUB_BENCH_PORT_OFFSET", "0"))
    )
    parser.add_argument(
        "--endpoints", type=Path, help="the assistant's Rasa server with this endpoints file"
    )
    parser.add_argument(
        "--single-rasa",
        action="store_true",
        help="the assistant with one Rasa process, not the default profile's two behind HAProxy",
    )
    parser.add_argument(
        "--keep-starter",
        type=Path,
        help="copy the starter bot's folder here; when it holds one already, serve that one",
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "results")
    args = parser.parse_args()

    if not (BENCH_VENV / "bin/locust").exists():
        print("bench/.venv is missing: run bench/setup_env.sh (make bench does)", file=sys.stderr)
        return 2
    started = datetime.datetime.now()
    out_dir = args.out / "bench"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    levels = QUICK_LEVELS if args.quick else LEVELS
    offset = args.port_offset
    assistant_ports = Ports(
        catalogue=29000 + offset, actions=29055 + offset, rasa=29005 + offset, web=29080 + offset
    )
    starter = StarterBot(out_dir, 29105 + offset, args.keep_starter)
    bots = [starter.result, BotResult("this assistant")]
    try:
        starter.start()
        starter.result.runs = starter.measure(levels, "this assistant")
        starter.long_conversation()
        if args.only in (None, "assistant"):
            bots[1] = assistant(
                args.model,
                levels,
                out_dir,
                assistant_ports,
                not args.no_profile,
                args.endpoints,
                pair=not args.single_rasa,
            )
            bots[1].baseline = starter.result.runs
        if args.only in (None, "scaled"):
            for replicas in (int(value) for value in args.replicas.split(",") if value.strip()):
                baseline = starter.measure(levels, bot_name(replicas))
                scaled = scaled_profile(args.model, replicas, levels, out_dir, 28700 + offset)
                scaled.baseline = baseline
                bots.append(scaled)
    finally:
        starter.stop()

    command = "make bench" if os.environ.get("MAKELEVEL") else " ".join(sys.argv)
    table = report(bots, started, command, levels)
    total = (datetime.datetime.now() - started).total_seconds()
    table += f"\nThe whole run took {total / 60:.1f} minutes.\n"
    (args.out / "benchmark.md").write_text(table)
    (args.out / "benchmark.json").write_text(
        json.dumps(
            {"started": started.isoformat(), "command": command, "bots": [asdict(b) for b in bots]},
            indent=2,
        )
    )
    print()
    print(table)
    print(f"Written to {args.out / 'benchmark.md'} (details in {out_dir}/).")
    if args.update_docs:
        update_docs(table)
        print(f"Table written into {DOCS_FILE}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
