"""The catalogue's staff editor: projects, services, contacts and hub facts in every language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from hub_web.upstream.catalogue.base import PROJECT_NAMES_KEY, CatalogueBase
from hub_web.upstream.errors import UpstreamError


class EditorApi(CatalogueBase):
    """The catalogue's ``/staff/projects`` and other staff content endpoints (``X-API-Key``)."""

    async def staff_projects(self) -> list[dict[str, Any]]:
        """Every project with its texts in en, zh and ru (``GET /staff/projects``)."""
        response = await self._request("GET", "/staff/projects")
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def staff_project(self, project_id: str) -> dict[str, Any]:
        """One project with its texts in every language and its change log."""
        response = await self._request("GET", f"/staff/projects/{quote(project_id, safe='')}")
        return response.json()

    async def write_project(
        self, body: Mapping[str, Any], project_id: str | None = None, *, preview: bool = False
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]:
        """Create (no ``project_id``), update or preview a project through the staff API.

        Returns:
            ``(answer, [], None)``; or, when the catalogue refuses it (409, 422), ``(None,
            errors, detail)`` with its field errors (``loc``, ``msg``) for the form.
        """
        if preview:
            method, path = "POST", "/staff/project-preview"
        elif project_id is None:
            method, path = "POST", "/staff/projects"
        else:
            method, path = "PUT", f"/staff/projects/{quote(project_id, safe='')}"
        params = {"project_id": project_id} if preview and project_id else None
        try:
            response = await self._request(method, path, json=dict(body), params=params)
        except UpstreamError as error:
            if error.status_code not in (409, 422) or error.errors is None:
                raise
            return None, error.errors, error.detail
        if not preview:
            self._cache.put(PROJECT_NAMES_KEY, None)  # the lead pages show the new names
        return response.json(), [], None

    async def staff_content(self, kind: str) -> list[dict[str, Any]]:
        """Every item of one kind (``services``, ``contacts``, ``hub-facts``) in en, zh, ru."""
        response = await self._request("GET", f"/staff/{kind}")
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def staff_content_item(self, kind: str, item_id: str) -> dict[str, Any]:
        """One service, contact or hub fact with its texts in every language and change log."""
        response = await self._request("GET", f"/staff/{kind}/{quote(item_id, safe='')}")
        return response.json()

    async def write_content(
        self,
        kind: str,
        body: Mapping[str, Any],
        item_id: str | None = None,
        *,
        preview: str | None = None,
        id_param: str | None = None,
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]:
        """Add (no ``item_id``), update or preview a service, contact or hub fact.

        Args:
            kind: ``services``, ``contacts`` or ``hub-facts``.
            body: The staff API's body.
            item_id: The stored item; ``None`` adds one (hub facts only).
            preview: The preview endpoint (``services/{id}/preview``, ``hub-fact-preview``):
                show it, save nothing.
            id_param: The preview's query parameter naming the stored item (``fact_id``).

        Returns:
            ``(answer, [], None)``; or, when the catalogue refuses it (409, 422), ``(None,
            errors, detail)`` with its field errors (``loc``, ``msg``) for the form.
        """
        params = None
        if preview:
            path = "/staff/" + preview.replace("{id}", quote(item_id or "", safe=""))
            method = "POST"
            if item_id and id_param:
                params = {id_param: item_id}
        elif item_id is None:
            method, path = "POST", f"/staff/{kind}"
        else:
            method, path = "PUT", f"/staff/{kind}/{quote(item_id, safe='')}"
        try:
            response = await self._request(method, path, json=dict(body), params=params)
        except UpstreamError as error:
            if error.status_code not in (409, 422) or error.errors is None:
                raise
            return None, error.errors, error.detail
        return response.json(), [], None
