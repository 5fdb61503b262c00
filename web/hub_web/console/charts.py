"""The console's charts page and the JSON data behind each chart."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hub_web.console.analytics_page import page_context
from hub_web.console.deps import StaffUser, catalogue, fresh_console_store, render
from hub_web.console.lead_charts import (
    chart,
    leads_by_channel,
    leads_by_country,
    leads_by_interest,
    leads_per_week,
)
from hub_web.labels import utc_offset_minutes, zone_of
from hub_web.staff_labels import LANGUAGE_LABELS

router = APIRouter(prefix="/console")


@router.get("/charts", name="charts")
async def charts(request: Request, user: StaffUser) -> Response:
    """Show the charts page (the data comes from the endpoints below and the analytics')."""
    return render(request, "console/charts.html", page_context(request.query_params))


async def lead_counts(request: Request) -> dict[str, Any]:
    """Every lead counted by the catalogue's SQL (no lead is read here), days in the hub's zone."""
    offset = utc_offset_minutes(zone_of(request.app.state.settings), datetime.now(UTC))
    return await catalogue(request).lead_counts(utc_offset_minutes=offset)


@router.get("/api/charts/leads-per-week", name="chart_leads_per_week")
async def chart_leads_per_week(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads per week (weeks of the hub's local days)."""
    return leads_per_week((await lead_counts(request)).get("per_day") or [])


@router.get("/api/charts/leads-by-country", name="chart_leads_by_country")
async def chart_leads_by_country(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads per country."""
    return leads_by_country((await lead_counts(request)).get("by_country") or [])


@router.get("/api/charts/leads-by-channel", name="chart_leads_by_channel")
async def chart_leads_by_channel(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads per channel they came through (website chat, REST, Telegram)."""
    return leads_by_channel((await lead_counts(request)).get("by_channel") or [])


@router.get("/api/charts/leads-by-interest", name="chart_leads_by_interest")
async def chart_leads_by_interest(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads per project or service of interest."""
    counts = await lead_counts(request)
    return leads_by_interest(
        counts.get("by_project") or [],
        counts.get("by_service") or [],
        await catalogue(request).project_names(),
    )


@router.get("/api/charts/conversations-per-language", name="chart_conversations_per_language")
async def chart_conversations_per_language(request: Request, user: StaffUser) -> dict[str, Any]:
    """Conversations (with a visitor message) per language, from the console's tables."""
    store = await fresh_console_store(request)
    counts = await asyncio.to_thread(store.conversations_per_language)
    labels = [LANGUAGE_LABELS.get(code, code) for code in counts]
    return chart(labels, list(counts.values()), "" if counts else "No conversations yet.")
