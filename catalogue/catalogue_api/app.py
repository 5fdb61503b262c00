"""Application factory."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from catalogue_api import __version__
from catalogue_api.db import make_engine, make_session_factory
from catalogue_api.errors import install_exception_handlers
from catalogue_api.file_models import SeedDocument, SourceFiles
from catalogue_api.middleware import LimitsMiddleware
from catalogue_api.migrate import upgrade_database
from catalogue_api.privacy import run_retention_periodically
from catalogue_api.routers import (
    contacts,
    docs,
    health,
    hub,
    leads,
    privacy,
    projects,
    services,
    staff,
    staff_content,
    staff_projects,
)
from catalogue_api.seed import seed_if_empty
from catalogue_api.settings import Settings, get_settings
from catalogue_api.sources import load_sources

logger = logging.getLogger("catalogue_api")

DESCRIPTION = """
Project catalogue and lead intake of the SCO and Belt and Road International Cooperation Hub for
Central SOEs (Qingdao). Texts come in English, Chinese or Russian: `?lang=en|zh|ru` or the
`Accept-Language` header. Errors are `{"detail": "..."}`. Staff endpoints need `X-API-Key`.
"""


def create_app(
    settings: Settings | None = None,
    seed: SeedDocument | None = None,
    sources: SourceFiles | None = None,
) -> FastAPI:
    """Build the application; on startup the schema is migrated and the catalogue seeded.

    While it runs, the retention of unqualified leads (:mod:`catalogue_api.privacy`) is
    applied every ``RETENTION_INTERVAL_HOURS``, the first time one interval after start-up.

    Args:
        settings: Configuration; the process's settings (:func:`get_settings`) when omitted.
        seed: Catalogue that fills empty tables; the packaged seed file when omitted.
        sources: The seed files that ``source`` fields name (for ``source_label``); the
            packaged ``data/sources.yaml`` when omitted. Start-up fails if a ``source`` of
            ``seed`` is missing or names a file not listed.

    Returns:
        The FastAPI application.
    """
    settings = settings or get_settings()
    sources = load_sources() if sources is None else sources
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        def prepare() -> None:
            upgrade_database(engine)
            seed_if_empty(app.state.session_factory, seed, sources)

        await run_in_threadpool(prepare)
        retention = None
        if settings.retention_days and settings.retention_interval_hours:
            retention = asyncio.create_task(
                run_retention_periodically(
                    app.state.session_factory,
                    settings.retention_days,
                    settings.retention_interval_hours,
                ),
                name="lead-retention",
            )
        try:
            yield
        finally:
            if retention is not None:
                retention.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await retention
            engine.dispose()

    app = FastAPI(
        title="Hub project catalogue API",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.sources = sources
    #: The seed document (``None``: the packaged one), for staff edits that restore its text.
    app.state.seed = seed
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)

    install_exception_handlers(app)
    app.add_middleware(LimitsMiddleware, max_body_bytes=settings.max_body_bytes)
    for module in (
        health,
        projects,
        services,
        contacts,
        hub,
        leads,
        staff,
        staff_projects,
        staff_content,
        privacy,
        docs,
    ):
        app.include_router(module.router)
    return app


def openapi_json() -> str:
    """The API's OpenAPI schema as JSON text, as committed in ``catalogue/openapi.json``.

    Returns:
        Indented JSON (UTF-8 characters kept), ending with a newline.
    """
    app = create_app(Settings(database_url="sqlite://"))  # never started: no database opened
    try:
        return json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"
    finally:
        app.state.engine.dispose()
