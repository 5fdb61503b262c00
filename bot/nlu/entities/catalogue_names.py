"""Project names learnt from the catalogue API, so a project staff add is found by name.

The lexicon files name the seed's projects; projects staff add in the console exist only in
the catalogue. `CatalogueNames` reads every project's name in en, zh and ru from the public
`GET /projects` and makes surface forms of them: the name, and the name without a leading or
trailing "project" word (`项目`, "project", "проект"). A form that the lexicon already reads as
something else (a sector, another project) is left out, so the catalogue never makes the
lexicon's matches ambiguous. `refresh` runs in a background thread at most every
`refresh_seconds`; a failed read keeps the last names and is logged once until it recovers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import regex

from hub_lexicon.lexicon import SurfaceForm
from hub_lexicon.normaliser import EntityNormaliser
from hub_vocabulary import LANGUAGES

logger = logging.getLogger(__name__)

#: Reads one page of projects: (language, page, page_size) -> (names by id, total).
PageReader = Callable[[str, int, int], tuple[dict[str, str], int]]
#: The largest page `GET /projects` gives.
PAGE_SIZE = 50
#: Shortest variant kept: "project" words stripped must leave a name, not a fragment.
MIN_VARIANT_LENGTH = {"zh": 2, "en": 3, "ru": 3}
#: A "project" word at the start or end of a name, per language.
PROJECT_WORD = {
    "zh": regex.compile(r"^\s*项目\s*|\s*项目\s*$"),
    "en": regex.compile(r"^\s*project\s+|\s+project\s*$", flags=regex.IGNORECASE),
    "ru": regex.compile(r"^\s*проект\s+|\s+проект\s*$", flags=regex.IGNORECASE),
}


def name_forms(project_id: str, language: str, name: str) -> list[str]:
    """The surface forms of one project name: the name and its variant without "project".

    Args:
        project_id: The project's id (not used in the forms; for symmetry with the lexicon).
        language: The name's language.
        name: The name as the catalogue gives it.

    Returns:
        The name, and the variant when it differs and is long enough; case is folded.
    """
    folded = name.strip().casefold()
    forms = [folded] if folded else []
    pattern = PROJECT_WORD.get(language)
    if pattern is not None:
        variant = pattern.sub("", folded).strip()
        if variant != folded and len(variant) >= MIN_VARIANT_LENGTH.get(language, 3):
            forms.append(variant)
    return forms


def catalogue_forms(
    names: dict[str, dict[str, str]], lexicon: EntityNormaliser
) -> list[SurfaceForm]:
    """Surface forms of the catalogue's project names that do not clash with the lexicon.

    Args:
        names: Project id -> language -> name.
        lexicon: The normaliser over the lexicon alone.

    Returns:
        One `project` form per name and variant that the lexicon reads as nothing, or as this
        same project.
    """
    forms = []
    for project_id, by_language in sorted(names.items()):
        for language, name in sorted(by_language.items()):
            for form in name_forms(project_id, language, name):
                if _clashes(form, project_id, lexicon):
                    continue
                forms.append(SurfaceForm("project", project_id, language, form))
    return forms


def _clashes(form: str, project_id: str, lexicon: EntityNormaliser) -> bool:
    """Whether the lexicon reads the whole form as something other than this project."""
    return any(
        (match.start, match.end) == (0, len(form))
        and (match.entity, match.value) != ("project", project_id)
        for match in lexicon.find(form)
    )


class CatalogueNames:
    """Keeps a normaliser over the lexicon plus the catalogue's current project names."""

    def __init__(
        self,
        lexicon_forms: list[SurfaceForm],
        read_page: PageReader,
        refresh_seconds: float,
        on_update: Callable[[EntityNormaliser], None],
    ) -> None:
        """Creates the keeper; nothing is read until `refresh` or `start`.

        Args:
            lexicon_forms: The lexicon's forms (`read_lexicon()`).
            read_page: Reads one page of project names in one language.
            refresh_seconds: Time between two reads in the background thread.
            on_update: Called with a new normaliser when the catalogue's names change.
        """
        self._lexicon_forms = lexicon_forms
        self._lexicon = EntityNormaliser(lexicon_forms)
        self._read_page = read_page
        self._refresh_seconds = refresh_seconds
        self._on_update = on_update
        self._names: dict[str, dict[str, str]] | None = None
        self._failing = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def read_names(self) -> dict[str, dict[str, str]]:
        """Reads every project's name in every language (all pages)."""
        names: dict[str, dict[str, str]] = {}
        for language in LANGUAGES:
            page, seen = 1, 0
            while True:
                by_id, total = self._read_page(language, page, PAGE_SIZE)
                for project_id, name in by_id.items():
                    names.setdefault(project_id, {})[language] = name
                seen += len(by_id)
                if not by_id or seen >= total:
                    break
                page += 1
        return names

    def refresh(self) -> bool:
        """Reads the catalogue's names once; on a change, builds and hands over a normaliser.

        Returns:
            Whether the names changed (a failed read keeps the last names: False).
        """
        try:
            names = self.read_names()
        except Exception as error:  # any failure keeps the last names
            if not self._failing:
                logger.warning(
                    "Cannot read project names from the catalogue (%s); keeping the last ones.",
                    error,
                )
            self._failing = True
            return False
        if self._failing:
            logger.info("Project names are read from the catalogue again.")
        self._failing = False
        if names == self._names:
            return False
        self._names = names
        forms = catalogue_forms(names, self._lexicon)
        self._on_update(EntityNormaliser([*self._lexicon_forms, *forms]))
        logger.info("Learnt %d project name forms from the catalogue.", len(forms))
        return True

    def start(self) -> None:
        """Refreshes now and then every `refresh_seconds`, in a daemon thread."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._run, name="catalogue-project-names", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Ends the background thread after its current read."""
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.refresh()
            self._stop.wait(self._refresh_seconds)


def catalogue_page_reader(base_url: str, timeout_seconds: float) -> PageReader:
    """A page reader over the deployable's one catalogue client (`actions/catalogue_client.py`).

    Args:
        base_url: The catalogue API's base URL.
        timeout_seconds: Connect and read timeout of one call (no retries: the next refresh is
            the retry; no HTTP cache: the refresh interval is the only delay).

    Returns:
        Reads `GET /projects?lang=&page=&page_size=` into (names by id, total).
    """
    from actions.catalogue_client import CatalogueClient

    client = CatalogueClient(base_url, timeout_seconds=timeout_seconds, read_retries=0, cache=False)

    def read_page(language: str, page: int, page_size: int) -> tuple[dict[str, str], int]:
        found = client.search_projects(language=language, page=page, page_size=page_size)
        return {project.id: project.name for project in found.items}, found.total

    return read_page
