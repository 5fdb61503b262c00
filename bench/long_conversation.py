"""Long conversations: does a turn cost more late in a conversation than early on?

One conversation of 200 turns (a search, "the first one", "how much is it?", "hello", in
turn), sent by one plain client (no Locust), with no think time. Before each of its turns,
one turn of a fresh short conversation (a new sender id every ten turns) goes to the same
bot: that baseline runs interleaved, so the machine's load drifts alike for both. For every
turn, the latency and the CPU time the bot's processes used meanwhile (Linux /proc) are
kept; the report gives the medians of turns 1-20, 81-100 and 181-200, each window's ratio
to turns 1-20, and the steal time.

Also run alone against any REST channel, e.g. the starter bot or a test stack:

    .venv/bin/python -m bench.long_conversation http://127.0.0.1:16305 --pid rasa=1234
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from bench.processes import cpu_seconds, post, steal_seconds

LONG_TURNS = 200
BASELINE_TURNS = 10
#: Turn windows reported (1-based, inclusive); ratios are to the first.
WINDOWS = ((1, 20), (81, 100), (181, 200))
ASSISTANT_MESSAGES = ("show me medical projects", "the first one", "how much is it?", "hello")
STARTER_MESSAGES = ("hello", "I am happy", "good morning", "great")


@dataclass
class Turn:
    """One message: its latency and the CPU time (ms) of each watched process meanwhile."""

    latency_ms: float
    cpu_ms: dict[str, float]


@dataclass
class LongConversationResult:
    """The long conversation's turns and the interleaved short conversations' turns."""

    bot: str
    long: list[Turn] = field(default_factory=list)
    baseline: list[Turn] = field(default_factory=list)
    steal_cores: float = 0.0
    errors: int = 0

    def window(self, turns: list[Turn], first: int, last: int) -> dict[str, float]:
        """Median latency, mean CPU ms (watched processes; /proc counts ticks) of these turns."""
        chosen = turns[first - 1 : last]
        if not chosen:
            return {"p50_ms": 0.0, "cpu_ms": 0.0}
        return {
            "p50_ms": statistics.median(t.latency_ms for t in chosen),
            "cpu_ms": statistics.fmean(sum(t.cpu_ms.values()) for t in chosen),
        }

    def summary(self) -> dict[str, dict[str, dict[str, float]]]:
        """Per window, for the long and the baseline conversations: medians and ratios."""
        result: dict[str, dict[str, dict[str, float]]] = {}
        for name, turns in (("long", self.long), ("baseline", self.baseline)):
            first = self.window(turns, *WINDOWS[0])
            rows: dict[str, dict[str, float]] = {}
            for start, end in WINDOWS:
                row = self.window(turns, start, end)
                for key in ("p50_ms", "cpu_ms"):
                    row[f"{key}_ratio"] = row[key] / first[key] if first[key] else 0.0
                rows[f"{start}-{end}"] = row
            result[name] = rows
        return result


def _timed(url: str, sender: str, text: str, pids: dict[str, int]) -> Turn:
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    started = time.perf_counter()
    post(url, sender, text)
    latency = (time.perf_counter() - started) * 1000
    cpu = {name: (cpu_seconds(pid) - cpu_before[name]) * 1000 for name, pid in pids.items()}
    return Turn(round(latency, 1), {name: round(ms, 1) for name, ms in cpu.items()})


def run(
    bot: str,
    base_url: str,
    pids: dict[str, int],
    messages: tuple[str, ...] = ASSISTANT_MESSAGES,
    turns: int = LONG_TURNS,
) -> LongConversationResult:
    """Sends the long conversation and the interleaved baseline; returns every turn."""
    url = f"{base_url}/webhooks/rest/webhook"
    result = LongConversationResult(bot)
    long_sender = f"long-{uuid.uuid4().hex[:8]}"
    short_sender = ""
    steal_before, started = steal_seconds(), time.monotonic()
    for index in range(turns):
        if index % BASELINE_TURNS == 0:
            short_sender = f"short-{uuid.uuid4().hex[:8]}"
        text = messages[index % len(messages)]
        try:
            result.baseline.append(_timed(url, short_sender, text, pids))
            result.long.append(_timed(url, long_sender, text, pids))
        except OSError:
            result.errors += 1
    elapsed = time.monotonic() - started
    result.steal_cores = round((steal_seconds() - steal_before) / max(elapsed, 1e-9), 2)
    return result


def record(result: LongConversationResult) -> dict[str, Any]:
    """What `make bench` keeps of a run (`BotResult.long_conversation`)."""
    return {
        "summary": result.summary(),
        "steal_cores": result.steal_cores,
        "errors": result.errors,
        "turns": asdict(result),
    }


def report_lines(records: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """A Markdown table: per bot and window, medians and ratios to turns 1-20."""
    if not records:
        return []
    lines = [
        "",
        f"Long conversation (bench/long_conversation.py): one conversation of {LONG_TURNS} "
        "turns, one client, no think time, each turn preceded by one turn of a fresh "
        f"conversation ({BASELINE_TURNS} turns each) as the baseline; CPU: the bot's "
        "processes (Rasa and, for the assistant, the action server) per turn.",
        "",
        "| bot | conversation | turns | errors | p50 ms | p50 / turns 1-20 "
        "| CPU ms/turn (mean) | CPU / turns 1-20 | steal |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for bot, data in records:
        for name, rows in data["summary"].items():
            label = f"{LONG_TURNS} turns" if name == "long" else "fresh (interleaved)"
            for window, row in rows.items():
                lines.append(
                    f"| {bot} | {label} | {window} | {data['errors']} | {row['p50_ms']:.0f} "
                    f"| {row['p50_ms_ratio']:.2f}× | {row['cpu_ms']:.0f} "
                    f"| {row['cpu_ms_ratio']:.2f}× | {data['steal_cores']:.2f} |"
                )
    return lines


def long_conversation_targets(bots: list[Any]) -> list[str]:
    """The target of issue 23: turns 181-200 cost at most 1.2× turns 1-20, per bot."""
    lines = []
    last = f"{WINDOWS[-1][0]}-{WINDOWS[-1][1]}"
    for bot in bots:
        rows = (bot.long_conversation.get("summary") or {}).get("long") or {}
        if last not in rows:
            continue
        row = rows[last]
        reached = "reached" if row["cpu_ms_ratio"] <= 1.2 else "not reached"
        lines.append(
            f"- {bot.name}, long conversation: turns {last} cost ≤ 1.2× turns 1-20 (CPU ms per "
            f"turn): {row['cpu_ms_ratio']:.2f}× (p50 latency {row['p50_ms_ratio']:.2f}×): "
            f"{reached}"
        )
    return lines


def main() -> None:
    """Runs the scenario against one REST channel and prints the table and the raw turns."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--pid", action="append", default=[], help="name=pid, CPU watched")
    parser.add_argument("--starter", action="store_true", help="the starter bot's messages")
    parser.add_argument("--turns", type=int, default=LONG_TURNS)
    parser.add_argument("--json", help="write every turn here")
    args = parser.parse_args()
    pids = {name: int(pid) for name, pid in (item.split("=", 1) for item in args.pid)}
    messages = STARTER_MESSAGES if args.starter else ASSISTANT_MESSAGES
    result = run(args.base_url, args.base_url, pids, messages, args.turns)
    print("\n".join(report_lines([(args.base_url, record(result))])))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(asdict(result), out)


if __name__ == "__main__":
    main()
