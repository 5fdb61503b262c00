"""Staff content editor (header ``X-API-Key``): services, contacts and the hub's dated facts.

Items are sent whole in en, zh and ru with the source of what staff write; every change is
logged per field with who made it (:mod:`catalogue_api.content_edits`). The bot reads
``/services``, ``/contacts`` and ``/hub``, keeping an answer at most
``CATALOGUE_CACHE_MAX_AGE_SECONDS`` (30 s), so a saved change is in its answers within that
time, with no restart.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue_api import content_edits as edits
from catalogue_api.content_schemas import (
    ContactEdit,
    ContactPreview,
    ContactPreviewIn,
    ContactStaffList,
    ContactStaffOut,
    HubFactCreate,
    HubFactEdit,
    HubFactPreview,
    HubFactPreviewIn,
    HubFactStaffList,
    HubFactStaffOut,
    ServiceEdit,
    ServicePreview,
    ServicePreviewIn,
    ServiceStaffList,
    ServiceStaffOut,
)
from catalogue_api.content_views import contact_out, event_out, service_out
from catalogue_api.deps import SessionDep, SourcesDep, require_staff
from catalogue_api.errors import error_responses
from catalogue_api.file_models import SeedDocument
from catalogue_api.models import Contact, Event, Service, utcnow
from catalogue_api.seed import load_seed_document

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

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
ItemIdPath = Annotated[str, Path(pattern=ID_PATTERN, max_length=64)]
EditedId = Annotated[
    str | None,
    Query(pattern=ID_PATTERN, max_length=64, description="The stored item being edited"),
]
LANGS = ("en", "zh", "ru")
#: The id a preview of a hub fact not saved yet shows.
PREVIEW_ID = "new-fact"
SAVE_RESPONSES = error_responses(400, 404, 413, 422, s404="No item with this id")
#: A service names its provider by a contact's id.
NO_PROVIDER = "`provider_id` names no stored contact"
SERVICE_RESPONSES = error_responses(
    400, 404, 409, 413, 422, s404="No such service", s409=NO_PROVIDER
)


def _get(session: Session, kind: edits.Kind, item_id: str) -> Any:
    row = session.get(kind.model, item_id)
    if row is None:
        raise HTTPException(status_code=404, detail=f"{kind.name} {item_id!r} not found")
    return row


def _check_provider(session: Session, provider_id: str | None) -> Contact | None:
    """The provider's row; an id that is no stored contact conflicts with the catalogue (409).

    The body alone is schema-valid: which contacts exist is data, not contract.
    """
    if provider_id is None:
        return None
    provider = session.get(Contact, provider_id)
    if provider is None:
        raise HTTPException(
            status_code=409, detail=f"field 'provider_id': no contact {provider_id!r}"
        )
    return provider


def _seed(request: Request) -> SeedDocument:
    document: SeedDocument | None = getattr(request.app.state, "seed", None)
    return document or load_seed_document()


def _save(
    request: Request, session: Session, kind: edits.Kind, row: Any, body: Any, *, new: bool = False
) -> None:
    seed = None if new else edits.seed_row(_seed(request), kind, row.id)
    changed = edits.save(session, row, kind, body, utcnow(), new=new, seed=seed)
    if changed:
        logger.info("%s %s changed by staff: %s", kind.name, row.id, changed)


def _preview_row(kind: edits.Kind, body: Any, current: Any, **fixed: Any) -> Any:
    """A detached row holding the body's content (and the stored item's source)."""
    row = kind.model(**fixed)
    for name in ("source", "source_date", "source_title"):
        setattr(row, name, getattr(current, name) if current is not None else None)
    edits.apply(row, kind, body, body.source)
    return row


# ---------------------------------------------------------------- services


@router.get("/services")
def list_staff_services(session: SessionDep, known: SourcesDep) -> ServiceStaffList:
    """Every service with its texts in en, zh and ru and its change log, in catalogue order."""
    rows = session.scalars(select(Service).order_by(Service.position, Service.id)).unique()
    items = [ServiceStaffOut(**edits.staff_fields(session, r, edits.SERVICE, known)) for r in rows]
    return ServiceStaffList(items=items)


@router.get("/services/{service_id}", responses=error_responses(404, 422, s404="No such service"))
def get_staff_service(
    service_id: ItemIdPath, session: SessionDep, known: SourcesDep
) -> ServiceStaffOut:
    """One service with its texts in every language and its change log."""
    row = _get(session, edits.SERVICE, service_id)
    return ServiceStaffOut(**edits.staff_fields(session, row, edits.SERVICE, known))


@router.put("/services/{service_id}", responses=SERVICE_RESPONSES)
def update_staff_service(
    service_id: ItemIdPath,
    body: ServiceEdit,
    request: Request,
    session: SessionDep,
    known: SourcesDep,
) -> ServiceStaffOut:
    """Replace a service's texts and provider; its source becomes the one staff give.

    Each changed field is logged; sending the same content again changes nothing (the source
    stays as it is).
    """
    with session.begin():
        row = _get(session, edits.SERVICE, service_id)
        _check_provider(session, body.provider_id)
        _save(request, session, edits.SERVICE, row, body)
        answer = ServiceStaffOut(**edits.staff_fields(session, row, edits.SERVICE, known))
    return answer


@router.post("/services/{service_id}/preview", responses=SERVICE_RESPONSES)
def preview_staff_service(
    service_id: ItemIdPath, body: ServicePreviewIn, session: SessionDep, known: SourcesDep
) -> ServicePreview:
    """Show a service as visitors would get it in en, zh and ru, without saving anything."""
    current = _get(session, edits.SERVICE, service_id)
    provider = _check_provider(session, body.provider_id)
    row = _preview_row(edits.SERVICE, body, current, id=current.id, type=current.type)
    return ServicePreview(**{lang: service_out(row, provider, lang, known) for lang in LANGS})


# ---------------------------------------------------------------- contacts


@router.get("/contacts")
def list_staff_contacts(session: SessionDep, known: SourcesDep) -> ContactStaffList:
    """Every contact with its texts in en, zh and ru and its change log, in catalogue order."""
    rows = session.scalars(select(Contact).order_by(Contact.position, Contact.id))
    items = [ContactStaffOut(**edits.staff_fields(session, r, edits.CONTACT, known)) for r in rows]
    return ContactStaffList(items=items)


@router.get("/contacts/{contact_id}", responses=error_responses(404, 422, s404="No such contact"))
def get_staff_contact(
    contact_id: ItemIdPath, session: SessionDep, known: SourcesDep
) -> ContactStaffOut:
    """One contact with its texts in every language and its change log."""
    row = _get(session, edits.CONTACT, contact_id)
    return ContactStaffOut(**edits.staff_fields(session, row, edits.CONTACT, known))


@router.put("/contacts/{contact_id}", responses=SAVE_RESPONSES)
def update_staff_contact(
    contact_id: ItemIdPath,
    body: ContactEdit,
    request: Request,
    session: SessionDep,
    known: SourcesDep,
) -> ContactStaffOut:
    """Replace a contact's texts and channels; its source becomes the one staff give."""
    with session.begin():
        row = _get(session, edits.CONTACT, contact_id)
        _save(request, session, edits.CONTACT, row, body)
        answer = ContactStaffOut(**edits.staff_fields(session, row, edits.CONTACT, known))
    return answer


@router.post(
    "/contacts/{contact_id}/preview",
    responses=error_responses(400, 404, 413, 422, s404="No such contact"),
)
def preview_staff_contact(
    contact_id: ItemIdPath, body: ContactPreviewIn, session: SessionDep, known: SourcesDep
) -> ContactPreview:
    """Show a contact as visitors would get it in en, zh and ru, without saving anything."""
    current = _get(session, edits.CONTACT, contact_id)
    row = _preview_row(edits.CONTACT, body, current, id=current.id)
    return ContactPreview(**{lang: contact_out(row, lang, known) for lang in LANGS})


# ---------------------------------------------------------------- hub facts


@router.get("/hub-facts")
def list_staff_hub_facts(session: SessionDep, known: SourcesDep) -> HubFactStaffList:
    """Every dated fact about the hub with its texts in en, zh and ru, by date."""
    rows = session.scalars(select(Event).order_by(Event.date, Event.position))
    items = [HubFactStaffOut(**edits.staff_fields(session, r, edits.HUB_FACT, known)) for r in rows]
    return HubFactStaffList(items=items)


@router.get("/hub-facts/{fact_id}", responses=error_responses(404, 422, s404="No such fact"))
def get_staff_hub_fact(
    fact_id: ItemIdPath, session: SessionDep, known: SourcesDep
) -> HubFactStaffOut:
    """One dated fact with its texts in every language and its change log."""
    row = _get(session, edits.HUB_FACT, fact_id)
    return HubFactStaffOut(**edits.staff_fields(session, row, edits.HUB_FACT, known))


@router.post(
    "/hub-facts",
    status_code=201,
    responses=error_responses(400, 409, 413, 422, s409="A fact with this id exists already"),
)
def create_staff_hub_fact(
    body: HubFactCreate, request: Request, session: SessionDep, known: SourcesDep
) -> HubFactStaffOut:
    """Add a dated fact about the hub in en, zh and ru with its source; it is logged."""
    with session.begin():
        if session.get(Event, body.id) is not None:
            raise HTTPException(status_code=409, detail=f"fact {body.id!r} exists already")
        position = (session.scalar(select(func.max(Event.position))) or 0) + 1
        row = Event(id=body.id, position=position)
        edits.apply(row, edits.HUB_FACT, body, body.source)
        session.add(row)
        _save(request, session, edits.HUB_FACT, row, body, new=True)
        answer = HubFactStaffOut(**edits.staff_fields(session, row, edits.HUB_FACT, known))
    return answer


@router.put("/hub-facts/{fact_id}", responses=SAVE_RESPONSES)
def update_staff_hub_fact(
    fact_id: ItemIdPath, body: HubFactEdit, request: Request, session: SessionDep, known: SourcesDep
) -> HubFactStaffOut:
    """Replace a dated fact's date and texts; its source becomes the one staff give."""
    with session.begin():
        row = _get(session, edits.HUB_FACT, fact_id)
        _save(request, session, edits.HUB_FACT, row, body)
        answer = HubFactStaffOut(**edits.staff_fields(session, row, edits.HUB_FACT, known))
    return answer


@router.post("/hub-fact-preview", responses=error_responses(400, 404, 413, 422))
def preview_staff_hub_fact(
    body: HubFactPreviewIn, session: SessionDep, known: SourcesDep, fact_id: EditedId = None
) -> HubFactPreview:
    """Show a dated fact as visitors would get it in en, zh and ru, without saving anything."""
    current = _get(session, edits.HUB_FACT, fact_id) if fact_id else None
    row = _preview_row(edits.HUB_FACT, body, current, id=fact_id or PREVIEW_ID)
    return HubFactPreview(**{lang: event_out(row, lang, known) for lang in LANGS})
