"""The public chat pages, one per language, with the hub's figures from the catalogue API."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from hub_vocabulary import LANGUAGES
from hub_web.content import HTML_LANG, LANGUAGE_NAMES, PAGE_FIGURE_UNITS, PAGE_PATHS, PAGES
from hub_web.public_sources import SOURCES_PATHS, page_sources
from hub_web.upstream import UpstreamError
from hub_web.widget import INIT_PAYLOAD, widget_config

logger = logging.getLogger(__name__)

router = APIRouter()
__all__ = ["INIT_PAYLOAD", "router"]
LANGUAGE_BY_PATH = {path: code for code, path in PAGE_PATHS.items()}


async def page_figures(request: Request, language: str) -> list[dict[str, Any]]:
    """The hub's figures about projects (:data:`~hub_web.content.PAGE_FIGURE_UNITS`).

    Empty when the catalogue API cannot give them: the page then says so instead of failing.
    """
    try:
        hub = await request.app.state.catalogue.hub(language)
    except UpstreamError as error:
        logger.warning("the hub's figures are not shown: %s", error)
        return []
    return [
        figure
        for figure in hub["figures"]
        if isinstance(figure, dict) and figure.get("unit_code") in PAGE_FIGURE_UNITS
    ]


async def public_page(request: Request) -> Response:
    """One language's page; the language is the one whose path the request matched."""
    language = LANGUAGE_BY_PATH[request.scope["route"].path]
    page = PAGES[language]
    figures = await page_figures(request, language)
    return request.app.state.templates.TemplateResponse(
        request,
        "public/page.html",
        {
            "language": language,
            "html_lang": HTML_LANG[language],
            "page": page,
            "figures": figures,
            "sources": page_sources(language, figures),
            "languages": [(code, LANGUAGE_NAMES[code], PAGE_PATHS[code]) for code in LANGUAGES],
            "widget_config": widget_config(request, language, SOURCES_PATHS[language]),
        },
    )


async def add_trailing_slash(request: Request) -> RedirectResponse:
    """``/zh`` -> ``/zh/``."""
    return RedirectResponse(f"{request.url.path}/", status_code=308)


for _language in LANGUAGES:
    _path = PAGE_PATHS[_language]
    router.add_api_route(_path, public_page, methods=["GET"], name=f"page_{_language}")
    if _path != "/":
        router.add_api_route(
            _path.rstrip("/"), add_trailing_slash, methods=["GET"], include_in_schema=False
        )
