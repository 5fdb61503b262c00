"""The review queue's summary: what visitors asked that the bot could not answer this week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hub_web.events import ConsoleStore
from hub_web.review.summary import unanswered_this_week

NOW = datetime(2024, 5, 10, 12, 0, tzinfo=UTC)


def _asked(sender: str, text: str, days_ago: float, intent: str = "nlu_fallback") -> dict:
    return {
        "sender_id": sender,
        "event": "user",
        "text": text,
        "timestamp": (NOW - timedelta(days=days_ago)).timestamp(),
        "parse_data": {"intent": {"name": intent, "confidence": 0.3}, "entities": []},
    }


def test_the_weeks_unanswered_questions_most_asked_first(tmp_path: Path) -> None:
    store = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    try:
        store.apply_events(
            [
                _asked("a", "Do you sell tea?", 1),
                _asked("b", "do you sell tea?", 2),
                _asked("c", "Where can I park?", 3),
                _asked("d", "An old question", 9),  # more than a week ago
                _asked("e", "Show projects", 1, intent="search_projects"),  # understood
                _asked("f", "/nlu_fallback", 1),  # a button press, not a question
            ]
        )
        summary = unanswered_this_week(store.engine, NOW)
    finally:
        store.close()
    assert [(item.text.lower(), item.count) for item in summary] == [
        ("do you sell tea?", 2),
        ("where can i park?", 1),
    ]


def test_the_review_page_opens_with_the_summary_and_groups_by_reason(
    staff_client, tmp_path: Path
) -> None:
    from web_support import publish

    client, _ = staff_client
    now = datetime.now(UTC)
    events = [
        {
            "sender_id": "a",
            "event": "user",
            "text": "Do you sell tea?",
            "timestamp": (now - timedelta(hours=1)).timestamp(),
            "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.3}},
        },
        {
            "sender_id": "b",
            "event": "user",
            "text": '/project_details{"project": "xinhong-medical-industry"}',
            "timestamp": (now - timedelta(hours=2)).timestamp(),
            "parse_data": {"intent": {"name": "project_details", "confidence": 0.2}},
        },
    ]
    publish(tmp_path / "events.db", events)
    text = client.get("/console/review").text
    assert "This week, the bot could not answer" in text
    assert "<td>Do you sell tea?</td><td>1</td>" in text
    assert 'id="group-fallback"' in text and 'id="group-low_confidence"' in text
    assert "Details: Xinhong medical industry" in text
    assert "/project_details{" not in text.split("<main")[1].split('name="intent"')[0]
