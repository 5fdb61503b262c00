"""What the console's badge, notifications and sound read: ``GET /console/api/alerts``.

Every console page polls it (``static/js/console-alerts.js``): the number of visitors waiting
for a person, and the newest alert (a visitor started waiting, a lead arrived), which the page
announces once per browser with a notification and a short sound unless staff turned them off.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request

from hub_web.console.deps import StaffUser, console_store
from hub_web.staff_alerts.mail import console_link
from hub_web.staff_alerts.store import latest_alert, waiting_count

router = APIRouter(prefix="/console/api")


def _alert_summary(request: Request) -> dict[str, Any]:
    engine = console_store(request).engine
    latest = latest_alert(engine)
    if latest is not None:
        settings = request.app.state.settings
        latest = {
            "id": latest["id"],
            "kind": latest["kind"],
            "lead_id": latest["lead_id"],
            "url": console_link(settings, latest).removeprefix(settings.website_url),
        }
    return {"waiting": waiting_count(engine), "latest": latest}


@router.get("/alerts", name="api_alerts")
async def api_alerts(request: Request, user: StaffUser) -> dict[str, Any]:
    """``{"waiting": n, "latest": {"id", "kind", "lead_id", "url"} | null}``."""
    return await asyncio.to_thread(_alert_summary, request)
