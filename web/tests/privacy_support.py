"""Test data of the personal-data tests: one visitor's conversation in the console's tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from web_support import publish

VISITOR = "visitor-7f3a"
OTHER = "visitor-0b1c"
EMAIL = "aigerim@example.com"
START = 1_715_000_000.0


def conversation_events(sender_id: str, start: float = START) -> list[dict[str, Any]]:
    """A short conversation in which the visitor gives an e-mail address."""
    return [
        {"event": "action", "sender_id": sender_id, "timestamp": start, "name": "action_listen"},
        {
            "event": "user",
            "sender_id": sender_id,
            "timestamp": start + 1,
            "text": f"my e-mail is {EMAIL}",
            "parse_data": {
                "intent": {"name": "inform", "confidence": 0.41},
                "entities": [{"entity": "email", "value": EMAIL, "start": 12, "end": 31}],
            },
        },
        {
            "event": "slot",
            "sender_id": sender_id,
            "timestamp": start + 2,
            "name": "language",
            "value": "ru",
        },
        {
            "event": "bot",
            "sender_id": sender_id,
            "timestamp": start + 3,
            "text": "Спасибо!",
            "metadata": {"utter_action": "utter_lead_saved"},
        },
    ]


def fill_console(client: TestClient, tmp_path: Path, *sender_ids: str) -> None:
    """Put conversations in Rasa's SQL broker and let the console's consumer read them."""
    publish(tmp_path / "events.db", [e for s in sender_ids for e in conversation_events(s)])
    client.portal.call(client.app.state.event_consumer.catch_up)
