"""Labels of the console's leads and the data behind its charts and transcripts.

The codes themselves (languages, lead statuses, service types) come from ``hub_vocabulary``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from babel import Locale

from hub_vocabulary import LANGUAGES
from hub_web.events.store import UNKNOWN_LANGUAGE
from hub_web.labels import bot_buttons, button_title, country_name, humanise, payload_label

#: English names of the languages (CLDR, e.g. ``zh`` -> ``Chinese``), for staff.
LANGUAGE_LABELS = {
    **{code: Locale("en").languages[code] for code in LANGUAGES},
    UNKNOWN_LANGUAGE: "Unknown",
}
TEAMS = ("investment", "legal", "visa", "accounting", "audit", "hr", "living")
TEAM_PREFIX = "team:"
NOT_GIVEN = "Not given"


def assignee_label(assigned_to: str | None) -> str:
    """Human-readable assignee: ``team:legal`` -> ``Legal team``, ``alice`` -> ``alice``."""
    if not assigned_to:
        return "Unassigned"
    if assigned_to.startswith(TEAM_PREFIX):
        return f"{assigned_to[len(TEAM_PREFIX) :].replace('_', ' ').capitalize()} team"
    return assigned_to


def assignment_choices(staff_usernames: Iterable[str]) -> list[tuple[str, str]]:
    """Values and labels for the assignment picker: teams first, then colleagues."""
    teams = [(f"{TEAM_PREFIX}{team}", assignee_label(f"{TEAM_PREFIX}{team}")) for team in TEAMS]
    return teams + [(name, name) for name in staff_usernames]


def parse_timestamp(value: Any) -> datetime | None:
    """Parse an ISO 8601 string or a Unix timestamp into an aware UTC datetime."""
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, tz=UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def format_when(value: Any) -> str:
    """Show an ISO 8601 string or Unix timestamp as ``YYYY-MM-DD HH:MM UTC`` (or ``—``)."""
    moment = parse_timestamp(value)
    if moment is None:
        return str(value) if value else "—"
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def lead_created_at(lead: Mapping[str, Any]) -> datetime | None:
    """When a lead was created, from ``created_at`` (or ``created``)."""
    return parse_timestamp(lead.get("created_at") or lead.get("created"))


def chart(labels: list[str], values: list[int], note: str = "") -> dict[str, Any]:
    """Build the JSON shape every chart endpoint returns."""
    return {"labels": labels, "values": values, "note": note}


def leads_per_week(per_day: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Leads per week (labelled by its Monday), gaps filled with zero.

    Args:
        per_day: The catalogue's ``LeadCounts.per_day``: ``{"key": "YYYY-MM-DD", "count"}`` per
            local day of the hub.
    """
    weeks: Counter[date] = Counter()
    for item in per_day:
        try:
            day = date.fromisoformat(str(item.get("key")))
        except ValueError:
            continue
        weeks[day - timedelta(days=day.weekday())] += int(item.get("count") or 0)
    if not weeks:
        return chart([], [], "No leads yet.")
    labels: list[str] = []
    values: list[int] = []
    week = min(weeks)
    while week <= max(weeks):
        labels.append(f"Week of {week.isoformat()}")
        values.append(weeks[week])
        week += timedelta(days=7)
    return chart(labels, values)


def country_label(lead: Mapping[str, Any]) -> str:
    """The country a lead (or a count of leads) is for: the name of its ``country_code`` (CLDR).

    Leads without a code (or with one CLDR does not know) fall back to the typed ``country``,
    then to the code itself, then to ``Not given``.
    """
    code = str(lead.get("country_code") or "").strip().upper()
    name = country_name(code) if len(code) == 2 and code.isalpha() else None
    return name or str(lead.get("country") or "").strip() or code or NOT_GIVEN


def _ranked_chart(counts: Counter[str], empty: str) -> dict[str, Any]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0] == NOT_GIVEN, item[0]))
    return chart(
        [name for name, _ in ranked], [count for _, count in ranked], "" if ranked else empty
    )


def leads_by_country(by_country: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Leads per country, most frequent first, one bar per country (see :func:`country_label`).

    Args:
        by_country: The catalogue's ``LeadCounts.by_country``: ``Казахстан`` and ``哈萨克斯坦``
            sent with the code ``KZ`` are one count already; a count without a code joins the
            bar whose label its typed text is.
    """
    counts: Counter[str] = Counter()
    for item in by_country:
        counts[country_label(item)] += int(item.get("count") or 0)
    return _ranked_chart(counts, "No leads yet.")


def leads_by_interest(
    by_project: Iterable[Mapping[str, Any]],
    by_service: Iterable[Mapping[str, Any]],
    project_names: Mapping[str, str],
) -> dict[str, Any]:
    """Leads per project and per service they asked about, most frequent first.

    Args:
        by_project: The catalogue's ``LeadCounts.by_project``.
        by_service: The catalogue's ``LeadCounts.by_service``.
        project_names: Project ids mapped to display names (ids are shown when missing).

    Returns:
        Chart data with labels ``Project: <name>`` and ``Service: <name>``.
    """
    counts: Counter[str] = Counter()
    for item in by_project:
        key = str(item.get("key"))
        counts[f"Project: {project_names.get(key, key)}"] += int(item.get("count") or 0)
    for item in by_service:
        counts[f"Service: {humanise(str(item.get('key')))}"] += int(item.get("count") or 0)
    return _ranked_chart(counts, "No lead has named a project or service yet.")


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
