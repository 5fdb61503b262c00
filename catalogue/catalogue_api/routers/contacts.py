"""Organisations of the hub an investor can contact."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import select

from catalogue_api.content_views import contact_out
from catalogue_api.deps import LangDep, SessionDep, SourcesDep, public_cache_control
from catalogue_api.errors import error_responses
from catalogue_api.models import Contact
from catalogue_api.schemas import ContactList

router = APIRouter(tags=["contacts"], dependencies=[Depends(public_cache_control)])


@router.get("/contacts", responses=error_responses(422, 503))
def list_contacts(session: SessionDep, lang: LangDep, known: SourcesDep) -> ContactList:
    """List the hub's organisations with their contact channels.

    Channels the seeds do not give are null and labelled "not disclosed"; placeholder channels
    (reserved example domains) are flagged ``is_placeholder`` and labelled as such.
    """
    contacts = session.scalars(select(Contact).order_by(Contact.position, Contact.id))
    items = [contact_out(contact, lang, known) for contact in contacts]
    return ContactList(items=items)
