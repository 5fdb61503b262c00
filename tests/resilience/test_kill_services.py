"""kill -9 each service in turn under load: the stack restarts it, no visitor is left
without an answer for long, and no lead is lost or stored twice.

Six visitors talk to the stack over the REST channel without pause (browsing the
catalogue and filling in the lead form in three languages), a seventh browses over
socket.io as the website's widget does, and an eighth loads the website's home page. Each
service is killed with SIGKILL in turn. "Answered again" means: a message sent after the
kill got at least one message with text back (REST: with HTTP 200; for the website: the
page, HTTP 200); the time measured is from the kill to the end of that request, and must
stay under `MAX_SECONDS` for every service.

Rasa's port is HAProxy's, in front of two Rasa processes that share the REST
conversations (stack/rasa_pair.py): each is killed in turn, then HAProxy itself.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator

import pytest
import requests

from stack.profiles.default import Stack
from stack.rasa_pair import REST_BACKEND
from stack.rasa_pair import runtime as haproxy_runtime
from tests.resilience.conftest import SupervisorLog
from tests.resilience.load import Load
from tests.resilience.visitors import Recorder, Turn

pytestmark = pytest.mark.e2e

VISITORS = 6
MAX_SECONDS = 5.0
#: How long a killed service may take to be healthy again before the test gives up.
RESTART_DEADLINE_SECONDS = 180.0
#: Load before the first kill and between two kills, once everything answers again.
CALM_SECONDS = 4.0
LEAD_DRAIN_SECONDS = 60.0


@pytest.fixture
def load(supervised_stack: Stack) -> Iterator[Load]:
    running = Load(supervised_stack, VISITORS)
    running.start()
    yield running
    running.stop()


def recovery(turns: list[Turn], names: list[str], since: float) -> dict[str, float | None]:
    """Seconds from `since` to the end of each visitor's first answered request sent after it."""
    seconds: dict[str, float | None] = dict.fromkeys(names)
    for turn in sorted(turns, key=lambda t: t.ended_at):
        if turn.sent_at >= since and turn.answered and seconds.get(turn.visitor, 0) is None:
            seconds[turn.visitor] = turn.ended_at - since
    return seconds


def last_turns(turns: list[Turn], visitor: str, count: int = 4) -> list[str]:
    """What a visitor sent last and what came back, for the report of a late visitor."""
    mine = [turn for turn in turns if turn.visitor == visitor][-count:]
    return [f"{t.sent[:40]!r} -> {t.status} {t.texts[:1]!r:.80}" for t in mine]


def kill_and_watch(stack: Stack, recorder: Recorder, names: list[str], name: str) -> dict:
    """Kills one service; waits until it is healthy and every visitor is answered again."""
    service = next(s for s in stack.services if s.name == name)
    assert service.process is not None
    old_pid = service.process.pid
    killed_at = time.monotonic()
    os.kill(old_pid, signal.SIGKILL)
    healthy_at = None
    deadline = killed_at + RESTART_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        restarted = service.process is not None and service.process.pid != old_pid
        if healthy_at is None and restarted and service.is_healthy():
            healthy_at = time.monotonic()
        answered = recovery(recorder.snapshot(), names, killed_at)
        if healthy_at is not None and all(v is not None for v in answered.values()):
            break
        time.sleep(0.1)
    assert healthy_at is not None, f"{name} not healthy {RESTART_DEADLINE_SECONDS} s after the kill"
    time.sleep(CALM_SECONDS)
    answered = recovery(recorder.snapshot(), names, killed_at)
    after_health = recovery(recorder.snapshot(), names, healthy_at)
    turns = recorder.snapshot()
    during = [t for t in turns if killed_at <= t.sent_at < healthy_at and t.sent != "tracker"]
    late = [name for name, seconds in answered.items() if seconds is None or seconds > MAX_SECONDS]
    return {
        "service": name,
        "healthy_after": round(healthy_at - killed_at, 2),
        "answered_after_kill": {k: _round(v) for k, v in answered.items()},
        "answered_after_health": {k: _round(v) for k, v in after_health.items()},
        "requests_while_down": len(during),
        "answered_while_down": sum(t.answered for t in during),
        "late_visitors_last_turns": {name: last_turns(turns, name) for name in late},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def catalogue_leads(stack: Stack) -> list[dict]:
    response = requests.get(
        f"{stack.url('catalogue')}/staff/leads",
        params={"page_size": "500"},
        headers={"X-API-Key": stack.secrets.catalogue_api_key},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["items"]


def outbox_states(stack: Stack) -> Counter:
    with sqlite3.connect(stack.state_dir / "lead_outbox.sqlite3") as connection:
        rows = connection.execute("SELECT state FROM lead_outbox").fetchall()
    return Counter(state for (state,) in rows)


@pytest.mark.timeout(1200)
def test_every_service_killed_under_load_comes_back_and_loses_no_lead(
    supervised_stack: Stack, load: Load, supervisor_log: SupervisorLog
):
    recorder = load.recorder
    time.sleep(CALM_SECONDS * 2)
    results = []
    haproxy = haproxy_runtime(supervised_stack.state_dir)
    for name in ("catalogue", "actions", "rasa", "rasa-b", "haproxy", "web"):
        watched = [*load.conversations, "page"] if name == "web" else load.conversations
        if name.startswith("rasa"):
            served = haproxy.stat(REST_BACKEND, name).total_sessions
            assert served > 0, f"{name} answered no visitor before its kill"
        results.append(kill_and_watch(supervised_stack, recorder, watched, name))

    # Stop the load, then let the outbox deliver what the catalogue missed.
    load.stop()
    deadline = time.monotonic() + LEAD_DRAIN_SECONDS
    while outbox_states(supervised_stack)["pending"] and time.monotonic() < deadline:
        time.sleep(0.5)
    leads = catalogue_leads(supervised_stack)
    by_email = Counter(lead["email"] for lead in leads)
    forms = list(recorder.forms)
    confirmed = [form for form in forms if form.confirmed]
    unconfirmed_stored = [form for form in forms if not form.confirmed and by_email[form.email]]
    turns = recorder.snapshot()
    summary = {
        "kills": results,
        "turns": len(turns),
        "socketio_messages_answered": sum(t.answered for t in turns if t.visitor == "socket"),
        "server_errors": sum(1 for t in turns if t.status is not None and t.status >= 500),
        "lead_forms": len(forms),
        "confirmed_forms": len(confirmed),
        "unconfirmed_forms_stored": len(unconfirmed_stored),
        "leads_stored": len(leads),
        "outbox": dict(outbox_states(supervised_stack)),
        "visitor_errors": recorder.errors,
        "supervisor_log": supervisor_log.lines,
    }
    report = json.dumps(summary, indent=1, ensure_ascii=False)
    (supervised_stack.state_dir / "kill_report.json").write_text(report, encoding="utf-8")
    print(report)

    for result in results:
        waits = result["answered_after_kill"]
        late = {k: v for k, v in waits.items() if v is None or v > MAX_SECONDS}
        assert not late, (result["service"], late)
        assert any(
            f"{result['service']} exited with code -9 (SIGKILL)" in line
            for line in supervisor_log.lines
        )
    assert summary["server_errors"] == 0
    assert recorder.errors == []
    assert confirmed, "no lead form was completed"
    assert [form.email for form in confirmed if by_email[form.email] != 1] == []
    assert [email for email, count in by_email.items() if count > 1] == []
    assert summary["outbox"].get("pending", 0) == 0
    assert summary["outbox"].get("rejected", 0) == 0
    references = Counter(lead.get("client_reference") for lead in leads)
    assert [ref for ref, count in references.items() if ref and count > 1] == []
