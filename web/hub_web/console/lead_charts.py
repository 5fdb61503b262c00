"""The data behind the console's lead charts (the catalogue's lead counts, ranked and labelled).

Every chart endpoint answers :func:`chart`'s JSON shape; the routes are in
:mod:`hub_web.console.charts`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from hub_web.labels import humanise
from hub_web.staff_labels import NOT_GIVEN, channel_label, country_label


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


def leads_by_channel(by_channel: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Leads per channel they came through (website chat, Telegram, ...), most frequent first.

    Args:
        by_channel: The catalogue's ``LeadCounts.by_channel`` (leads whose channel was not
            recorded are not counted there).
    """
    counts: Counter[str] = Counter()
    for item in by_channel:
        counts[channel_label(str(item.get("key") or ""))] += int(item.get("count") or 0)
    return _ranked_chart(counts, "No lead has a recorded channel yet.")


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
