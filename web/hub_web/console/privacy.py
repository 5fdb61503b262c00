"""Console pages for visitors' personal data: export and erase a lead's person, the audit log.

Export and erasure are forms on a lead's page (POST with the session's CSRF token); both are
recorded in the audit log (:mod:`hub_web.privacy.audit`), which ``/console/audit`` shows.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from hub_web.console.deps import CsrfField, StaffUser, fresh_console_store, render
from hub_web.privacy.person import (
    ErasureError,
    PersonalDataServices,
    erase_person,
    export_person,
)
from hub_web.security import check_csrf

router = APIRouter(prefix="/console")
AUDIT_PAGE_SIZE = 200
#: The HTTP status of each reason an erasure stopped for.
ERASURE_FAILURE_STATUS = {
    "not_confirmed": 422,
    "lead_missing": 404,
    "not_started": 503,
    "incomplete": 502,
}


def personal_data(request: Request) -> PersonalDataServices:
    """The services that hold personal data, and the audit log (set up by the lifespan)."""
    return request.app.state.personal_data


@router.post("/leads/{lead_id}/export", name="lead_export")
async def lead_export(request: Request, lead_id: int, user: StaffUser, csrf: CsrfField) -> Response:
    """Download everything stored about the lead's person as one JSON file."""
    check_csrf(request, csrf)
    await fresh_console_store(request)  # the console's copies include what Rasa just wrote
    document = await export_person(personal_data(request), lead_id, user)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    filename = f"personal-data-lead-{lead_id}-{stamp}.json"
    return JSONResponse(
        document, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.post("/leads/{lead_id}/erase", name="lead_erase")
async def lead_erase(
    request: Request,
    lead_id: int,
    user: StaffUser,
    csrf: CsrfField,
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Erase the lead's person: the conversation in Rasa, the console's copies, the leads."""
    check_csrf(request, csrf)
    if confirm != "erase":
        return _erase_failed(request, lead_id, "not_confirmed", None)
    try:
        await erase_person(personal_data(request), lead_id, user)
    except ErasureError as error:
        return _erase_failed(request, lead_id, error.reason, error.service)
    target = request.url_for("audit_log").include_query_params(erased=lead_id)
    return RedirectResponse(target, status_code=303)


def _erase_failed(request: Request, lead_id: int, reason: str, service: str | None) -> Response:
    """The page that says why an erasure did not happen or did not finish (texts in it)."""
    return render(
        request,
        "console/erase_failed.html",
        {"lead_id": lead_id, "reason": reason, "service": service},
        status_code=ERASURE_FAILURE_STATUS[reason],
    )


@router.get("/audit", name="audit_log")
async def audit_log(request: Request, user: StaffUser) -> Response:
    """The latest exports, erasures and retention runs, newest first."""
    entries = await asyncio.to_thread(personal_data(request).audit_log.recent, AUDIT_PAGE_SIZE)
    return render(
        request,
        "console/audit.html",
        {"entries": entries, "erased": request.query_params.get("erased")},
    )
