"""The catalogue API's client, one class over its areas.

:mod:`~hub_web.upstream.catalogue.base` holds the connection and the ``X-API-Key``;
:mod:`~hub_web.upstream.catalogue.leads` the leads, :mod:`~hub_web.upstream.catalogue.editor`
the staff editor's content, :mod:`~hub_web.upstream.catalogue.public` the hub's facts and the
project names (both cached).
"""

from __future__ import annotations

from hub_web.upstream.catalogue.editor import EditorApi
from hub_web.upstream.catalogue.leads import LeadsApi
from hub_web.upstream.catalogue.public import PublicApi


class CatalogueClient(LeadsApi, EditorApi, PublicApi):
    """Client of the catalogue API: its staff endpoints (``X-API-Key``) and the hub's facts."""


__all__ = ["CatalogueClient"]
