"""What every area of the catalogue client shares: its connection, key, cache and requests."""

from __future__ import annotations

from typing import Any

import httpx

from hub_web.upstream.errors import UpstreamError
from hub_web.upstream.transport import TimedCache, send

#: The cache key of :meth:`~hub_web.upstream.catalogue.public.PublicApi.project_names`.
PROJECT_NAMES_KEY = "project_names"


class CatalogueBase:
    """The catalogue API's address and ``X-API-Key``, and one request to it."""

    service = "catalogue"

    def __init__(self, http: httpx.AsyncClient, base_url: str, api_key: str | None) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._cache = TimedCache()

    async def _request(
        self, method: str, path: str, *, staff: bool = True, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Accept-Language": "en"}
        if staff:
            if not self._api_key:
                raise UpstreamError(self.service, None, "CATALOGUE_API_KEY is not set")
            headers["X-API-Key"] = self._api_key
        url = f"{self._base_url}{path}"
        return await send(self._http, self.service, method, url, headers=headers, **kwargs)
