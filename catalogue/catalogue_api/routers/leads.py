"""Lead intake: only the action server's outbox posts leads here (``X-Lead-Intake-Key``)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from catalogue_api.deps import SessionDep, require_lead_intake
from catalogue_api.errors import FieldsRefusedError, error_responses
from catalogue_api.lead_schemas import LeadCreate, LeadCreated
from catalogue_api.lead_service import new_lead, unknown_projects
from catalogue_api.models import Lead, utcnow

router = APIRouter(tags=["leads"])
logger = logging.getLogger("catalogue_api")

#: ``changed_by`` of the history entry that records a lead's creation.
INTAKE_ACTOR = "intake"


def _existing(session: Session, client_reference: str | None) -> Lead | None:
    if not client_reference:
        return None
    return session.scalar(select(Lead).where(Lead.client_reference == client_reference))


def _answer(lead: Lead, created: bool) -> LeadCreated:
    return LeadCreated(
        id=lead.id, status=lead.status, created=created, client_reference=lead.client_reference
    )


@router.post(
    "/leads",
    status_code=201,
    dependencies=[Depends(require_lead_intake)],
    responses={
        200: {"model": LeadCreated, "description": "client_reference already stored"},
        **error_responses(
            400,
            401,
            413,
            422,
            503,
            s401="Missing or wrong X-Lead-Intake-Key header",
            s503="Lead intake disabled (no LEAD_INTAKE_KEY set), or the database is unavailable",
            s422="The body was refused: `errors` says which fields and why. That includes a "
            "body the schema allows whose `projects` names ids the catalogue does not have "
            "(the schema cannot list them: they change with the catalogue, see `GET /projects`)",
        ),
    },
)
def create_lead(body: LeadCreate, session: SessionDep, response: Response) -> LeadCreated:
    """Store a lead (201). A ``client_reference`` seen before returns that lead (200, not created).

    Projects must be ids of the catalogue (``GET /projects``), and services known service
    types. The schema cannot list the project ids, which change with the catalogue: an id the
    catalogue lacks gets 422, with one ``errors`` entry per unknown id.
    """
    try:
        with session.begin():
            existing = _existing(session, body.client_reference)
            if existing is not None:
                response.status_code = 200
                return _answer(existing, created=False)
            unknown = unknown_projects(session, body.projects)
            if unknown:
                raise FieldsRefusedError(
                    f"body field 'projects': unknown project id(s) "
                    f"{', '.join(unknown)}; see GET /projects",
                    [
                        (("body", "projects", index), f"unknown project id {project!r}")
                        for index, project in enumerate(body.projects)
                        if project in unknown
                    ],
                )
            lead = new_lead(body, created_by=INTAKE_ACTOR, now=utcnow())
            session.add(lead)
            session.flush()
            answer = _answer(lead, created=True)
    except IntegrityError:
        # Two deliveries with the same client_reference raced: the other one was stored.
        session.rollback()
        with session.begin():
            existing = _existing(session, body.client_reference)
            if existing is None:
                raise
            response.status_code = 200
            return _answer(existing, created=False)
    logger.info("lead %s stored (language %s, handoff %s)", answer.id, body.language, body.handoff)
    return answer
