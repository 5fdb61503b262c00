"""The entity lexicon: every surface form of every canonical code, read from YAML.

Each file of `lexicon/hub_lexicon/lexicon/` is named after an entity type and maps a code to
its surface forms per language (see `lexicon/README.md`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

LEXICON_DIRECTORY = Path(__file__).parent / "lexicon"
#: Entity types that the lexicon describes, one file each.
ENTITY_TYPES = ("sector", "district", "service", "project", "topic", "ordinal")


@dataclass(frozen=True)
class SurfaceForm:
    """One way of writing a code: `form` (in `language`) means `code` of `entity`."""

    entity: str
    code: str
    language: str
    form: str


def read_lexicon(directory: Path = LEXICON_DIRECTORY) -> list[SurfaceForm]:
    """Reads every surface form of the lexicon.

    Args:
        directory: The folder holding one `<entity>.yml` file per entity type.

    Returns:
        The surface forms. A code is not a form of its own ("living" would be "live").

    Raises:
        ValueError: When a file is not a mapping of codes to per-language lists.
    """
    return list(_forms(directory))


def _forms(directory: Path) -> Iterator[SurfaceForm]:
    for entity in ENTITY_TYPES:
        path = directory / f"{entity}.yml"
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(document, dict):
            raise ValueError(f"{path}: expected a mapping of codes to surface forms")
        for code, languages in document.items():
            code = str(code)
            if not isinstance(languages, dict):
                raise ValueError(f"{path}: '{code}' must map languages to lists of forms")
            for language, forms in languages.items():
                for form in forms or ():
                    yield SurfaceForm(entity, code, str(language), str(form))


def codes_by_entity(forms: list[SurfaceForm]) -> dict[str, set[str]]:
    """The codes the lexicon knows, per entity type."""
    codes: dict[str, set[str]] = {entity: set() for entity in ENTITY_TYPES}
    for form in forms:
        codes.setdefault(form.entity, set()).add(form.code)
    return codes
