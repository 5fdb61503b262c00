"""The benchmark's Markdown table, its targets, and the docs page it updates."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess

from bench.long_conversation import long_conversation_targets, report_lines
from bench.scenarios import (
    BENCH_VENV,
    CATALOGUE,
    DOCS_BEGIN,
    DOCS_END,
    DOCS_FILE,
    GREETING,
    TURNS,
    BotResult,
    Level,
    RunResult,
)


def ratio(value: float, reference: float) -> str:
    """`value / reference` as text, or a dash without a reference."""
    return f"{value / reference:.2f}×" if reference else "–"


def report(
    bots: list[BotResult], started: datetime.datetime, command: str, levels: list[Level]
) -> str:
    """The Markdown table of all runs, the model loads and the targets."""
    starter, ours, *scaled = bots
    reference = baseline_of(starter, starter)
    lines = [
        f"Measured {started:%Y-%m-%d %H:%M} (local time) on {platform.node()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, Rasa 3.6.21 (`.venv`), "
        f"Locust {locust_version()} (`bench/.venv`), loopback only.",
        "",
        f"Command: `{command}`. Each bot ran alone; conversations of {TURNS} turns, no think "
        "time, a new sender id per conversation; every message timed, the first turn included. "
        "Ratios compare with the starter bot's greeting at the same concurrency, measured "
        "right before that bot's runs (the baseline rows below the table; p50: lower is "
        "better; throughput: higher is better). The last column is the CPU time the "
        "hypervisor withheld during the run (steal), in cores of the 2.",
        "",
        "| bot | scenario | concurrency | messages | errors | p50 ms | p95 ms | p99 ms "
        "| msg/s | p50 / starter greeting | msg/s / starter greeting "
        "| CPU ms/msg: Rasa (all services) | steal |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for bot in bots:
        bot_reference = baseline_of(bot, starter)
        if bot.baseline and bot.baseline is not starter.runs:
            for run in bot.baseline:
                lines.append(table_row(f"(baseline of {bot.name})", run, None))
        for run in bot.runs:
            lines.append(table_row(bot.name, run, bot_reference.get(run.level)))
    lines += [
        "",
        "| bot | model load: process start until `/status` answers (two starts; scaled: "
        "the whole stack) |",
        "| --- | --- |",
    ]
    for bot in bots:
        times = ", ".join(f"{value:.1f} s" for value in bot.load_times_s)
        lines.append(f"| {bot.name} | {times} |")
    lines += ["", "Targets:", ""]
    ours_catalogue = {run.level: run for run in ours.runs if run.scenario == CATALOGUE.name}
    for level in levels:
        base, answer = reference.get(level.name), ours_catalogue.get(level.name)
        if base and answer:
            reached = "reached" if answer.p50_ms <= base.p50_ms else "not reached"
            lines.append(
                f"- catalogue answer p50 ≤ starter greeting p50, {level.name}: "
                f"{answer.p50_ms:.0f} ms vs {base.p50_ms:.0f} ms "
                f"({ratio(answer.p50_ms, base.p50_ms)}): {reached}"
            )
    for level in levels[1:]:
        base = reference.get(level.name)
        for run in ours.runs:
            if base and run.level == level.name:
                reached = "reached" if run.throughput >= 2 * base.throughput else "not reached"
                lines.append(
                    f"- throughput ≥ 2× starter greeting, {run.scenario}, {level.name}: "
                    f"{run.throughput:.1f} vs {base.throughput:.1f} msg/s "
                    f"({ratio(run.throughput, base.throughput)}): {reached}"
                )
            if run.level == level.name and run.users >= 50:
                reached = "reached" if run.p95_ms <= 1000 and not run.errors else "not reached"
                lines.append(
                    f"- p95 ≤ 1 s with 0 errors, {run.scenario}, {level.name}: "
                    f"{run.p95_ms:.0f} ms, {run.errors} errors: {reached}"
                )
    lines += scaled_targets(starter, scaled, levels)
    lines += long_conversation_targets(bots)
    if starter.load_times_s and ours.load_times_s:
        mine, theirs = min(ours.load_times_s), min(starter.load_times_s)
        reached = "reached" if mine <= theirs else "not reached"
        lines.append(
            f"- model load no slower than the starter bot's (best of two starts): {mine:.1f} s vs "
            f"{theirs:.1f} s ({ratio(mine, theirs)}): {reached}"
        )
    lines += report_lines(
        [(bot.name, bot.long_conversation) for bot in bots if bot.long_conversation]
    )
    runs = [run for bot in bots for run in bot.runs]
    if runs:
        lines += [
            "",
            "Other processes on the machine used "
            f"{min(run.other_cpu_cores for run in runs):.2f}–"
            f"{max(run.other_cpu_cores for run in runs):.2f} of the {os.cpu_count()} cores "
            "during the runs (busy CPU time minus these servers and Locust); the hypervisor "
            f"withheld {min(run.steal_cores for run in runs):.2f}–"
            f"{max(run.steal_cores for run in runs):.2f} cores (steal time: this virtual "
            "machine wanted them, other machines on the host got them).",
        ]
    for bot in bots:
        for note in bot.notes:
            lines.append(f"\n{bot.name}: {note}.")
    return "\n".join(lines) + "\n"


def table_row(name: str, run: RunResult, base: RunResult | None) -> str:
    """One run as a row of the table, with its ratios to `base`."""
    errors = str(run.errors)
    if run.error_kinds:
        errors += " (" + ", ".join(f"{k}: {v}" for k, v in run.error_kinds.items()) + ")"
    return (
        f"| {name} | {run.scenario} | {run.level} | {run.sent} | {errors} "
        f"| {run.p50_ms:.0f} | {run.p95_ms:.0f} | {run.p99_ms:.0f} | {run.throughput:.1f} "
        f"| {ratio(run.p50_ms, base.p50_ms) if base else '–'} "
        f"| {ratio(run.throughput, base.throughput) if base else '–'} "
        f"| {cpu_cell(run.cpu_ms_per_message)} | {run.steal_cores:.2f} |"
    )


def baseline_of(bot: BotResult, starter: BotResult) -> dict[str, RunResult]:
    """The starter bot's greeting runs measured next to `bot`'s, by level."""
    runs = bot.baseline or starter.runs
    return {run.level: run for run in runs if run.scenario == GREETING.name}


def scaled_targets(starter: BotResult, scaled: list[BotResult], levels: list[Level]) -> list[str]:
    """The scaled profile's targets: ≥ 3× the starter bot's throughput; p95 ≤ 1 s at 50."""
    lines = []
    for bot in scaled:
        reference = baseline_of(bot, starter)
        for run in bot.runs:
            base = reference.get(run.level)
            if base and run.level != levels[0].name:
                reached = "reached" if run.throughput >= 3 * base.throughput else "not reached"
                lines.append(
                    f"- {bot.name}: throughput ≥ 3× starter greeting, {run.scenario}, "
                    f"{run.level}: {run.throughput:.1f} vs {base.throughput:.1f} msg/s "
                    f"({ratio(run.throughput, base.throughput)}): {reached}"
                )
            if run.users >= 50:
                reached = "reached" if run.p95_ms <= 1000 and not run.errors else "not reached"
                lines.append(
                    f"- {bot.name}: p95 ≤ 1 s with 0 errors, {run.scenario}, {run.level}: "
                    f"{run.p95_ms:.0f} ms, {run.errors} errors: {reached}"
                )
    return lines


def cpu_cell(cpu: dict[str, float]) -> str:
    """Rasa's CPU ms per message (all replicas), with all services' in brackets."""
    rasa = [value for name, value in cpu.items() if name.startswith("rasa")]
    if not rasa:
        return "–"
    if len(rasa) == len(cpu):
        return f"{sum(rasa):.0f}"
    return f"{sum(rasa):.0f} ({sum(cpu.values()):.0f})"


def locust_version() -> str:
    """The installed Locust's version, or `?`."""
    try:
        return subprocess.run(
            [str(BENCH_VENV / "bin/locust"), "--version"], capture_output=True, text=True
        ).stdout.split()[1]
    except (OSError, IndexError):
        return "?"


def update_docs(table: str) -> None:
    """Replaces the table between the markers of docs/benchmark.md."""
    text = DOCS_FILE.read_text()
    if DOCS_BEGIN not in text or DOCS_END not in text:
        raise RuntimeError(f"{DOCS_FILE} has no benchmark markers")
    head, rest = text.split(DOCS_BEGIN, 1)
    _, foot = rest.split(DOCS_END, 1)
    DOCS_FILE.write_text(f"{head}{DOCS_BEGIN}\n{table}{DOCS_END}{foot}")
