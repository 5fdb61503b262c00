"""Sources: the seed files that ``source`` fields name, and their labels for people.

``data/sources.yaml`` gives each seed file (``shared/seeds/``) its press release's date and title.
A ``source`` value names one file or several separated by ``,`` (``a.txt, b.txt``). Answers add
``source_label``: one short line in the asked language, ``press release, 20 Apr 2021``,
``新闻稿，2021年4月20日``, ``пресс-релиз от 20.04.2021``; several files are joined with ``; ``.
The titles are on the website's Sources page, one anchor per release. The catalogue stores only
``source``; labels are made when answering.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

import yaml
from pydantic import ValidationError

from catalogue_api import i18n
from catalogue_api.file_models import SourceFiles

SOURCES_RESOURCE = "data/sources.yaml"
#: Separates the file names of one ``source`` value.
FILE_SEPARATOR = ","
#: Separates the labels of the files of one ``source`` value.
LABEL_SEPARATOR = "; "


def parse_sources(text: str, name: str) -> SourceFiles:
    """Validate a source list (YAML mapping: file name -> ``{date, title}``).

    Args:
        text: The YAML text.
        name: What to call the file in errors.

    Returns:
        The validated source list.

    Raises:
        ValueError: If the file is not valid YAML or not a valid source list.
    """
    try:
        return SourceFiles.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"invalid sources file {name}: {exc}") from exc


@cache
def load_sources() -> SourceFiles:
    """Read and validate the packaged source list, ``data/sources.yaml``.

    Returns:
        The validated source list.

    Raises:
        ValueError: If the packaged file is invalid (a packaging error).
    """
    text = resources.files("catalogue_api").joinpath(SOURCES_RESOURCE).read_text("utf-8")
    return parse_sources(text, SOURCES_RESOURCE)


def file_names(source: str) -> list[str]:
    """Split a ``source`` value into its file names.

    Args:
        source: E.g. ``000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt``.

    Returns:
        The file names, stripped, in their order (an empty name stays, as ``""``).
    """
    return [name.strip() for name in source.split(FILE_SEPARATOR)]


def source_problem(source: str | None, sources: SourceFiles) -> str | None:
    """Say what is wrong with a ``source`` value, if anything.

    Args:
        source: The value (``None``: no source, nothing to check).
        sources: The known seed files.

    Returns:
        ``None`` if every file it names is listed in ``sources``, else one readable sentence.
    """
    if source is None:
        return None
    names = file_names(source)
    if not all(names):
        return f"empty file name in {source!r}: separate file names with {FILE_SEPARATOR!r}"
    unknown = [name for name in names if name not in sources.root]
    if unknown:
        return (
            f"unknown source file(s) {', '.join(map(repr, unknown))}; "
            f"known files: {', '.join(sources.root)}"
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        return f"source file(s) named twice: {', '.join(repeated)}"
    return None


def source_label(source: str | None, lang: str, sources: SourceFiles) -> str | None:
    """Return a ``source`` value for people in one short line, e.g. ``press release, 20 Apr 2021``.

    Args:
        source: One file name or several separated by ``,``; ``None`` for no source.
        lang: Answer language (the frame and the date).
        sources: The known seed files.

    Returns:
        One label per file, joined with ``; ``; ``None`` when there is no source or it names a
        file that is not listed (rows stored before the list existed, never the seed).
    """
    if not source:
        return None
    labels = []
    for name in file_names(source):
        entry = sources.root.get(name)
        if entry is None:
            return None
        date = i18n.short_date_label(entry.date.isoformat(), lang)
        labels.append(i18n.text("press_release", lang, date=date))
    return LABEL_SEPARATOR.join(labels)


def staff_source_label(date: dt.date | None, title: str | None, lang: str) -> str | None:
    """Return a source staff gave for people, in the form of :func:`source_label`.

    Args:
        date: The source's date; ``None`` for no staff source.
        title: The document's title; ``None`` when the hub's staff are the source.
        lang: Answer language (the frame and the date; the title stays as typed).

    Returns:
        ``hub staff, 6 Dec 2026`` or ``<title>, 6 Dec 2026`` in ``lang``; ``None`` without a date.
    """
    if date is None:
        return None
    shown = i18n.short_date_label(date.isoformat(), lang)
    if title:
        return i18n.text("document_source", lang, title=title, date=shown)
    return i18n.text("staff_source", lang, date=shown)
