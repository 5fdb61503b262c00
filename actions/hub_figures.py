"""Which of the hub's figures a short follow-up asks for ("and in 2021?", "青岛人口多少").

The cue words live in `hub_figures.yml` beside this module, so that a question about one
figure gets that figure, briefly, instead of the whole fact sheet; the figures are sent as
bullet lines.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex
import yaml

from actions.catalogue_client import HubFigure
from hub_lexicon.replies import holds

CUES_FILE = Path(__file__).with_name("hub_figures.yml")
#: The topic of Qingdao's own figures (area, population).
CITY_TOPIC = "location"
#: Cues matched anywhere in the message: Han characters, digits and signs.
ANYWHERE = regex.compile(r"[\p{Han}\d²]")


@dataclass(frozen=True)
class FigureGroup:
    """Figures asked about together, the topic whose response frames them, and their cues."""

    name: str
    topic: str
    figures: tuple[str, ...]
    cues: tuple[str, ...]
    lexicon: str | None = None


@functools.cache
def figure_groups(path: Path = CUES_FILE) -> tuple[FigureGroup, ...]:
    """Reads the groups once per process."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        FigureGroup(
            name=name,
            topic=str(group["topic"]),
            figures=tuple(group["figures"]),
            cues=tuple(str(cue).casefold() for cue in group["cues"]),
            lexicon=group.get("lexicon"),
        )
        for name, group in document.items()
    )


def _names(cue: str, text: str) -> bool:
    if ANYWHERE.search(cue):
        return cue in text
    return regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(cue)}", text) is not None


def asked_groups(text: str) -> list[FigureGroup]:
    """The groups of figures the message asks about, in the file's order.

    Args:
        text: The visitor's message.

    Returns:
        E.g. the 2021 visit's figures for "and in 2021?", none for "tell me about the hub".
    """
    lowered = text.casefold().replace("ё", "е")
    return [
        group
        for group in figure_groups()
        if any(_names(cue, lowered) for cue in group.cues)
        or (group.lexicon is not None and holds(text, group.lexicon))
    ]


def chosen_figures(
    figures: tuple[HubFigure, ...], keys: tuple[str, ...] | None = None
) -> list[HubFigure]:
    """The figures: all, or those with these keys, in that order."""
    return list(figures) if keys is None else [f for key in keys for f in figures if f.key == key]


def bullet_figures(figures: list[HubFigure]) -> str:
    """The figures as bullet lines."""
    return "\n".join(f"• {figure.label}: {figure.display}" for figure in figures)


#: The topic of the figure groups that may answer a question with this topic (None: any).
GROUP_TOPICS: dict[str | None, str | None] = {
    None: None,
    "investment": "investment",
    "status": "investment",
    "location": "location",
    "trade": "trade",
}


def figure_groups_asked(text: str, topic: str | None) -> list[FigureGroup]:
    """The groups of the hub's figures a question asks for, if they fit its topic.

    "and in 2021?" (no topic) and "how much was signed at the opening?" (investment) ask
    for one period's figures; "trade in 2020" keeps the trade answer.
    """
    if topic not in GROUP_TOPICS:
        return []
    wanted = GROUP_TOPICS[topic]
    return [group for group in asked_groups(text) if wanted in (None, group.topic)]


def asks_city_figures(text: str) -> bool:
    """Whether the message asks Qingdao's own figures ("какая площадь циндао", "population?")."""
    return any(group.topic == CITY_TOPIC for group in asked_groups(text))
