"""FastAPI dependencies: database session, language, sources, staff keys, public caching."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, Response, Security
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from catalogue_api import i18n
from catalogue_api.codes import Language
from catalogue_api.file_models import SourceFiles
from catalogue_api.settings import Settings

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="Staff key (CATALOGUE_API_KEY)"
)


_intake_key_header = APIKeyHeader(
    name="X-Lead-Intake-Key",
    scheme_name="LeadIntakeKey",
    auto_error=False,
    description="Lead-intake key (LEAD_INTAKE_KEY), held by the action server",
)


def _same_key(given: str | None, expected: str) -> bool:
    """Whether ``given`` is ``expected``, compared in constant time."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def app_settings(request: Request) -> Settings:
    """Return the settings the application was built with."""
    settings: Settings = request.app.state.settings
    return settings


def app_sources(request: Request) -> SourceFiles:
    """Return the seed files the application labels ``source`` fields with."""
    sources: SourceFiles = request.app.state.sources
    return sources


def get_session(request: Request) -> Iterator[Session]:
    """Yield a database session, closed after the request.

    Args:
        request: The current request (its app holds the session factory).

    Yields:
        A session; routes that write commit in ``session.begin()`` blocks.
    """
    with request.app.state.session_factory() as session:
        yield session


def get_lang(
    request: Request,
    response: Response,
    lang: Annotated[
        Language | None,
        Query(description="Answer language (else the Accept-Language header)"),
    ] = None,
) -> str:
    """Choose the answer language: ``?lang=`` first, then ``Accept-Language``, then English.

    Args:
        request: The current request.
        response: The response (gets a ``Content-Language`` header).
        lang: Explicit language; any other value is refused by validation (422).

    Returns:
        ``en``, ``zh`` or ``ru``.
    """
    if lang is not None:
        chosen = lang.value
    else:
        chosen = i18n.parse_accept_language(request.headers.get("accept-language"))
    response.headers["Content-Language"] = chosen
    return chosen


def public_cache_control(
    request: Request,
    response: Response,
    settings: Annotated[Settings, Depends(app_settings)],
) -> None:
    """Let any client keep a public read's answer ``CATALOGUE_CACHE_MAX_AGE_SECONDS`` (issue 23).

    The routers of the public reads (``/projects``, ``/services``, ``/contacts``, ``/hub``) take
    it as a dependency. A free-text search (``q``) is ``no-store``: its keys are unbounded; so is
    every answer when the setting is ``0``. Errors are raised, so they never get these headers.
    """
    max_age = settings.cache_max_age_seconds
    if max_age and "q" not in request.query_params:
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
        response.headers["Vary"] = "Accept-Language"
    else:
        response.headers["Cache-Control"] = "no-store"


def require_staff(
    settings: Annotated[Settings, Depends(app_settings)],
    api_key: Annotated[str | None, Security(_api_key_header)] = None,
) -> None:
    """Allow the request only with header ``X-API-Key`` equal to ``CATALOGUE_API_KEY``.

    Raises:
        HTTPException: 503 when no key is configured, 401 when the header is missing or wrong.
    """
    if not settings.api_key:
        raise HTTPException(status_code=503, detail="staff API disabled: set CATALOGUE_API_KEY")
    if not _same_key(api_key, settings.api_key):
        raise HTTPException(
            status_code=401,
            detail="missing or wrong X-API-Key header",
            headers={"WWW-Authenticate": "X-API-Key"},
        )


def require_lead_intake(
    settings: Annotated[Settings, Depends(app_settings)],
    intake_key: Annotated[str | None, Security(_intake_key_header)] = None,
) -> None:
    """Allow a lead only with header ``X-Lead-Intake-Key`` equal to ``LEAD_INTAKE_KEY``.

    Leads are grouped into one person by ``conversation_id`` (``docs/privacy-identity.md``),
    so only the action server, which takes it from Rasa's sender id, may post them.

    Raises:
        HTTPException: 503 when no key is configured, 401 when the header is missing or wrong.
    """
    if not settings.lead_intake_key:
        raise HTTPException(status_code=503, detail="lead intake disabled: set LEAD_INTAKE_KEY")
    if not _same_key(intake_key, settings.lead_intake_key):
        raise HTTPException(
            status_code=401,
            detail="missing or wrong X-Lead-Intake-Key header",
            headers={"WWW-Authenticate": "X-Lead-Intake-Key"},
        )


SessionDep = Annotated[Session, Depends(get_session)]
LangDep = Annotated[str, Depends(get_lang)]
SourcesDep = Annotated[SourceFiles, Depends(app_sources)]
