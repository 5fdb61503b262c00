"""The console's event log: what it keeps of Rasa's events, and reading it back."""

from __future__ import annotations

from pathlib import Path

from analytics_stream import DAY_1, DAY_2, STREAM, A, event, user

from hub_web.events import ConsoleStore
from hub_web.events.event_log import compact_event


def test_a_visitor_message_keeps_intent_and_entities_but_not_the_typed_text() -> None:
    compact = compact_event(user(A, DAY_1, "my name is Ann", "leave_contact", 0.8, sector="x"))
    assert compact == {
        "event": "user",
        "sender_id": A,
        "timestamp": DAY_1,
        "text": None,
        "parse_data": {
            "intent": {"name": "leave_contact", "confidence": 0.8},
            "entities": [{"entity": "sector", "value": "x"}],
        },
    }
    assert compact_event(user(A, DAY_1, "/greet", "greet"))["text"] == "/greet"


def test_only_what_the_analytics_read_is_kept() -> None:
    kept = [
        event(A, DAY_1, "action", name="action_fallback"),
        event(A, DAY_1, "active_loop", name="lead_form"),
        event(A, DAY_1, "slot", name="discussed_projects", value=["p"] * 80),
        event(A, DAY_1, "pause"),
        event(A, DAY_1, "bot", text="Hello from staff", metadata={"from_staff": "alice"}),
    ]
    dropped = [
        event(A, DAY_1, "action", name="action_listen"),
        event(A, DAY_1, "slot", name="lead_contact", value="ann@example.org"),
        event(A, DAY_1, "bot", text="Hello!"),
        event(A, DAY_1, "rewind"),
    ]
    compact = [compact_event(item) for item in kept]
    assert all(compact)
    assert len(compact[2]["value"]) == 50
    assert compact[4] == {
        "event": "bot",
        "sender_id": A,
        "timestamp": DAY_1,
        "metadata": {"from_staff": "alice"},
    }
    assert "text" not in compact[4]
    assert [compact_event(item) for item in dropped] == [None] * len(dropped)


def test_bad_timestamps_and_values_are_kept_harmlessly() -> None:
    odd = {"sender_id": A, "event": "slot", "name": "project", "value": {"x": 1}, "timestamp": True}
    assert compact_event(odd) == {
        "event": "slot",
        "sender_id": A,
        "timestamp": None,
        "name": "project",
        "value": None,
    }


def test_the_store_logs_events_as_it_applies_them(tmp_path: Path) -> None:
    store = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    try:
        store.apply_events([*STREAM, {"event": "user", "text": "no sender"}])
        logged = store.logged_events()
        assert logged == [
            compact
            for item in STREAM
            if (compact := compact_event(item)) is not None and compact["sender_id"]
        ]
        assert min(item["timestamp"] for item in store.logged_events(since=DAY_2)) == DAY_2
    finally:
        store.close()
