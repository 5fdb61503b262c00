"""``GET /chat/office-hours``: whether hub staff are in, for the chat widget.

When a visitor starts waiting for a person, the widget asks this once and tells them that a
member of staff will answer here, with the office hours in Qingdao time, or that the office is
closed and the reply will come by e-mail. The hours are ``HUB_OFFICE_HOURS``
(:mod:`hub_web.office_hours`), the same the console shows staff.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from hub_vocabulary import DEFAULT_LANGUAGE, LANGUAGES

router = APIRouter()


@router.get("/chat/office-hours", name="chat_office_hours")
async def office_hours(
    request: Request, lang: Annotated[str, Query(max_length=8)] = DEFAULT_LANGUAGE
) -> dict[str, Any]:
    """``{"open": bool, "hours": "Mon–Fri 09:00–18:00", "timeZone": "Asia/Shanghai"}``."""
    language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    schedule = request.app.state.settings.office_schedule
    return {
        "open": schedule.is_open(datetime.now(UTC)),
        "hours": schedule.label(language),
        "timeZone": schedule.time_zone,
    }
