"""Services the hub offers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from catalogue_api.codes import ServiceType
from catalogue_api.content_views import service_out
from catalogue_api.deps import LangDep, SessionDep, SourcesDep, public_cache_control
from catalogue_api.errors import error_responses
from catalogue_api.models import Service
from catalogue_api.schemas import ServiceList

router = APIRouter(tags=["services"], dependencies=[Depends(public_cache_control)])


@router.get("/services", responses=error_responses(422, 503))
def list_services(
    session: SessionDep,
    lang: LangDep,
    known: SourcesDep,
    type: Annotated[  # the contract names this filter "type"
        ServiceType | None,
        Query(description="Service type; a known type the seeds do not name has no entries"),
    ] = None,
) -> ServiceList:
    """List services, optionally of one type."""
    statement = select(Service).order_by(Service.position, Service.id)
    if type is not None:
        statement = statement.where(Service.type == type.value)
    items = [
        service_out(service, service.provider, lang, known)
        for service in session.scalars(statement).unique().all()
    ]
    return ServiceList(items=items)
