"""A position beyond the cards shown ("the fourth one" after cards 1–3 of 12).

Search results come a page at a time, each card numbered in the whole list ("showing 1–3
of 12"). A position the page does not hold is a position in that whole list: the project
there is read from the catalogue with the same filters.
"""

from __future__ import annotations

from collections.abc import Mapping

from actions.catalogue_client import CatalogueClient
from actions.settings import load_settings


def project_at_position(
    catalogue: CatalogueClient, language: str, position: int, filters: Mapping[str, str]
) -> str | None:
    """The id of the project at ``position`` (from 1) of the search with ``filters``.

    Args:
        catalogue: Where the search runs.
        language: The conversation's language.
        position: The position in the whole list of results.
        filters: The search's filters, e.g. ``{"sector": "logistics"}``.

    Returns:
        The project's id, or None when the list is shorter.
    """
    if position < 1:
        return None
    size = load_settings().search_page_size
    page = catalogue.search_projects(
        language=language, page=(position - 1) // size + 1, page_size=size, **filters
    )
    index = (position - 1) % size
    return page.items[index].id if index < len(page.items) else None
