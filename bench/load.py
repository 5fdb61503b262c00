"""Headless Locust runs and the py-spy profile under load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.processes import (
    children_cpu_seconds,
    cpu_seconds,
    machine_busy_seconds,
    say,
    steal_seconds,
    stop_process_plain,
    tail,
)
from bench.scenarios import (
    BENCH_DIR,
    BENCH_VENV,
    CATALOGUE,
    LOCUSTFILE,
    TURNS,
    Level,
    RunResult,
    Scenario,
)


def percentile(ordered: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not ordered:
        return 0.0
    position = fraction * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def run_locust(
    bot: str,
    base_url: str,
    scenario: Scenario,
    level: Level,
    out_dir: Path,
    max_seconds: int,
    pids: dict[str, int],
) -> RunResult:
    """One bounded headless Locust run; percentiles from the raw samples it writes."""
    slug = f"{bot}-{scenario.name}-{level.name}".replace(" ", "_")
    samples_path = out_dir / f"{slug}.jsonl"
    log_path = out_dir / f"{slug}.locust.log"
    env = {
        **os.environ,
        "BENCH_MESSAGES": json.dumps(scenario.messages),
        "BENCH_CHECK": scenario.check,
        "BENCH_CONVERSATIONS": str(level.conversations_per_user),
        "BENCH_TURNS": str(TURNS),
        "BENCH_SAMPLES": str(samples_path),
        "BENCH_LABEL": slug,
    }
    argv = [
        str(BENCH_VENV / "bin/locust"),
        "-f", str(LOCUSTFILE),
        "--headless",
        "--users", str(level.users),
        "--spawn-rate", str(level.users),
        "--run-time", f"{max_seconds}s",
        "--stop-timeout", "30",
        "--host", base_url,
        "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    load_average = os.getloadavg()[0]
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    machine_before, locust_before = machine_busy_seconds(), children_cpu_seconds()
    steal_before = steal_seconds()
    wall_before = time.monotonic()
    with log_path.open("wb") as log:
        subprocess.run(
            argv, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=max_seconds + 90
        )
    cpu_used = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
    others = (
        machine_busy_seconds()
        - machine_before
        - (children_cpu_seconds() - locust_before)
        - sum(cpu_used.values())
    )
    samples = [json.loads(line) for line in samples_path.read_text().splitlines() if line]
    if not samples:
        raise RuntimeError(f"Locust sent nothing ({bot}, {scenario.name}):\n{tail(log_path)}")
    result = RunResult(
        bot=bot,
        scenario=scenario.name,
        level=level.name,
        users=level.users,
        planned=level.messages,
        load_average=round(load_average, 2),
        other_cpu_cores=round(max(others, 0.0) / (time.monotonic() - wall_before), 2),
        steal_cores=round((steal_seconds() - steal_before) / (time.monotonic() - wall_before), 2),
    )
    ordered = sorted(sample["ms"] for sample in samples)
    result.sent = len(samples)
    result.cpu_ms_per_message = {
        name: round(1000 * used / result.sent, 1) for name, used in cpu_used.items()
    }
    for sample in samples:
        if sample["error"]:
            result.errors += 1
            result.error_kinds[sample["error"]] = result.error_kinds.get(sample["error"], 0) + 1
    result.p50_ms = round(percentile(ordered, 0.50), 1)
    for turn in range(1, TURNS + 1):
        of_turn = sorted(sample["ms"] for sample in samples if sample["turn"] == turn)
        if of_turn:
            result.p50_ms_by_turn[turn] = round(percentile(of_turn, 0.5), 1)
    result.p95_ms = round(percentile(ordered, 0.95), 1)
    result.p99_ms = round(percentile(ordered, 0.99), 1)
    first = min(sample["start"] for sample in samples)
    last = max(sample["start"] + sample["ms"] / 1000 for sample in samples)
    result.duration_s = round(last - first, 2)
    answered = result.sent - result.errors
    result.throughput = round(answered / result.duration_s, 2) if result.duration_s else 0.0
    print(
        f"    {scenario.name:17} {level.name:14} {result.sent:4} msgs  p50 {result.p50_ms:7.1f}"
        f"  p95 {result.p95_ms:7.1f}  p99 {result.p99_ms:7.1f} ms  {result.throughput:6.2f} msg/s"
        f"  errors {result.errors}  CPU ms/msg "
        + ", ".join(f"{name} {ms}" for name, ms in result.cpu_ms_per_message.items()),
        flush=True,
    )
    return result


def load_all(
    bot: str,
    base_url: str,
    scenarios: list[Scenario],
    levels: list[Level],
    out_dir: Path,
    pids: dict[str, int],
) -> list[RunResult]:
    """Every scenario at every level, one Locust run each."""
    runs = []
    for scenario in scenarios:
        for level in levels:
            runs.append(run_locust(bot, base_url, scenario, level, out_dir, 150, pids))
    return runs


def profile_under_load(base_url: str, pids: dict[str, int], out_dir: Path, users: int = 50) -> None:
    """py-spy on each process of `pids` at once while Locust sends catalogue searches.

    Writes `profile-<name>.raw` (collapsed stacks), `profile-<name>.md` (the top frames,
    bench/profile_summary.py) and, for the first Rasa process and the action server,
    `profile-<name>.svg` (a flame graph, recorded right after).
    """
    say(f"assistant: profiling {', '.join(pids)} under load, {users} at once (py-spy)")
    locust_argv = [str(BENCH_VENV / "bin/locust"), "-f", str(LOCUSTFILE), "--headless"]
    locust_argv += ["--users", str(users), "--spawn-rate", str(users), "--run-time", "50s"]
    locust_argv += ["--host", base_url, "--only-summary", "--loglevel", "WARNING"]
    locust = subprocess.Popen(
        locust_argv,
        env={
            **os.environ,
            "BENCH_MESSAGES": json.dumps(CATALOGUE.messages),
            "BENCH_CHECK": CATALOGUE.check,
            "BENCH_CONVERSATIONS": "50",
            "BENCH_SAMPLES": str(out_dir / "profile-load.jsonl"),
            "BENCH_LABEL": "profile",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)
        _py_spy_all(pids, out_dir, "raw")
        _py_spy_all({n: p for n, p in pids.items() if n in ("rasa", "actions")}, out_dir, "svg")
        for name in pids:
            summary_argv = [sys.executable, str(BENCH_DIR / "profile_summary.py")]
            summary_argv += [str(out_dir / f"profile-{name}.raw"), "--top", "45"]
            summary = subprocess.run(summary_argv, capture_output=True, text=True, check=True)
            (out_dir / f"profile-{name}.md").write_text(summary.stdout)
        print(f"    {out_dir}/profile-*.md and profile-*.svg", flush=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"    py-spy failed: {error}", flush=True)
    finally:
        stop_process_plain(locust)


def _py_spy_all(pids: dict[str, int], out_dir: Path, suffix: str) -> None:
    """py-spy records each process for 18 s, all at once (raw stacks or a flame graph)."""
    fmt = "raw" if suffix == "raw" else "flamegraph"
    recorders = []
    for name, pid in pids.items():
        argv = [str(BENCH_VENV / "bin/py-spy"), "record", "--pid", str(pid), "--nonblocking"]
        argv += ["--duration", "18", "--rate", "100", "--format", fmt]
        argv += ["--output", str(out_dir / f"profile-{name}.{suffix}")]
        recorders.append(subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for recorder in recorders:
        _, error = recorder.communicate(timeout=120)
        if recorder.returncode:
            raise subprocess.CalledProcessError(recorder.returncode, recorder.args, stderr=error)
