"""Staff endpoints for one person's personal data (header ``X-API-Key``): export and erasure.

The person behind a lead is the lead and every lead of its conversation (see
:mod:`catalogue_api.privacy`). The website's console adds the conversation's transcript and
records who exported or erased what.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from catalogue_api.deps import SessionDep, require_staff
from catalogue_api.errors import error_responses
from catalogue_api.lead_schemas import Erasure, PersonalData
from catalogue_api.lead_service import lead_detail
from catalogue_api.privacy import erase_person, person_leads
from catalogue_api.routers.staff import LeadId

router = APIRouter(
    prefix="/staff/leads/{lead_id}/personal-data",
    tags=["staff"],
    dependencies=[Depends(require_staff)],
    responses=error_responses(
        401,
        404,
        422,
        503,
        s404="No such lead (or it was erased)",
        s503="Staff API disabled (no CATALOGUE_API_KEY set), or the database is unavailable",
    ),
)


def _not_found(lead_id: int) -> HTTPException:
    return HTTPException(status_code=404, detail=f"lead {lead_id} not found")


@router.get("")
def export_personal_data(lead_id: LeadId, session: SessionDep) -> PersonalData:
    """Everything stored about the person behind a lead: the lead and those of its conversation."""
    leads = person_leads(session, lead_id)
    if not leads:
        raise _not_found(lead_id)
    return PersonalData(
        conversation_id=leads[0].conversation_id, leads=[lead_detail(lead) for lead in leads]
    )


@router.delete("")
def erase_personal_data(lead_id: LeadId, session: SessionDep) -> Erasure:
    """Delete the person's leads (this one and those of its conversation) with their history.

    One transaction: all of them or none. A lead that no longer exists is 404, so a retry
    after a lost answer tells the caller the erasure is done.
    """
    erasure = erase_person(session, lead_id)
    if erasure is None:
        raise _not_found(lead_id)
    return Erasure(conversation_id=erasure.conversation_id, erased_lead_ids=erasure.lead_ids)
