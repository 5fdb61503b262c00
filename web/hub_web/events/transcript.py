"""A conversation's transcript for staff, from Rasa's events (a tracker's or the event log's)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, tzinfo
from typing import Any

from hub_web.labels import bot_buttons, button_title, payload_label
from hub_web.staff_labels import parse_timestamp


def transcript_from_events(
    events: Iterable[Mapping[str, Any]],
    limit: int = 200,
    names: Mapping[str, str] | None = None,
    zone: tzinfo = UTC,
) -> list[dict]:
    """Turn Rasa events into transcript lines for staff.

    A visitor's button press shows what the visitor saw: the title of the button of the bot's
    previous message that sent the payload, else a readable rendering of the payload
    (:func:`hub_web.labels.payload_label`).

    Args:
        events: Rasa events (a tracker's or the console's event log), oldest first.
        limit: Keep only this many of the latest lines.
        names: Project names by id, for payloads without a known button.
        zone: The hub's time zone, for the lines' times.

    Returns:
        Lines ``{"kind": "user"|"bot"|"staff"|"system", "text", "time", "author", "is_payload"}``.
    """
    lines: list[dict[str, Any]] = []
    buttons: list[Mapping[str, Any]] = []
    for event in events:
        kind = event.get("event")
        moment = parse_timestamp(event.get("timestamp"))
        suffix = " UTC" if zone is UTC else ""
        time_label = (
            moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") + suffix if moment else ""
        )
        if kind == "user" and event.get("text"):
            text = str(event["text"])
            shown = button_title(text, buttons) or payload_label(text, names) or text
            lines.append(
                {
                    "kind": "user",
                    "text": shown,
                    "time": time_label,
                    "author": "Visitor",
                    "is_payload": shown != text,
                }
            )
        elif kind == "bot" and event.get("text"):
            buttons = bot_buttons(event)
            staff_user = (event.get("metadata") or {}).get("from_staff")
            lines.append(
                {
                    "kind": "staff" if staff_user else "bot",
                    "text": str(event["text"]),
                    "time": time_label,
                    "author": staff_user or "Bot",
                    "is_payload": False,
                }
            )
        elif kind in {"pause", "resume"}:
            text = "Handed over to staff" if kind == "pause" else "Handed back to the bot"
            lines.append(
                {
                    "kind": "system",
                    "text": text,
                    "time": time_label,
                    "author": "",
                    "is_payload": False,
                }
            )
    return lines[-limit:]
