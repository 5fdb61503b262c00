"""Country names in many languages, mapped to ISO 3166-1 alpha-2 codes.

The names are CLDR's territory names as Babel ships them and the ISO 3166 names
(common and official: "Kyrgyz Republic", "中华人民共和国") as pycountry ships them, in
the languages of the hub's visitors, plus the few everyday short forms of
`lexicon/country_aliases.yml` that neither has ("UAE", "KSA"). They are matched with the
entity normaliser, so inflected ("из Казахстана"), Traditional ("哈薩克") and slightly
misspelt ("Kazakstan") names work.
"""

from __future__ import annotations

import functools
import gettext

import pycountry
import yaml
from babel import Locale

from hub_lexicon.lexicon import LEXICON_DIRECTORY, SurfaceForm
from hub_lexicon.normaliser import EntityNormaliser

COUNTRY_ENTITY = "country"
ALIASES_FILE = LEXICON_DIRECTORY / "country_aliases.yml"
#: Locales whose CLDR names are accepted: the bot's languages and its visitors' ones.
NAME_LOCALES = (
    "en", "zh", "zh_Hant", "ru", "kk", "ky", "uz", "uz_Cyrl", "tg", "be", "uk", "mn",
    "fa", "ur", "hi", "ar", "tr", "az", "ms", "id", "vi", "th",
)  # fmt: skip
#: Languages of pycountry's ISO 3166 translations that are accepted.
ISO_NAME_LANGUAGES = ("zh_CN", "zh_TW", "ru", "kk", "ky", "uz", "be", "uk", "tg", "mn", "fa")
#: CLDR territories that are no country a visitor lives in.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of the countries CLDR names."""
    return frozenset(
        code
        for code in Locale.parse("en").territories
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    )


def country_forms() -> list[SurfaceForm]:
    """Every name of every country, from CLDR and the alias file."""
    codes = country_codes()
    forms = [
        SurfaceForm(COUNTRY_ENTITY, code, locale, name)
        for locale in NAME_LOCALES
        for code, name in Locale.parse(locale).territories.items()
        if code in codes
    ]
    forms += iso_forms(codes)
    aliases = yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))
    forms += [
        SurfaceForm(COUNTRY_ENTITY, code, "alias", name)
        for code, names in aliases.items()
        for name in names
    ]
    return forms


def iso_forms(codes: frozenset[str]) -> list[SurfaceForm]:
    """The ISO 3166 names (common, official) of the countries, in English and translated."""
    translations = {"en": gettext.NullTranslations()} | {
        language: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for language in ISO_NAME_LANGUAGES
    }
    forms = []
    for country in pycountry.countries:
        if country.alpha_2 not in codes:
            continue
        names = {
            getattr(country, attribute)
            for attribute in ("name", "official_name", "common_name")
            if hasattr(country, attribute)
        }
        forms += [
            SurfaceForm(COUNTRY_ENTITY, country.alpha_2, language, translation.gettext(name))
            for language, translation in translations.items()
            for name in names
        ]
    return forms


class CountryNormaliser:
    """Finds the country named in a free-text answer."""

    def __init__(self) -> None:
        """Indexes the country names."""
        self._codes = country_codes()
        self._names = EntityNormaliser(country_forms())

    def code(self, text: str) -> str | None:
        """The code of the one country the text names, e.g. "KZ" for "из Казахстана".

        Args:
            text: An answer such as "Kazakhstan", "哈萨克斯坦", "Almaty, Kazakhstan" or "KZ".

        Returns:
            The ISO 3166-1 alpha-2 code, or None when the text names no country or several.
        """
        stripped = text.strip().strip(".").upper()
        if stripped in self._codes:
            return stripped
        found = self.codes(text)
        return found.pop() if len(found) == 1 else None

    def codes(self, text: str) -> set[str]:
        """The codes of every country a text names ("trade with Russia and Belarus")."""
        return {match.value for match in self._names.find(text)}

    def mentions(self, text: str) -> list[tuple[str, int, int]]:
        """Each country named, as its code and the span of its name in the text."""
        return [(match.value, match.start, match.end) for match in self._names.find(text)]


@functools.cache
def default_country_normaliser() -> CountryNormaliser:
    """The process-wide country normaliser, built on first use."""
    return CountryNormaliser()
