"""What the catalogue publishes to everyone, kept for a few minutes: the hub's facts, names."""

from __future__ import annotations

from typing import Any

from hub_web.upstream.catalogue.base import PROJECT_NAMES_KEY, CatalogueBase
from hub_web.upstream.errors import UpstreamError

#: The public pages wait this long for the hub's facts before rendering without them.
HUB_TIMEOUT_SECONDS = 3.0


class PublicApi(CatalogueBase):
    """The catalogue's public ``/hub`` and ``/projects`` (``/projects`` with the staff key)."""

    async def project_names(self) -> dict[str, str]:
        """English project names by id (cached for a few minutes); empty if none can be had."""
        names = self._cache.get(PROJECT_NAMES_KEY)
        if names is None:
            names = await self._fetch_project_names()
            if names:
                self._cache.put(PROJECT_NAMES_KEY, names)
        return names

    async def hub(self, language: str) -> dict[str, Any]:
        """The hub's name, summary, figures and events in ``language`` (cached for a few minutes).

        Args:
            language: A language code of :data:`hub_vocabulary.LANGUAGES`.

        Returns:
            The catalogue's ``HubOut``: ``{"name", "summary", "figures": [...], "events": [...]}``.

        Raises:
            UpstreamError: When the catalogue is unreachable, slow, failing, or answers in an
                unexpected shape.
        """
        key = f"hub:{language}"
        hub = self._cache.get(key)
        if hub is None:
            response = await self._request(
                "GET", "/hub", staff=False, params={"lang": language}, timeout=HUB_TIMEOUT_SECONDS
            )
            try:
                hub = response.json()
            except ValueError:
                hub = None
            if not isinstance(hub, dict) or not isinstance(hub.get("figures"), list):
                raise UpstreamError(self.service, response.status_code, "unexpected answer")
            self._cache.put(key, hub)
        return hub

    async def _fetch_project_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        page = 1
        while page <= 20:
            try:
                response = await self._request(
                    "GET", "/projects", params={"lang": "en", "page": page, "page_size": 50}
                )
            except UpstreamError:
                return names
            body = response.json()
            items = body.get("items") or []
            names.update({item["id"]: item.get("name") or item["id"] for item in items})
            if not items or len(names) >= int(body.get("total") or 0):
                return names
            page += 1
        return names
