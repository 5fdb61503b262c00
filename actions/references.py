"""Which of the projects just shown a visitor means by describing it ("the cold chain one").

A description is matched against the names and sectors of the projects of the list just
shown: words by their first letters ("холод" matches "холодовой"), Chinese by character
pairs. Words that every shown project shares, words of a question's topic or position, and
the generic words of `references.yml` say nothing about which one is meant. Only a single
best match counts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import regex
import yaml
from rasa_sdk import Tracker

from actions.base import follows_a_list
from actions.catalogue_client import CatalogueClient, CatalogueUnavailable, Project
from actions.followups import PROJECT, subject
from hub_lexicon.normaliser import default_normaliser
from hub_lexicon.replies import holds
from hub_vocabulary import LAST_ORDINAL

GENERIC_FILE = Path(__file__).with_name("references.yml")
WORD = regex.compile(r"[\p{L}\p{M}\p{N}--\p{Han}]+", flags=regex.VERSION1)
HAN_RUN = regex.compile(r"\p{Han}+")
STEM_LENGTH = 5
MIN_WORD_LENGTH = 4
#: Entity types whose words say what is asked or where in a list, not which project.
NOT_DESCRIPTIVE = frozenset({"topic", "ordinal", "language"})
#: A message this short that holds "other" ("а другой?", "and the other one?") names one.
MAX_OTHER_WORDS = 5


@functools.cache
def generic_keys(path: Path = GENERIC_FILE) -> frozenset[str]:
    """The keys of the generic words, once per process."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(
        key for words in document["generic"].values() for w in words for key in keys(w)
    )


def keys(text: str) -> set[str]:
    """The comparable pieces of a text: word stems and Chinese character pairs."""
    lowered = text.casefold().replace("ё", "е")
    lemma = default_normaliser().lemma  # "шести" and "Шесть" share their stem
    found = {
        lemma(word)[:STEM_LENGTH] for word in WORD.findall(lowered) if len(word) >= MIN_WORD_LENGTH
    }
    for run in HAN_RUN.findall(lowered):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def descriptive_text(text: str) -> str:
    """The message without the words of its topics and positions ("how much", "second")."""
    kept = list(text)
    for match in default_normaliser().find(text):
        if match.entity in NOT_DESCRIPTIVE:
            kept[match.start : match.end] = [" "] * (match.end - match.start)
    return "".join(kept)


def described_project(text: str, shown: Sequence[Project]) -> Project | None:
    """The one project of those shown that the message describes, if exactly one fits best.

    Args:
        text: The visitor's message, e.g. "the cold chain one, tell me more".
        shown: The projects of the list just shown, in the conversation's language.

    Returns:
        The project whose name or sectors share the most words with the description, or
        None when none does or several do equally.
    """
    if len(shown) < 2:
        return None
    described = descriptive_text(text)
    wanted = keys(described) - generic_keys()
    sectors = {m.value for m in default_normaliser().find(described) if m.entity == "sector"}
    project_keys = [keys(project.name) for project in shown]
    shared = set.intersection(*project_keys)
    scores = [
        len((wanted & own) - shared) + len(sectors & set(project.sectors))
        for project, own in zip(shown, project_keys, strict=True)
    ]
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        return None
    return shown[scores.index(best)]


def the_other_shown(tracker: Tracker) -> str | None:
    """The other project of a list of two, right after one of them ("а другой?", "另一个呢").

    Args:
        tracker: The conversation; its latest message is the question.

    Returns:
        The id of the project of the two that was not talked about last, or None.
    """
    shown = list(tracker.get_slot("shown_projects") or [])
    current = tracker.get_slot("project")
    text = tracker.latest_message.get("text") or ""
    if subject(tracker) != PROJECT or len(shown) != 2 or current not in shown:
        return None
    if len(text.split()) > MAX_OTHER_WORDS or not holds(text, "others"):
        return None
    return shown[1 - shown.index(current)]


def position_named(text: str, shown: Sequence[str]) -> str | None:
    """The id of the project at the position the message names ("the 2nd one"), if shown."""
    for match in default_normaliser().find(text):
        if match.entity != "ordinal":
            continue
        position = len(shown) if match.value == LAST_ORDINAL else int(match.value)
        if 1 <= position <= len(shown):
            return shown[position - 1]
    return None


def projects_referred(tracker: Tracker, language: str, catalogue: CatalogueClient) -> list[str]:
    """The projects a request to be contacted refers to ("the 2nd one, contact me").

    Args:
        tracker: The conversation; its latest message is the request.
        language: The conversation's language, for the names of the projects shown.
        catalogue: Where the names of the projects shown come from.

    Returns:
        The ids of the projects named, at the position named, or described; else none.
    """
    text = tracker.latest_message.get("text") or ""
    named = [m.value for m in default_normaliser().find(text) if m.entity == "project"]
    if named:
        return list(dict.fromkeys(named))
    shown = list(tracker.get_slot("shown_projects") or [])
    at = position_named(text, shown)
    if at is not None:
        return [at]
    if len(shown) < 2 or not follows_a_list(tracker):
        return []
    try:
        projects = [catalogue.get_project(project_id, language=language) for project_id in shown]
    except CatalogueUnavailable:
        return []
    described = described_project(text, [p for p in projects if p is not None])
    return [] if described is None else [described.id]
