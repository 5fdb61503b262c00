"""The soak command's pure parts: conversations, percentiles, memory of a process group."""

from __future__ import annotations

import os
import subprocess
import sys

from scripts.soak import CONVERSATIONS, Conversations, growth_table, latency_summary, percentile
from scripts.soak_memory import group_rss_mib, process_group


def test_conversations_take_turns_and_start_anew_in_the_next_language():
    conversations = Conversations(parallel=2)
    length = len(CONVERSATIONS["en"])
    turns = [conversations.next() for _ in range(2 * length + 2)]
    assert turns[0] == ("soak-0", CONVERSATIONS["en"][0])
    assert turns[1] == ("soak-1", CONVERSATIONS["zh"][0])
    assert turns[2] == ("soak-0", CONVERSATIONS["en"][1])
    assert turns[2 * length] == ("soak-2", CONVERSATIONS["ru"][0])
    emails = [text for sender, text in turns if "@" in text]
    assert emails == ["soak-0@example.com", "soak-1@example.com"]


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.99) == 99
    assert percentile([3.0], 0.95) == 3


def test_the_latency_summary_is_in_milliseconds_and_empty_without_answers():
    assert latency_summary([0.1, 0.3]) == {
        "p50": 100, "p90": 300, "p95": 300, "p99": 300, "max": 300, "mean": 200,
    }  # fmt: skip
    assert latency_summary([]) == {}


def test_the_growth_table_compares_the_end_with_the_warm_up_and_idle():
    table = growth_table(
        {"idle": {"rasa": 1000.0}, "after warm-up": {"rasa": 1050.0}, "end": {"rasa": 1100.0}}
    )
    assert "+4.8 %" in table and "+10.0 %" in table


def test_the_memory_of_a_process_group_counts_its_children():
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True
    )
    try:
        assert process_group(child.pid) == [child.pid]
        assert group_rss_mib(child.pid) > 1
        assert group_rss_mib(os.getpgid(0)) > 0
    finally:
        child.kill()
        child.wait()
