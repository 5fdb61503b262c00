"""The sources of an answer: the press releases its facts come from, in words, once each."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk.executor import CollectingDispatcher

#: How the catalogue joins the labels of one fact's several files (``sources.LABEL_SEPARATOR``).
LABEL_SEPARATOR = "; "


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


def send_source_line(dispatcher: CollectingDispatcher, sources: Iterable[str]) -> None:
    """Sends `utter_source` after an answer of several messages, if its facts have a source."""
    line = source_line(sources)
    if line:
        dispatcher.utter_message(response="utter_source", source=line)
