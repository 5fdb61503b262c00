"""Server-side clients for the catalogue API and Rasa's HTTP API: the only package using httpx.

The secrets (``X-API-Key``, a JWT signed with Rasa's ``--jwt-secret``) are added here, in
headers, never in a URL (URLs end up in access logs), and never reach a browser.

:mod:`~hub_web.upstream.errors` holds :class:`UpstreamError`, :mod:`~hub_web.upstream.results`
the typed answers, :mod:`~hub_web.upstream.transport` how a request is sent,
:mod:`~hub_web.upstream.catalogue` and :mod:`~hub_web.upstream.rasa` the two clients.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from hub_web.settings import Settings
from hub_web.upstream.catalogue import CatalogueClient
from hub_web.upstream.catalogue.leads import (
    CONVERSATION_IDS_PER_REQUEST,
    LEAD_FILTERS,
    LEADS_PAGE_SIZE,
    MAX_LEADS_READ,
    clean_lead_filters,
)
from hub_web.upstream.catalogue.public import HUB_TIMEOUT_SECONDS
from hub_web.upstream.errors import UpstreamError
from hub_web.upstream.rasa import (
    BACK_RESPONSE,
    RASA_JWT_TTL_SECONDS,
    RASA_JWT_USER,
    RESUME_EVENTS,
    RasaClient,
    rasa_jwt,
)
from hub_web.upstream.results import ConversationLeadCounts
from hub_web.upstream.transport import CACHE_TTL_SECONDS, UPSTREAM_TIMEOUT_SECONDS


@asynccontextmanager
async def upstream_clients(settings: Settings) -> AsyncIterator[tuple[CatalogueClient, RasaClient]]:
    """The catalogue and Rasa clients, sharing one connection pool while the app runs."""
    async with httpx.AsyncClient(timeout=UPSTREAM_TIMEOUT_SECONDS) as http:
        yield (
            CatalogueClient(http, settings.catalogue_api_url, settings.catalogue_api_key),
            RasaClient(http, settings.rasa_url, settings.rasa_jwt_secret),
        )


__all__ = [
    "BACK_RESPONSE",
    "CACHE_TTL_SECONDS",
    "CONVERSATION_IDS_PER_REQUEST",
    "HUB_TIMEOUT_SECONDS",
    "LEADS_PAGE_SIZE",
    "LEAD_FILTERS",
    "MAX_LEADS_READ",
    "RASA_JWT_TTL_SECONDS",
    "RASA_JWT_USER",
    "RESUME_EVENTS",
    "CatalogueClient",
    "ConversationLeadCounts",
    "RasaClient",
    "UpstreamError",
    "clean_lead_filters",
    "rasa_jwt",
    "upstream_clients",
]
