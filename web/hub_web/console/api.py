"""The console's JSON API (``/console/api/``): answers 401 without a staff session."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from hub_web.console.deps import StaffUser, catalogue
from hub_web.console.handoffs import waiting_conversations
from hub_web.upstream import clean_lead_filters

router = APIRouter(prefix="/console/api")


@router.get("/me", name="api_me")
async def api_me(user: StaffUser) -> dict[str, str]:
    """Return the signed-in staff user."""
    return {"user": user}


@router.get("/leads", name="api_leads")
async def api_leads(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads matching the filters of the query string."""
    leads = await catalogue(request).all_leads(clean_lead_filters(request.query_params))
    return {"items": leads, "total": len(leads)}


@router.get("/handoffs", name="api_handoffs")
async def api_handoffs(request: Request, user: StaffUser) -> dict[str, Any]:
    """Conversations waiting for a human, with transcripts (polled by the handoff page)."""
    return {
        "items": [
            {
                "conversation_id": item["conversation_id"],
                "handle": item["handle"],
                "lead_id": item["lead"].get("id"),
                "transcript": item["transcript"],
            }
            for item in await waiting_conversations(request)
        ]
    }
