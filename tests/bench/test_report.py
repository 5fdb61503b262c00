"""The benchmark's table: each bot compared with the starter bot measured next to it."""

from __future__ import annotations

import datetime

from bench.report import report
from bench.scenarios import CATALOGUE, GREETING, QUICK_LEVELS, BotResult, RunResult


def run(scenario: str, level: str, p50: float, throughput: float, users: int = 10) -> RunResult:
    return RunResult(
        bot="x",
        scenario=scenario,
        level=level,
        users=users,
        planned=100,
        sent=100,
        p50_ms=p50,
        p95_ms=p50 * 2,
        throughput=throughput,
        cpu_ms_per_message={"rasa1.0": 20.0, "rasa2.0": 22.0, "actions1.0": 5.0},
        steal_cores=0.4,
    )


def test_each_bot_is_compared_with_its_own_baseline() -> None:
    starter = BotResult("starter bot (rasa init)", load_times_s=[60.0])
    starter.runs = [run(GREETING.name, "10 concurrent", 100, 10.0)]
    assistant = BotResult("this assistant", load_times_s=[30.0], baseline=starter.runs)
    assistant.runs = [run(CATALOGUE.name, "10 concurrent", 150, 12.0)]
    scaled = BotResult("scaled profile, 2 Rasa replicas", load_times_s=[40.0])
    scaled.baseline = [run(GREETING.name, "10 concurrent", 200, 5.0)]  # a slower moment
    scaled.runs = [run(CATALOGUE.name, "10 concurrent", 100, 20.0)]
    table = report(
        [starter, assistant, scaled], datetime.datetime(2026, 11, 22), "make bench", QUICK_LEVELS
    )
    rows = {line.split(" | ")[0].strip("| ") for line in table.splitlines() if line.startswith("|")}
    assert "(baseline of scaled profile, 2 Rasa replicas)" in rows
    assert "| 1.50× | 1.20× | 42 (47) | 0.40 |" in table  # the assistant against the first
    assert "| 0.50× | 4.00× | 42 (47) | 0.40 |" in table  # the scaled profile, its own
    assert "throughput ≥ 3× starter greeting, catalogue answer, 10 concurrent: 20.0 vs 5.0" in table
