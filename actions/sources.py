"""The source of an answer: the press releases its facts come from, in one short line.

The catalogue gives each fact its ``source_label`` (``press release, 20 Apr 2021``, in the
answer's language; several releases joined with ``; ``) and its ``source`` (the seed file
names, the releases' ids). An answer names them once, in its last message: the response's
``{source}`` ("Source: {source}" in domain.yml) is the line, and ``source_releases`` tells
the website's widget which releases to link (``bot/server/channels/message_ids.py`` passes it on).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

#: How the catalogue joins the labels of one fact's several files (``sources.LABEL_SEPARATOR``).
LABEL_SEPARATOR = "; "
#: How the catalogue joins the file names of one ``source`` value.
FILE_SEPARATOR = ","


class Sourced(Protocol):
    """A fact from the catalogue: its source in words and the file names it comes from."""

    @property
    def source(self) -> str:
        """The catalogue's ``source_label``."""

    @property
    def source_files(self) -> str:
        """The catalogue's ``source`` (file names, comma-separated)."""


@dataclass(frozen=True)
class SourceRef:
    """A source on its own (the hub's summary): its label and file names."""

    source: str
    source_files: str = ""


def source_line(sources: Iterable[str]) -> str:
    """The readable sources of the facts stated, once each, in one line.

    Args:
        sources: Each fact's ``source_label`` (one label, or several joined with ``; ``);
            empty ones (an unknown source) are left out.

    Returns:
        The distinct labels in their first order, joined with ``; ``; empty if none.
    """
    labels = (label.strip() for source in sources for label in source.split(LABEL_SEPARATOR))
    return LABEL_SEPARATOR.join(dict.fromkeys(label for label in labels if label))


def release_ids(sources: Iterable[str]) -> list[str]:
    """The distinct seed files named by the facts' ``source`` values, in their first order."""
    names = (name.strip() for source in sources for name in source.split(FILE_SEPARATOR))
    return list(dict.fromkeys(name for name in names if name))


def citation(facts: Iterable[Sourced]) -> dict[str, Any]:
    """The keyword arguments that cite ``facts`` in a response with ``{source}``.

    Args:
        facts: The facts the answer states.

    Returns:
        ``{"source": line, "source_releases": [file, ...]}``; the line is empty when no fact
        has a label (then the answer takes its variant without a source, if it has one).
    """
    facts = list(facts)
    return {
        "source": source_line(fact.source for fact in facts),
        "source_releases": release_ids(fact.source_files for fact in facts if fact.source),
    }
