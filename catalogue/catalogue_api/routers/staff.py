"""Staff endpoints (header ``X-API-Key``): list, count, export, read and update leads."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue_api.codes import Language, LeadChannel, LeadStatus, ServiceType
from catalogue_api.deps import SessionDep, require_staff
from catalogue_api.errors import error_responses
from catalogue_api.field_types import QUERY_TEXT_PATTERN, single_line
from catalogue_api.lead_count_schemas import ConversationIds, ConversationLeadCounts, LeadCounts
from catalogue_api.lead_counts import conversation_lead_counts, lead_counts
from catalogue_api.lead_schemas import LeadDetail, LeadList, LeadPatch
from catalogue_api.lead_service import (
    LeadFilters,
    StatusChangeRefusedError,
    change_lead,
    lead_detail,
    lead_out,
    leads_csv,
)
from catalogue_api.models import Lead, utcnow

logger = logging.getLogger("catalogue_api")

router = APIRouter(
    prefix="/staff",
    tags=["staff"],
    dependencies=[Depends(require_staff)],
    responses=error_responses(
        401,
        503,
        s503="Staff API disabled (no CATALOGUE_API_KEY set), or the database is unavailable",
    ),
)

LeadId = Annotated[int, Path(ge=1, le=2**31 - 1)]
#: What :func:`_text_filter` accepts, for the OpenAPI schema.
_TEXT_FILTER = {"pattern": QUERY_TEXT_PATTERN}


def _text_filter(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        single_line(value)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=f"query parameter {name!r}: {exc}") from None
    return value.strip()


def lead_filters(
    status: LeadStatus | None = None,
    language: Language | None = None,
    country: Annotated[
        str | None,
        Query(
            max_length=100,
            description="ISO 3166-1 alpha-2 code (`kz` = `KZ`) or the country as typed; "
            "case-insensitive, whole value",
            json_schema_extra=_TEXT_FILTER,
        ),
    ] = None,
    country_code: Annotated[
        str | None,
        Query(
            pattern="^[A-Za-z]{2}$",
            description="ISO 3166-1 alpha-2 code (`KZ`, any case): the leads with this code",
        ),
    ] = None,
    project: Annotated[
        str | None, Query(max_length=64, description="Project id", json_schema_extra=_TEXT_FILTER)
    ] = None,
    service: ServiceType | None = None,
    handoff: bool | None = None,
    assigned_to: Annotated[
        str | None, Query(max_length=100, json_schema_extra=_TEXT_FILTER)
    ] = None,
    channel: Annotated[
        LeadChannel | None, Query(description="The input channel the leads came through")
    ] = None,
) -> LeadFilters:
    """Read the lead filters from the query string."""
    return LeadFilters(
        status=status,
        language=language,
        country=_text_filter("country", country),
        country_code=country_code.upper() if country_code else None,
        project=_text_filter("project", project),
        service=service,
        handoff=handoff,
        assigned_to=_text_filter("assigned_to", assigned_to),
        channel=channel,
    )


FiltersDep = Annotated[LeadFilters, Depends(lead_filters)]


@router.get("/leads", responses=error_responses(422))
def list_leads(
    session: SessionDep,
    filters: FiltersDep,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
) -> LeadList:
    """List leads matching the filters, newest first; ``total`` counts all matches."""
    statement = filters.apply(select(Lead))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    leads = session.scalars(
        statement.order_by(Lead.id.desc()).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return LeadList(items=[lead_out(lead) for lead in leads], total=total)


@router.get("/lead-counts", responses=error_responses(422))
def count_leads(
    session: SessionDep,
    filters: FiltersDep,
    utc_offset_minutes: Annotated[
        int,
        Query(
            ge=-840,
            le=840,
            description="The hub's offset from UTC in minutes, for the days (480: Asia/Shanghai)",
        ),
    ] = 0,
) -> LeadCounts:
    """Count the leads matching the filters per day, country, project and service (no cap)."""
    return lead_counts(session, filters, utc_offset_minutes)


@router.post("/lead-counts/conversations", responses=error_responses(400, 413, 422))
def count_conversation_leads(
    body: ConversationIds, session: SessionDep, filters: FiltersDep
) -> ConversationLeadCounts:
    """Count how many of the sent conversations the leads matching the filters name.

    For the console's funnel: it sends its conversations' ids in batches and adds up the
    counts (distinct ids of different batches never overlap), so no chart is capped.
    """
    return conversation_lead_counts(session, filters, body.conversation_ids)


@router.get(
    "/leads.csv",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8 with BOM"},
        **error_responses(422),
    },
)
def export_leads(session: SessionDep, filters: FiltersDep) -> Response:
    """Export the leads matching the filters as CSV (UTF-8 with BOM for spreadsheets).

    Lists (projects, services) are joined with ``;``; free-text cells starting with ``= + - @``
    get a leading ``'`` so spreadsheets do not run them as formulas.
    """
    leads = session.scalars(filters.apply(select(Lead)).order_by(Lead.id)).all()
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    return Response(
        content=leads_csv(leads),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="leads-{stamp}.csv"'},
    )


def _get_lead(session: Session, lead_id: int, for_update: bool = False) -> Lead:
    lead = session.get(Lead, lead_id, with_for_update=for_update or None)
    if lead is None:
        raise HTTPException(status_code=404, detail=f"lead {lead_id} not found")
    return lead


@router.get("/leads/{lead_id}", responses=error_responses(404, 422, s404="No lead with this id"))
def get_lead(lead_id: LeadId, session: SessionDep) -> LeadDetail:
    """Return one lead with its history."""
    return lead_detail(_get_lead(session, lead_id))


@router.patch(
    "/leads/{lead_id}",
    responses=error_responses(400, 404, 409, 413, 422, s404="No lead with this id"),
)
def update_lead(lead_id: LeadId, body: LeadPatch, session: SessionDep) -> LeadDetail:
    """Change a lead's status and/or assignee; every change is recorded in its history.

    Status moves new -> contacted -> qualified, and any open status may close (409 otherwise).
    Sending the current status again changes nothing.
    """
    with session.begin():
        lead = _get_lead(session, lead_id, for_update=True)
        try:
            changed = change_lead(lead, body, utcnow())
        except StatusChangeRefusedError as exc:
            raise HTTPException(status_code=409, detail=str(exc)) from None
        if changed:
            session.flush()
            logger.info("lead %s changed by staff: %s", lead.id, changed)
        answer = lead_detail(lead)
    return answer
