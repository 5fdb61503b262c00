"""Labels of the console's leads and the data behind its charts and transcripts.

The codes themselves (languages, lead statuses, service types) come from ``hub_vocabulary``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from babel import Locale

from hub_vocabulary import LANGUAGES
from hub_web.events.store import UNKNOWN_LANGUAGE

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


def leads_per_week(leads: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Leads per ISO week (labelled by the week's Monday), gaps filled with zero."""
    weeks: Counter[date] = Counter()
    for lead in leads:
        created = lead_created_at(lead)
        if created is not None:
            day = created.date()
            weeks[day - timedelta(days=day.weekday())] += 1
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


@cache
def _territory_names() -> Mapping[str, str]:
    """English names of CLDR territories by ISO 3166-1 alpha-2 code (``KZ`` -> ``Kazakhstan``)."""
    return Locale("en").territories


def country_label(lead: Mapping[str, Any]) -> str:
    """The country a lead counts for: the English name of its ``country_code`` (CLDR).

    Leads without a code (or with one CLDR does not know) fall back to the typed ``country``,
    then to the code itself, then to ``Not given``.
    """
    code = str(lead.get("country_code") or "").strip().upper()
    name = _territory_names().get(code) if len(code) == 2 and code.isalpha() else None
    return name or str(lead.get("country") or "").strip() or code or NOT_GIVEN


def leads_by_country(leads: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Leads per country, most frequent first, one bar per country (see :func:`country_label`).

    ``Казахстан``, ``哈萨克斯坦`` and ``Kazakhstan`` sent with the code ``KZ`` make one bar,
    labelled ``Kazakhstan``; a lead without a code joins the bar whose label its typed text is.
    """
    counts = Counter(country_label(lead) for lead in leads)
    ranked = counts.most_common()
    return chart(
        [name for name, _ in ranked],
        [count for _, count in ranked],
        "" if ranked else "No leads yet.",
    )


def leads_by_interest(
    leads: Iterable[Mapping[str, Any]], project_names: Mapping[str, str]
) -> dict[str, Any]:
    """Leads per project and per service they asked about, most frequent first.

    Args:
        leads: Leads from the catalogue.
        project_names: Project ids mapped to display names (ids are shown when missing).

    Returns:
        Chart data with labels ``Project: <name>`` and ``Service: <type>``.
    """
    counts: Counter[str] = Counter()
    for lead in leads:
        for project_id in set(lead.get("projects") or []):
            counts[f"Project: {project_names.get(project_id, project_id)}"] += 1
        for service in set(lead.get("services") or []):
            counts[f"Service: {service.replace('_', ' ')}"] += 1
    ranked = counts.most_common()
    return chart(
        [name for name, _ in ranked],
        [count for _, count in ranked],
        "" if ranked else "No lead has named a project or service yet.",
    )


def transcript_from_events(events: Iterable[Mapping[str, Any]], limit: int = 200) -> list[dict]:
    """Turn Rasa tracker events into transcript lines for staff.

    Args:
        events: ``tracker["events"]`` from Rasa's HTTP API.
        limit: Keep only this many of the latest lines.

    Returns:
        Lines ``{"kind": "user"|"bot"|"staff"|"system", "text", "time", "author"}``.
    """
    lines: list[dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        moment = parse_timestamp(event.get("timestamp"))
        time_label = moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else ""
        if kind == "user" and event.get("text"):
            text = str(event["text"])
            lines.append(
                {
                    "kind": "user",
                    "text": text,
                    "time": time_label,
                    "author": "Visitor",
                    "is_payload": text.startswith("/"),
                }
            )
        elif kind == "bot" and event.get("text"):
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
