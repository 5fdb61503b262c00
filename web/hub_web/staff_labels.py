"""How staff pages name a lead's language, channel, assignee, country and times.

The codes themselves (languages, lead statuses, service types) come from ``hub_vocabulary``;
the charts built from these labels are in :mod:`hub_web.console.lead_charts`, a
conversation's transcript in :mod:`hub_web.events.transcript`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from babel import Locale

from hub_vocabulary import LANGUAGES, LEAD_CHANNELS
from hub_web.events.store import UNKNOWN_LANGUAGE
from hub_web.labels import country_name

#: English names of the languages (CLDR, e.g. ``zh`` -> ``Chinese``), for staff.
LANGUAGE_LABELS = {
    **{code: Locale("en").languages[code] for code in LANGUAGES},
    UNKNOWN_LANGUAGE: "Unknown",
}
#: Names of the channels a lead came through (``hub_vocabulary.LEAD_CHANNELS``), for staff.
CHANNEL_LABELS = dict(zip(LEAD_CHANNELS, ("Website chat", "REST API", "Telegram"), strict=True))
#: A lead stored before its channel was recorded.
CHANNEL_NOT_RECORDED = "Not recorded"
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


def channel_label(channel: str | None) -> str:
    """Human-readable channel: ``telegram`` -> ``Telegram``; an unknown code as it is."""
    if not channel:
        return CHANNEL_NOT_RECORDED
    return CHANNEL_LABELS.get(channel, channel)


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


def country_label(lead: Mapping[str, Any]) -> str:
    """The country a lead (or a count of leads) is for: the name of its ``country_code`` (CLDR).

    Leads without a code (or with one CLDR does not know) fall back to the typed ``country``,
    then to the code itself, then to ``Not given``.
    """
    code = str(lead.get("country_code") or "").strip().upper()
    name = country_name(code) if len(code) == 2 and code.isalpha() else None
    return name or str(lead.get("country") or "").strip() or code or NOT_GIVEN


#: What the console calls each kind of content staff edit (the audit log, the editor).
CONTENT_KINDS = {
    "projects": "Project",
    "services": "Service",
    "contacts": "Contact",
    "hub-facts": "Hub fact",
}
#: The content editor's and change logs' words for the fields staff edit.
FIELD_LABELS = {
    "name": "Name",
    "description": "Description",
    "title": "Title",
    "summary": "Summary",
    "provider_id": "Provided by",
    "website": "Website",
    "email": "E-mail",
    "phone": "Phone",
    "is_placeholder": "Example addresses, not real ones",
    "date": "Date",
    "sectors": "Sectors",
    "district": "District",
    "status": "Status",
    "investment_cny": "Investment",
    "source": "Source (press release)",
    "source_date": "Source date",
    "source_title": "Source document",
}


def field_label(field: str) -> str:
    """A changed field in words: ``description.zh`` -> ``Description (Chinese)``."""
    stem, _, lang = field.partition(".")
    label = FIELD_LABELS.get(stem, stem.replace("_", " ").capitalize())
    return f"{label} ({LANGUAGE_LABELS.get(lang, lang)})" if lang else label


def content_change_detail(kind: str, item_id: str, name: str, fields: Iterable[str]) -> str:
    """The audit log's words for one save: ``Service "Legal" (legal): Description (Chinese)``."""
    changed = ", ".join(field_label(field) for field in fields)
    return f'{CONTENT_KINDS.get(kind, kind)} "{name}" ({item_id}): {changed}'
