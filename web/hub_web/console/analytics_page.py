"""The filter of the analytics (days and language) and what the charts page shows of them.

:data:`CHARTS` names the analytics charts with their titles and CSV columns; an
:class:`AnalyticsFilter` read from the query string (:func:`parse_filter`) picks the
conversations they count (:func:`pick`). Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hub_vocabulary import LANGUAGES
from hub_web.console.analytics import ConversationFacts
from hub_web.events.store import UNKNOWN_LANGUAGE
from hub_web.staff_labels import LANGUAGE_LABELS


@dataclass(frozen=True)
class ChartInfo:
    """A chart's title on the page and the columns of its CSV."""

    title: str
    columns: tuple[str, str]
    #: Chart.js's chart type, and whether bars lie horizontally.
    kind: str = "bar"
    horizontal: bool = False


#: The analytics charts, by the name their data and CSV are asked for, in the page's order.
CHARTS: dict[str, ChartInfo] = {
    "conversations-per-day": ChartInfo(
        "Conversations per day (Qingdao time)", ("Day", "Conversations")
    ),
    "containment": ChartInfo(
        "Containment: ended without a person taking over",
        ("Outcome", "Conversations"),
        kind="doughnut",
    ),
    "fallback-rate": ChartInfo(
        "Fallback rate per day (% of visitor messages)",
        ("Day", "Fallback rate (%)"),
        kind="line",
    ),
    "funnel": ChartInfo(
        "From conversation to qualified lead", ("Step", "Conversations"), horizontal=True
    ),
    "top-intents": ChartInfo(
        "What visitors asked", ("Visitors asked", "Visitor messages"), horizontal=True
    ),
    "top-projects": ChartInfo(
        "Projects asked about", ("Project", "Conversations"), horizontal=True
    ),
    "top-services": ChartInfo(
        "Services asked about", ("Service", "Conversations"), horizontal=True
    ),
    "satisfaction": ChartInfo("Answer satisfaction", ("Rating", "Answers"), kind="doughnut"),
}


@dataclass(frozen=True)
class AnalyticsFilter:
    """Which conversations to count: started from ``start`` to ``end`` (local days, inclusive)."""

    start: date | None = None
    end: date | None = None
    language: str | None = None

    @property
    def since(self) -> float | None:
        """A day before ``start``'s midnight (UTC): no event before it matters in any zone."""
        if self.start is None:
            return None
        midnight = datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)
        return (midnight - timedelta(days=1)).timestamp()

    def admits(self, conversation: ConversationFacts) -> bool:
        """Whether the conversation is counted."""
        if self.language and conversation.language != self.language:
            return False
        if self.start is None and self.end is None:
            return True
        day = conversation.day
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def parse_filter(params: Mapping[str, str]) -> AnalyticsFilter:
    """Read ``from``, ``to`` (``YYYY-MM-DD``) and ``language`` from a query string.

    Raises:
        ValueError: With a sentence for staff, when a value cannot be used.
    """
    days: dict[str, date | None] = {}
    for name in ("from", "to"):
        value = (params.get(name) or "").strip()
        try:
            days[name] = date.fromisoformat(value) if value else None
        except ValueError:
            raise ValueError(f"'{name}' must be a date such as 2024-05-31.") from None
    if days["from"] and days["to"] and days["from"] > days["to"]:
        raise ValueError("'from' must not be after 'to'.")
    language = (params.get("language") or "").strip() or None
    if language is not None and language not in (*LANGUAGES, UNKNOWN_LANGUAGE):
        known = ", ".join((*LANGUAGES, UNKNOWN_LANGUAGE))
        raise ValueError(f"'language' must be one of {known}.")
    return AnalyticsFilter(start=days["from"], end=days["to"], language=language)


def pick(
    conversations: Iterable[ConversationFacts], analytics_filter: AnalyticsFilter
) -> list[ConversationFacts]:
    """The conversations the filter admits."""
    return [item for item in conversations if analytics_filter.admits(item)]


def page_context(params: Mapping[str, str]) -> dict[str, Any]:
    """What the charts page needs for its filter form and its analytics figures.

    Args:
        params: The page's query string.

    Returns:
        The filter, a sentence about a value that could not be used (the filter is then
        empty), the query string of the chart data, the charts and the language choices.
    """
    try:
        analytics_filter, error = parse_filter(params), None
    except ValueError as problem:
        analytics_filter, error = AnalyticsFilter(), str(problem)
    query = {
        name: value
        for name, value in (
            ("from", analytics_filter.start.isoformat() if analytics_filter.start else None),
            ("to", analytics_filter.end.isoformat() if analytics_filter.end else None),
            ("language", analytics_filter.language),
        )
        if value
    }
    return {
        "analytics_filter": analytics_filter,
        "analytics_error": error,
        "analytics_query": query,
        "analytics_charts": CHARTS,
        "analytics_languages": LANGUAGE_LABELS,
    }
