"""Leads: the intake record, the status workflow and its history, filters, rendering, CSV export.

Shared by the intake (``routers/leads.py``) and the staff endpoints (``routers/staff.py``).
Nothing here knows HTTP: refusals are exceptions that the routers turn into answers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from catalogue_api.codes import LEAD_TRANSITIONS, Language, LeadChannel, LeadStatus, ServiceType
from catalogue_api.field_types import STORED
from catalogue_api.lead_schemas import LeadBase, LeadCreate, LeadDetail, LeadPatch, LeadPublic
from catalogue_api.models import Lead, LeadHistory, LeadProject, LeadService, Project

#: A ``country`` filter of two ASCII letters may be a country code (any case).
COUNTRY_CODE_RE = re.compile(r"[A-Za-z]{2}")

#: Columns of the CSV export: the fields of a stored lead, what the catalogue keeps (id, status,
#: assignee, times, consent) first, then the lead's own fields in ``LeadBase``'s order.
CSV_COLUMNS = tuple(sorted(LeadPublic.model_fields, key=lambda name: name in LeadBase.model_fields))
#: What spreadsheets read as the start of a formula (OWASP, "CSV Injection"): a cell that starts
#: with one of these gets a leading ``'``, whichever column it is in.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# ---------------------------------------------------------------- intake and workflow


class StatusChangeRefusedError(ValueError):
    """A status change the workflow does not allow; the message names the allowed ones."""


def history_entry(
    field: str, old: str | None, new: str | None, changed_by: str, at: datetime
) -> LeadHistory:
    """One history row: who changed which field of a lead, when, from what to what."""
    return LeadHistory(
        changed_at=at, changed_by=changed_by, field=field, from_value=old, to_value=new
    )


def unknown_projects(session: Session, project_ids: list[str]) -> list[str]:
    """The ids among ``project_ids`` that the catalogue lacks, in their order."""
    if not project_ids:
        return []
    known = set(session.scalars(select(Project.id).where(Project.id.in_(project_ids))))
    return [p for p in project_ids if p not in known]


def new_lead(body: LeadCreate, created_by: str, now: datetime) -> Lead:
    """Build a new lead (status ``new``) with its projects, services and creation history.

    Args:
        body: The validated lead.
        created_by: ``changed_by`` of the history row that records the creation.
        now: Creation time (UTC).

    Returns:
        The lead, not yet added to a session.
    """
    lead = Lead(
        **body.model_dump(mode="json", exclude={"projects", "services"}),
        country_key=body.country.casefold() if body.country else None,
        status=LeadStatus("new").value,
        created_at=now,
        updated_at=now,
    )
    lead.projects = [LeadProject(project_id=p, position=i) for i, p in enumerate(body.projects)]
    lead.services = [
        LeadService(service_type=s.value, position=i) for i, s in enumerate(body.services)
    ]
    lead.history = [history_entry("status", None, LeadStatus("new").value, created_by, now)]
    return lead


def change_lead(lead: Lead, patch: LeadPatch, now: datetime) -> list[str]:
    """Apply a staff change to ``lead`` and record every changed field in its history.

    Status moves new -> contacted -> qualified, and any open status may close; sending the
    current status again changes nothing. ``assigned_to`` given as null unassigns.

    Args:
        lead: The stored lead (locked for update by the caller).
        patch: The change.
        now: Time of the change (UTC).

    Returns:
        The names of the fields that changed (empty when nothing did).

    Raises:
        StatusChangeRefusedError: If the workflow does not allow the status change.
    """
    changes: list[tuple[str, str | None, str | None]] = []
    if patch.status is not None and patch.status.value != lead.status:
        current = LeadStatus(lead.status)
        allowed = LEAD_TRANSITIONS[current]
        if patch.status not in allowed:
            options = ", ".join(sorted(s.value for s in allowed)) or "none (closed is final)"
            raise StatusChangeRefusedError(
                f"cannot change status from {current.value} to {patch.status.value}; "
                f"allowed from {current.value}: {options}"
            )
        changes.append(("status", lead.status, patch.status.value))
        lead.status = patch.status.value
    if "assigned_to" in patch.model_fields_set and patch.assigned_to != lead.assigned_to:
        changes.append(("assigned_to", lead.assigned_to, patch.assigned_to))
        lead.assigned_to = patch.assigned_to
    for field, old, new in changes:
        lead.history.append(history_entry(field, old, new, patch.changed_by, now))
    if changes:
        lead.updated_at = now
    return [field for field, _old, _new in changes]


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class LeadFilters:
    """Filters shared by the staff list and the CSV export (``None``: not filtered)."""

    status: LeadStatus | None = None
    language: Language | None = None
    country: str | None = None
    #: ISO 3166-1 alpha-2 code, matched exactly (upper case) against ``Lead.country_code``.
    country_code: str | None = None
    project: str | None = None
    service: ServiceType | None = None
    handoff: bool | None = None
    assigned_to: str | None = None
    channel: LeadChannel | None = None

    def apply(self, statement: Select[Any]) -> Select[Any]:
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
        if self.country_code is not None:
            statement = statement.where(Lead.country_code == self.country_code.upper())
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
        if self.channel is not None:
            statement = statement.where(Lead.channel == self.channel.value)
        return statement


def lead_out(lead: Lead) -> LeadPublic:
    """Render a stored lead."""
    return LeadPublic.model_validate(lead, from_attributes=True, context=STORED)


def lead_detail(lead: Lead) -> LeadDetail:
    """Render a stored lead with its history."""
    return LeadDetail.model_validate(lead, from_attributes=True, context=STORED)


# ---------------------------------------------------------------- CSV export


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def leads_csv(leads: Iterable[Lead]) -> str:
    """Export leads as CSV text for spreadsheets: a byte order mark, then CRLF rows.

    Columns are :data:`CSV_COLUMNS`; lists (projects, services) are joined with ``;``; any cell
    starting with one of :data:`FORMULA_TRIGGERS` (the e-mail and phone columns included) gets a
    leading ``'`` so spreadsheets do not run it as a formula.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for lead in leads:
        row = lead_out(lead).model_dump()
        writer.writerow([_csv_cell(row[column]) for column in CSV_COLUMNS])
    return "\ufeff" + buffer.getvalue()
