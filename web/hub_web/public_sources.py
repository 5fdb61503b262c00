"""The "Sources" page (``/sources``, ``/zh/sources``, ``/ru/sources``) and the links to it.

Every fact on the main page links to the press release it comes from: the page's own texts
by :data:`~hub_web.sources_content.PAGE_FACT_SOURCES`, the catalogue's figures by their
``source`` (seed file names, comma-separated). A file name is never shown: only the release's
date, in the page's language, and its title as published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from fastapi import APIRouter, Request
from fastapi.responses import Response

from hub_vocabulary import LANGUAGES
from hub_web.content import HTML_LANG, LANGUAGE_NAMES, PAGE_PATHS, PAGES
from hub_web.sources_content import (
    PAGE_FACT_SOURCES,
    PRESS_RELEASES,
    RELEASES_BY_SEED_FILE,
    SOURCES_TEXT,
    PressRelease,
)
from hub_web.widget import widget_config

router = APIRouter()
#: Each language's sources page, beside its main page: ``/sources``, ``/zh/sources``, ...
SOURCES_PATHS = {code: f"{PAGE_PATHS[code]}sources" for code in LANGUAGES}
LANGUAGE_BY_SOURCES_PATH = {path: code for code, path in SOURCES_PATHS.items()}
#: The CLDR locale of each language's dates (``20 April 2021``, ``2021年4月20日``, ...).
DATE_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN", "ru": "ru"}


@dataclass(frozen=True)
class SourceLink:
    """A link from a fact to its press release on the sources page."""

    href: str
    label: str


def release_date(release: PressRelease, language: str) -> str:
    """The release's date, written the way ``language`` writes dates."""
    return format_date(release.published, format="long", locale=DATE_LOCALES[language])


def source_links(releases: Iterable[PressRelease], language: str) -> list[SourceLink]:
    """Links to the releases on ``language``'s sources page, each labelled with its date."""
    text = SOURCES_TEXT[language]
    return [
        SourceLink(
            href=f"{SOURCES_PATHS[language]}#{release.anchor}",
            label=text.fact_link.format(date=release_date(release, language)),
        )
        for release in releases
    ]


def catalogue_source_links(source: Any, language: str) -> list[SourceLink]:
    """Links for a catalogue ``source`` value (``a.txt, b.txt``); unknown files get none."""
    if not isinstance(source, str):
        return []
    names = (name.strip() for name in source.split(","))
    return source_links(
        (RELEASES_BY_SEED_FILE[name] for name in names if name in RELEASES_BY_SEED_FILE),
        language,
    )


def page_sources(language: str, figures: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """What the main page shows of its sources: the nav link and each fact's links.

    Args:
        language: The page's language.
        figures: The catalogue's figures shown on the page, in order.

    Returns:
        ``{"path", "nav_label", "facts": {field: [SourceLink]}, "figures": [[SourceLink]]}``.
    """
    return {
        "path": SOURCES_PATHS[language],
        "nav_label": SOURCES_TEXT[language].nav_label,
        "facts": {
            name: source_links(releases, language) for name, releases in PAGE_FACT_SOURCES.items()
        },
        "figures": [catalogue_source_links(figure.get("source"), language) for figure in figures],
    }


async def sources_page(request: Request) -> Response:
    """One language's sources page; the language is the one whose path the request matched."""
    language = LANGUAGE_BY_SOURCES_PATH[request.scope["route"].path]
    text = SOURCES_TEXT[language]
    releases = [
        {
            "anchor": release.anchor,
            "published": text.published.format(date=release_date(release, language)),
            "title": release.title,
            "translated_title": release.translated_titles.get(language),
            "points": release.points[language],
        }
        for release in PRESS_RELEASES
    ]
    return request.app.state.templates.TemplateResponse(
        request,
        "public/sources.html",
        {
            "language": language,
            "html_lang": HTML_LANG[language],
            "page": PAGES[language],
            "text": text,
            "home_path": PAGE_PATHS[language],
            "releases": releases,
            "languages": [(code, LANGUAGE_NAMES[code], SOURCES_PATHS[code]) for code in LANGUAGES],
            "sources": {"path": SOURCES_PATHS[language], "nav_label": text.nav_label},
            "widget_config": widget_config(request, language, SOURCES_PATHS[language]),
        },
    )


for _language in LANGUAGES:
    router.add_api_route(
        SOURCES_PATHS[_language], sources_page, methods=["GET"], name=f"sources_{_language}"
    )
