"""What `make bench` sends, at which loads, and what it records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
BENCH_VENV = BENCH_DIR / ".venv"
LOCUSTFILE = BENCH_DIR / "locustfile.py"
RASA = REPO_ROOT / ".venv/bin/rasa"
DOCS_FILE = REPO_ROOT / "docs/benchmark.md"
DOCS_BEGIN = "<!-- benchmark:begin (written by python -m bench --update-docs) -->"
DOCS_END = "<!-- benchmark:end -->"
TURNS = 10
HOST = "127.0.0.1"

GREETINGS = ["hello", "hi", "hey", "good morning", "hello there", "hey there", "good evening"]
# Sector searches only: a search keeps its district filter, and these name none, so every
# one of them lists projects from the catalogue.
CATALOGUE_SEARCHES = [
    "show me medical projects",
    "show me logistics projects",
    "show me finance projects",
    "show me infrastructure projects",
    "which projects are there in digital economy?",
    "list the industrial park projects",
    "any manufacturing projects?",
]


@dataclass(frozen=True)
class Scenario:
    """Messages sent in turn, and what a right answer is (see bench/locustfile.py)."""

    name: str
    messages: list[str]
    check: str


@dataclass(frozen=True)
class Level:
    """How many conversations run at once, and how many each simulated user holds."""

    name: str
    users: int
    conversations_per_user: int

    @property
    def messages(self) -> int:
        """Messages the level sends in all."""
        return self.users * self.conversations_per_user * TURNS


LEVELS = [
    Level("1 client", users=1, conversations_per_user=6),
    Level("10 concurrent", users=10, conversations_per_user=2),
    Level("50 concurrent", users=50, conversations_per_user=1),
]
QUICK_LEVELS = [
    Level("1 client", users=1, conversations_per_user=2),
    Level("10 concurrent", users=10, conversations_per_user=1),
    Level("50 concurrent", users=50, conversations_per_user=1),
]
GREETING = Scenario("greeting", GREETINGS, "reply")
CATALOGUE = Scenario("catalogue answer", CATALOGUE_SEARCHES, "project_card")


@dataclass
class RunResult:
    """One Locust run: one bot, one scenario, one level."""

    bot: str
    scenario: str
    level: str
    users: int
    planned: int
    sent: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    throughput: float = 0.0
    duration_s: float = 0.0
    load_average: float = 0.0
    # CPU the rest of the machine used meanwhile (not these servers, not Locust), in cores.
    other_cpu_cores: float = 0.0
    # CPU the hypervisor withheld from this virtual machine meanwhile ("steal"), in cores.
    steal_cores: float = 0.0
    # CPU time (user + system) each server process used per message sent, in ms.
    cpu_ms_per_message: dict[str, float] = field(default_factory=dict)
    # Median latency of each turn of the conversations (turn 1 also starts the session).
    p50_ms_by_turn: dict[int, float] = field(default_factory=dict)


@dataclass
class BotResult:
    """Everything measured for one bot."""

    name: str
    load_times_s: list[float] = field(default_factory=list)
    runs: list[RunResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The starter bot's greeting, measured right before this bot's runs (its ratios' base).
    baseline: list[RunResult] = field(default_factory=list)
    # One long conversation beside fresh ones (bench/long_conversation.py: `record`).
    long_conversation: dict[str, Any] = field(default_factory=dict)
