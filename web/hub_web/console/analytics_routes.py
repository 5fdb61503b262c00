"""The analytics charts' JSON and the CSV download of every chart on the charts page.

Every analytics chart is filtered by the query string (``from``, ``to``: the hub's local days;
``language``) and computed by :mod:`hub_web.console.analytics` from the console's event log; the
funnel adds the catalogue's counts of those conversations' leads (made in its SQL, no cap),
satisfaction the visitors' ratings (:mod:`hub_web.feedback`).
``/console/api/analytics.csv?chart=<name>`` gives the numbers behind any chart of the page,
the leads charts' included (those are never filtered).
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from hub_web.console import analytics, charts
from hub_web.console.analytics import ConversationFacts, FeedbackVote
from hub_web.console.analytics_page import CHARTS, AnalyticsFilter, ChartInfo, parse_filter, pick
from hub_web.console.deps import StaffUser, catalogue, console_store, fresh_console_store
from hub_web.feedback import read_ratings
from hub_web.feedback.store import UP
from hub_web.labels import zone_of

router = APIRouter(prefix="/console/api")

Compute = Callable[[Request, AnalyticsFilter], Awaitable[dict[str, Any]]]
#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


async def picked_conversations(
    request: Request, analytics_filter: AnalyticsFilter
) -> list[ConversationFacts]:
    """The conversations the filter admits, from the console's event log (caught up first)."""
    store = await fresh_console_store(request)
    events = await asyncio.to_thread(store.logged_events, analytics_filter.since)
    zone = zone_of(request.app.state.settings)
    return pick(analytics.conversation_facts(events, zone), analytics_filter)


def _of_conversations(build: Callable[[list[ConversationFacts]], dict[str, Any]]) -> Compute:
    async def compute(request: Request, analytics_filter: AnalyticsFilter) -> dict[str, Any]:
        return build(await picked_conversations(request, analytics_filter))

    return compute


async def _funnel(request: Request, analytics_filter: AnalyticsFilter) -> dict[str, Any]:
    """The funnel: the catalogue counts the leads of the picked conversations (no lead is read)."""
    conversations = await picked_conversations(request, analytics_filter)
    client = catalogue(request)
    lead_counts = {
        step: await client.conversation_lead_counts(ids)
        for step, ids in analytics.funnel_groups(conversations).items()
        if ids
    }
    return analytics.funnel(conversations, lead_counts)


async def _top_projects(request: Request, analytics_filter: AnalyticsFilter) -> dict[str, Any]:
    conversations = await picked_conversations(request, analytics_filter)
    names = await catalogue(request).project_names() if conversations else {}
    return analytics.top_projects(conversations, names)


async def _satisfaction(request: Request, analytics_filter: AnalyticsFilter) -> dict[str, Any]:
    conversations = await picked_conversations(request, analytics_filter)
    ratings = await asyncio.to_thread(read_ratings, console_store(request).engine)
    votes = [FeedbackVote(rating.sender_id, rating.rating == UP) for rating in ratings]
    return analytics.satisfaction(conversations, votes)


def _unfiltered(endpoint: Callable[[Request, str], Awaitable[dict[str, Any]]]) -> Compute:
    async def compute(request: Request, analytics_filter: AnalyticsFilter) -> dict[str, Any]:
        return await endpoint(request, "")

    return compute


#: How each analytics chart's data is computed (:data:`~hub_web.console.analytics_page.CHARTS`).
ANALYTICS_COMPUTE: dict[str, Compute] = {
    "conversations-per-day": _of_conversations(analytics.conversations_per_day),
    "containment": _of_conversations(analytics.containment),
    "fallback-rate": _of_conversations(analytics.fallback_rate),
    "funnel": _funnel,
    "top-intents": _of_conversations(analytics.top_intents),
    "top-projects": _top_projects,
    "top-services": _of_conversations(analytics.top_services),
    "satisfaction": _satisfaction,
}
#: Every chart of the page, for the CSV download: the leads charts, then the analytics.
CSV_CHARTS: dict[str, tuple[ChartInfo, Compute]] = {
    "leads-per-week": (
        ChartInfo("Leads per week", ("Week", "Leads")),
        _unfiltered(charts.chart_leads_per_week),
    ),
    "leads-by-country": (
        ChartInfo("Leads by country", ("Country", "Leads")),
        _unfiltered(charts.chart_leads_by_country),
    ),
    "leads-by-channel": (
        ChartInfo("Leads by channel", ("Channel", "Leads")),
        _unfiltered(charts.chart_leads_by_channel),
    ),
    "leads-by-interest": (
        ChartInfo("Leads by project or service of interest", ("Project or service", "Leads")),
        _unfiltered(charts.chart_leads_by_interest),
    ),
    "conversations-per-language": (
        ChartInfo("Conversations per language", ("Language", "Conversations")),
        _unfiltered(charts.chart_conversations_per_language),
    ),
    **{name: (info, ANALYTICS_COMPUTE[name]) for name, info in CHARTS.items()},
}


def request_filter(params: Mapping[str, str]) -> AnalyticsFilter:
    """The query string's filter; a value that cannot be used is a 422 with its reason."""
    try:
        return parse_filter(params)
    except ValueError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None


def _unknown_chart(name: str) -> HTTPException:
    known = ", ".join(CSV_CHARTS)
    return HTTPException(status_code=404, detail=f"No chart named '{name}'; charts: {known}.")


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that no spreadsheet runs as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def chart_csv(info: ChartInfo, data: Mapping[str, Any]) -> str:
    """A chart's numbers as CSV: a header, one row per label, then the chart's note, if any.

    The text starts with a byte-order mark, so that spreadsheets read it as UTF-8.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(info.columns)
    for label, value in zip(data["labels"], data["values"], strict=True):
        writer.writerow([csv_cell(label), csv_cell(value)])
    if data.get("note"):
        writer.writerows([[], [csv_cell(data["note"])]])
    return "\ufeff" + buffer.getvalue()


def csv_file_name(chart: str, analytics_filter: AnalyticsFilter) -> str:
    """``funnel_2024-05-01_2024-05-31_zh.csv``: the chart, then the filter's values."""
    parts = [chart]
    if chart in CHARTS:
        parts += [
            value
            for value in (
                analytics_filter.start and analytics_filter.start.isoformat(),
                analytics_filter.end and analytics_filter.end.isoformat(),
                analytics_filter.language,
            )
            if value
        ]
    return "_".join(parts) + ".csv"


@router.get("/analytics/{name}", name="analytics_chart")
async def analytics_chart(request: Request, user: StaffUser, name: str) -> dict[str, Any]:
    """One analytics chart's data, for the filter of the query string."""
    compute = ANALYTICS_COMPUTE.get(name)
    if compute is None:
        raise _unknown_chart(name)
    return await compute(request, request_filter(request.query_params))


@router.get("/analytics.csv", name="analytics_csv")
async def analytics_csv(request: Request, user: StaffUser, chart: str = "") -> Response:
    """The numbers behind one chart of the page (``chart=<name>``) as a CSV download."""
    if chart not in CSV_CHARTS:
        raise _unknown_chart(chart)
    info, compute = CSV_CHARTS[chart]
    analytics_filter = request_filter(request.query_params)
    data = await compute(request, analytics_filter)
    name = csv_file_name(chart, analytics_filter)
    return Response(
        content=chart_csv(info, data),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
