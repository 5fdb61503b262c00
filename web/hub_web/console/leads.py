"""Console lead pages: the filtered list, the CSV export, a lead's page, status and assignee."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hub_vocabulary import LEAD_STATUSES, NEXT_LEAD_STATUSES, SERVICE_TYPES
from hub_web.console.deps import CsrfField, StaffUser, catalogue, render
from hub_web.labels import country_choices, country_name
from hub_web.security import check_csrf
from hub_web.staff_labels import CHANNEL_LABELS, LANGUAGE_LABELS, assignment_choices
from hub_web.upstream import clean_lead_filters

router = APIRouter(prefix="/console")


@router.get("/leads", name="lead_list")
async def lead_list(request: Request, user: StaffUser) -> Response:
    """List leads with filters."""
    filters = clean_lead_filters(request.query_params)
    leads = await catalogue(request).all_leads(filters)
    return render(
        request,
        "console/leads.html",
        {
            "leads": leads,
            "project_names": await catalogue(request).project_names(),
            "filters": filters,
            "export_query": request.url.query,
            "statuses": LEAD_STATUSES,
            "languages": LANGUAGE_LABELS,
            "service_types": SERVICE_TYPES,
            "channels": CHANNEL_LABELS,
            "country_choices": country_choices(),
            "country_name": country_name,
        },
    )


@router.get("/leads.csv", name="lead_csv")
async def lead_csv(request: Request, user: StaffUser) -> Response:
    """Download the catalogue's CSV export with the same filters as the list."""
    filters = clean_lead_filters(request.query_params)
    upstream = await catalogue(request).export_leads_csv(filters)
    disposition = upstream.headers.get("content-disposition", 'attachment; filename="leads.csv"')
    return Response(
        content=upstream.content,
        media_type=upstream.headers.get("content-type", "text/csv; charset=utf-8"),
        headers={"Content-Disposition": disposition},
    )


@router.get("/leads/{lead_id}", name="lead_detail")
async def lead_detail(request: Request, lead_id: int, user: StaffUser) -> Response:
    """Show one lead, its history and the forms to assign it and move its status."""
    lead = await catalogue(request).get_lead(lead_id)
    return render(
        request,
        "console/lead.html",
        {
            "lead": lead,
            "project_names": await catalogue(request).project_names(),
            "next_statuses": NEXT_LEAD_STATUSES.get(lead.get("status", ""), ()),
            "assignment_choices": assignment_choices(request.app.state.staff_directory.usernames),
            "languages": LANGUAGE_LABELS,
            "country_name": country_name,
            "notice": request.query_params.get("notice"),
        },
    )


async def _update_lead(request: Request, lead_id: int, changes: dict[str, Any]) -> Response:
    await catalogue(request).update_lead(lead_id, changes)
    target = request.url_for("lead_detail", lead_id=lead_id).include_query_params(notice="saved")
    return RedirectResponse(target, status_code=303)


@router.post("/leads/{lead_id}/status", name="lead_status")
async def lead_status(
    request: Request,
    lead_id: int,
    user: StaffUser,
    csrf: CsrfField,
    status: Annotated[str, Form()],
) -> Response:
    """Move a lead to its next status, recording who did it."""
    check_csrf(request, csrf)
    if status not in LEAD_STATUSES:
        raise HTTPException(status_code=422, detail=f"Unknown status {status!r}.")
    return await _update_lead(request, lead_id, {"status": status, "changed_by": user})


@router.post("/leads/{lead_id}/assign", name="lead_assign")
async def lead_assign(
    request: Request,
    lead_id: int,
    user: StaffUser,
    csrf: CsrfField,
    assigned_to: Annotated[str, Form()] = "",
) -> Response:
    """Assign a lead to a colleague or a team (empty unassigns), recording who did it."""
    check_csrf(request, csrf)
    choices = assignment_choices(request.app.state.staff_directory.usernames)
    allowed = {value for value, _ in choices}
    if assigned_to and assigned_to not in allowed:
        raise HTTPException(status_code=422, detail="Choose a colleague or a team from the list.")
    return await _update_lead(
        request, lead_id, {"assigned_to": assigned_to or None, "changed_by": user}
    )
