"""The project search's filters (sector and district) as the conversation holds them."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.base import latest_entity_values
from actions.catalogue_client import CatalogueClient
from actions.catalogue_types import Project
from actions.followups import PROJECT, subject
from actions.hub_countries import names_another_country
from actions.vocabulary import DISTRICTS, SECTORS
from hub_lexicon.normaliser import default_normaliser
from hub_lexicon.replies import names_projects, refers_back
from hub_vocabulary import PROJECT_TOPICS

FILTER_CODES = {"sector": SECTORS, "district": DISTRICTS}
FILTER_SLOTS = tuple(FILTER_CODES)


def search_filters(tracker: Tracker) -> dict[str, str]:
    """The search's filters the conversation holds, e.g. ``{"sector": "logistics"}``."""
    return {
        slot: value
        for slot in FILTER_SLOTS
        if (value := tracker.get_slot(slot)) in FILTER_CODES[slot]
    }


def named_filters(tracker: Tracker) -> dict[str, str]:
    """The filters the latest message itself names, e.g. ``{"district": "pingdu"}``."""
    return {
        slot: codes[0]
        for slot in FILTER_SLOTS
        if (codes := [v for v in latest_entity_values(tracker, slot) if v in FILTER_CODES[slot]])
    }


def fits(project: Project, filters: dict[str, str]) -> bool:
    """Whether a project has every one of the filters: that sector among its own, that place."""
    return all(
        value in project.sectors if slot == "sector" else value == project.district
        for slot, value in filters.items()
    )


def named_with_its_own_filters(
    tracker: Tracker, catalogue: CatalogueClient, language: str
) -> str | None:
    """The project a message is about though it names that project's own sector or place.

    "холодовая цепь, склады заморозки" names the cold chain park and its sector, logistics:
    the park, not every logistics project. Right after the park, "для чего он, с какими
    странами торговля" and "Орусия менен соодага тиешеси барбы?" (a country) name its own
    sector: about the park, not a search.

    "where will the headquarters be?" right after the headquarters project asks one of its
    topics, naming no projects: about it as well.

    Returns:
        The project's id, or None.
    """
    filters = named_filters(tracker)
    mentioned = set(latest_entity_values(tracker, "project"))
    text = tracker.latest_message.get("text") or ""
    shown = tracker.get_slot("project")
    if not filters or len(mentioned) > 1:
        return None
    if mentioned:
        candidate = mentioned.pop()
    elif (
        subject(tracker) == PROJECT
        and shown
        and (refers_back(text) or names_another_country(text) or asks_one_of_its_topics(text))
    ):
        candidate = str(shown)
    else:
        return None
    project = catalogue.get_project(candidate, language=language)
    return candidate if project is not None and fits(project, filters) else None


def asks_one_of_its_topics(text: str) -> bool:
    """Whether a message asks a project's topic (its place, status...) and names no projects."""
    topics = {match.value for match in default_normaliser().find(text) if match.entity == "topic"}
    return bool(topics & set(PROJECT_TOPICS)) and not names_projects(text)
