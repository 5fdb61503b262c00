"""Organisations of the hub an investor can contact."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from catalogue_api import i18n, sources
from catalogue_api.deps import LangDep, SessionDep, SourcesDep
from catalogue_api.errors import error_responses
from catalogue_api.models import Contact
from catalogue_api.schemas import ContactList, ContactOut

router = APIRouter(tags=["contacts"])


def _channel_label(value: str | None, is_placeholder: bool, lang: str) -> str:
    if value is None:
        return i18n.text("not_disclosed", lang)
    if is_placeholder:
        return i18n.text("placeholder", lang, value=value)
    return value


@router.get("/contacts", responses=error_responses(422, 503))
def list_contacts(session: SessionDep, lang: LangDep, known: SourcesDep) -> ContactList:
    """List the hub's organisations with their contact channels.

    Channels the seeds do not give are null and labelled "not disclosed"; placeholder channels
    (reserved example domains) are flagged ``is_placeholder`` and labelled as such.
    """
    items = [
        ContactOut(
            id=contact.id,
            name=i18n.pick(contact, "name", lang) or contact.id,
            description=i18n.pick(contact, "description", lang),
            website=contact.website,
            email=contact.email,
            phone=contact.phone,
            website_label=_channel_label(contact.website, contact.is_placeholder, lang),
            phone_label=_channel_label(contact.phone, contact.is_placeholder, lang),
            email_label=_channel_label(contact.email, contact.is_placeholder, lang),
            is_placeholder=contact.is_placeholder,
            source=contact.source,
            source_label=sources.source_label(contact.source, lang, known),
        )
        for contact in session.scalars(select(Contact).order_by(Contact.position, Contact.id))
    ]
    return ContactList(items=items)
