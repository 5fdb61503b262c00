"""Staff endpoints (header ``X-API-Key``): list, export, read and update leads."""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from catalogue_api.codes import LEAD_TRANSITIONS, Language, LeadStatus, ServiceType
from catalogue_api.deps import SessionDep, require_staff
from catalogue_api.models import Lead, LeadHistory, LeadProject, LeadService, utcnow
from catalogue_api.schemas import (
    ErrorOut,
    LeadDetail,
    LeadHistoryOut,
    LeadList,
    LeadOut,
    LeadPatch,
    single_line,
)

logger = logging.getLogger("catalogue_api")

router = APIRouter(
    prefix="/staff",
    tags=["staff"],
    dependencies=[Depends(require_staff)],
    responses={
        401: {"model": ErrorOut, "description": "missing or wrong X-API-Key"},
        503: {"model": ErrorOut, "description": "staff API disabled (no CATALOGUE_API_KEY)"},
    },
)

LeadId = Annotated[int, Path(ge=1, le=2**31 - 1)]
#: A ``country`` filter of two ASCII letters may be a country code (any case).
COUNTRY_CODE_RE = re.compile(r"[A-Za-z]{2}")

CSV_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "status",
    "assigned_to",
    "name",
    "company",
    "country",
    "country_code",
    "email",
    "phone",
    "language",
    "projects",
    "services",
    "handoff",
    "consent",
    "interest",
    "conversation_id",
    "client_reference",
)
#: Free-text columns a spreadsheet could take for a formula; such values get a leading "'".
_FORMULA_GUARDED = {
    "assigned_to",
    "name",
    "company",
    "country",
    "interest",
    "conversation_id",
    "client_reference",
}


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _text_filter(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        single_line(value)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=f"query parameter {name!r}: {exc}") from None
    return value.strip()


@dataclass(frozen=True)
class LeadFilters:
    """Filters shared by the list and the CSV export."""

    status: LeadStatus | None
    language: Language | None
    country: str | None
    project: str | None
    service: ServiceType | None
    handoff: bool | None
    assigned_to: str | None

    def apply(self, statement: Select) -> Select:  # type: ignore[type-arg]
        """Add the filters to a ``select(Lead)`` statement."""
        if self.status is not None:
            statement = statement.where(Lead.status == self.status.value)
        if self.language is not None:
            statement = statement.where(Lead.language == self.language.value)
        if self.country is not None:
            matches = Lead.country_key == self.country.casefold()
            if COUNTRY_CODE_RE.fullmatch(self.country):
                matches = or_(matches, Lead.country_code == self.country.upper())
            statement = statement.where(matches)
        if self.project is not None:
            statement = statement.where(Lead.projects.any(LeadProject.project_id == self.project))
        if self.service is not None:
            statement = statement.where(
                Lead.services.any(LeadService.service_type == self.service.value)
            )
        if self.handoff is not None:
            statement = statement.where(Lead.handoff.is_(self.handoff))
        if self.assigned_to is not None:
            statement = statement.where(Lead.assigned_to == self.assigned_to)
        return statement


def lead_filters(
    status: LeadStatus | None = None,
    language: Language | None = None,
    country: Annotated[
        str | None,
        Query(
            max_length=100,
            description="ISO 3166-1 alpha-2 code (`kz` = `KZ`) or the country as typed; "
            "case-insensitive, whole value",
        ),
    ] = None,
    project: Annotated[str | None, Query(max_length=64, description="Project id")] = None,
    service: ServiceType | None = None,
    handoff: bool | None = None,
    assigned_to: Annotated[str | None, Query(max_length=100)] = None,
) -> LeadFilters:
    """Read the lead filters from the query string."""
    return LeadFilters(
        status=status,
        language=language,
        country=_text_filter("country", country),
        project=_text_filter("project", project),
        service=service,
        handoff=handoff,
        assigned_to=_text_filter("assigned_to", assigned_to),
    )


FiltersDep = Annotated[LeadFilters, Depends(lead_filters)]


def lead_out(lead: Lead) -> LeadOut:
    """Render a stored lead."""
    return LeadOut(
        id=lead.id,
        client_reference=lead.client_reference,
        name=lead.name,
        company=lead.company,
        country=lead.country,
        country_code=lead.country_code,
        email=lead.email,
        phone=lead.phone,
        interest=lead.interest,
        consent=lead.consent,
        conversation_id=lead.conversation_id,
        language=lead.language,
        projects=[p.project_id for p in lead.projects],
        services=[s.service_type for s in lead.services],
        handoff=lead.handoff,
        status=lead.status,
        assigned_to=lead.assigned_to,
        created_at=_aware(lead.created_at),
        updated_at=_aware(lead.updated_at),
    )


def lead_detail(lead: Lead) -> LeadDetail:
    """Render a stored lead with its history."""
    return LeadDetail(
        **lead_out(lead).model_dump(),
        history=[
            LeadHistoryOut(
                changed_at=_aware(entry.changed_at),
                changed_by=entry.changed_by,
                field=entry.field,
                from_value=entry.from_value,
                to_value=entry.to_value,
            )
            for entry in lead.history
        ],
    )


@router.get("/leads", responses={422: {"model": ErrorOut}})
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


def _csv_cell(column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _aware(value).isoformat()
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    text = str(value)
    if column in _FORMULA_GUARDED and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


@router.get(
    "/leads.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8 with BOM"}},
)
def export_leads(session: SessionDep, filters: FiltersDep) -> Response:
    """Export the leads matching the filters as CSV (UTF-8 with BOM for spreadsheets).

    Lists (projects, services) are joined with ``;``; free-text cells starting with ``= + - @``
    get a leading ``'`` so spreadsheets do not run them as formulas.
    """
    leads = session.scalars(filters.apply(select(Lead)).order_by(Lead.id)).all()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for lead in leads:
        row = lead_out(lead).model_dump()
        writer.writerow([_csv_cell(column, row[column]) for column in CSV_COLUMNS])
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    return Response(
        content="\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="leads-{stamp}.csv"'},
    )


def _get_lead(session: Session, lead_id: int, for_update: bool = False) -> Lead:
    lead = session.get(Lead, lead_id, with_for_update=for_update or None)
    if lead is None:
        raise HTTPException(status_code=404, detail=f"lead {lead_id} not found")
    return lead


@router.get("/leads/{lead_id}", responses={404: {"model": ErrorOut}})
def get_lead(lead_id: LeadId, session: SessionDep) -> LeadDetail:
    """Return one lead with its history."""
    return lead_detail(_get_lead(session, lead_id))


@router.patch(
    "/leads/{lead_id}",
    responses={404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def update_lead(lead_id: LeadId, body: LeadPatch, session: SessionDep) -> LeadDetail:
    """Change a lead's status and/or assignee; every change is recorded in its history.

    Status moves new -> contacted -> qualified, and any open status may close (409 otherwise).
    Sending the current status again changes nothing.
    """
    with session.begin():
        lead = _get_lead(session, lead_id, for_update=True)
        now = utcnow()
        changes: list[tuple[str, str | None, str | None]] = []
        if body.status is not None and body.status.value != lead.status:
            current = LeadStatus(lead.status)
            allowed = LEAD_TRANSITIONS[current]
            if body.status not in allowed:
                options = ", ".join(sorted(s.value for s in allowed)) or "none (closed is final)"
                raise HTTPException(
                    status_code=409,
                    detail=f"cannot change status from {current.value} to {body.status.value}; "
                    f"allowed from {current.value}: {options}",
                )
            changes.append(("status", lead.status, body.status.value))
            lead.status = body.status.value
        if "assigned_to" in body.model_fields_set and body.assigned_to != lead.assigned_to:
            changes.append(("assigned_to", lead.assigned_to, body.assigned_to))
            lead.assigned_to = body.assigned_to
        for field, old, new in changes:
            lead.history.append(
                LeadHistory(
                    changed_at=now,
                    changed_by=body.changed_by,
                    field=field,
                    from_value=old,
                    to_value=new,
                )
            )
        if changes:
            lead.updated_at = now
            session.flush()
            logger.info("lead %s changed by staff: %s", lead.id, [c[0] for c in changes])
        answer = lead_detail(lead)
    return answer
