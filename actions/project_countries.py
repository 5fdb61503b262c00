"""Projects whose published description names a country ("projects related to Russia?").

The catalogue filters by sector and district only; which countries a project is for is in
its summary ("…trade with Russia and other countries along the Belt and Road").
"""

from __future__ import annotations

import regex

from actions.catalogue_client import CatalogueClient
from actions.catalogue_types import Project
from actions.hub_countries import HUB_COUNTRY
from hub_lexicon.countries import default_country_normaliser
from hub_lexicon.replies import names_projects

#: The catalogue's largest page; a catalogue larger than this is read page by page.
PAGE_SIZE = 50
#: Words right before a country that say where the visitor is from ("from", "из", "来自").
ORIGIN_BEFORE = regex.compile(
    r"(?:\b(?:from|of|из|со\s+стороны)|来自|我是|我们是|我们来自)\s*$", regex.IGNORECASE
)
ORIGIN_WINDOW = 20
#: The ablative of Kazakh, Kyrgyz and Uzbek ("Қазақстаннан": from Kazakhstan); "-стан" is
#: part of the names.
ORIGIN_ENDING = regex.compile(
    r"(?:[нд][аеао]н|(?<!с)т[аеао]н|[nd][ae]n|(?<!s)t[ae]n)$", regex.IGNORECASE
)


def country_asked_of_projects(text: str) -> str | None:
    """The country a question about projects names, e.g. "KZ"; None for none or China.

    Where the visitor is from ("I'm from Kazakhstan, what projects do you have?") is no
    country asked of the projects.
    """
    if not names_projects(text):
        return None
    asked = {
        code
        for code, start, end in default_country_normaliser().mentions(text)
        if not ORIGIN_BEFORE.search(text[max(0, start - ORIGIN_WINDOW) : start])
        and not ORIGIN_ENDING.search(text[start:end])
    }
    asked.discard(HUB_COUNTRY)
    return asked.pop() if len(asked) == 1 else None


def projects_naming_country(catalogue: CatalogueClient, language: str, code: str) -> list[Project]:
    """The projects whose name or summary names the country, in the catalogue's order.

    Args:
        catalogue: Where the projects come from.
        language: The language of their names and summaries.
        code: The country's ISO 3166-1 alpha-2 code.
    """
    countries = default_country_normaliser()
    found: list[Project] = []
    page = 1
    while True:
        result = catalogue.search_projects(language=language, page=page, page_size=PAGE_SIZE)
        found += [p for p in result.items if code in countries.codes(f"{p.name} {p.summary}")]
        if not result.remaining:
            return found
        page += 1
