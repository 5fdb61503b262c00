"""A message that asks for projects and a service (or the hub's figures), read as both.

A service here is also one of the platform's functions ("路演", roadshows).

"帮我查下物流项目，顺便说下你们的签证服务", "логистика лойиҳалари ва виза хизмати": the
classifier gives one intent, and the entity types the other request needs would be dropped
with it. Such a message is read as a search that also names the services it asks about;
the search's action answers both (actions/project_search.py).
"""

from __future__ import annotations

from hub_lexicon.normaliser import EntityMatch
from hub_lexicon.replies import holds, names_a_platform_function, names_projects

SEARCH_INTENT = "search_projects"
SERVICE_INTENT = "ask_service"
HUB_INTENT = "ask_hub_info"
FILTER_TYPES = frozenset({"sector", "district"})
SERVICE_TYPE = "service"


def _overlaps(match: EntityMatch, others: list[EntityMatch]) -> bool:
    return any(match.start < other.end and other.start < match.end for other in others)


def _search_with_services(
    matches: list[EntityMatch], found: list[EntityMatch]
) -> list[EntityMatch]:
    """The search's entities, and the services it names in words no filter covers."""
    if not any(match.entity in FILTER_TYPES for match in found):
        return found
    services = [
        match for match in matches if match.entity == SERVICE_TYPE and not _overlaps(match, found)
    ]
    return [*found, *services]


def read_two_requests(
    text: str, intent: str | None, matches: list[EntityMatch], found: list[EntityMatch]
) -> tuple[str | None, list[EntityMatch]]:
    """The intent and entities of a message, read as a search and a service when it asks both.

    Args:
        text: The message.
        intent: The intent the message has so far.
        matches: Everything the lexicon found in the message.
        found: The entities kept for that intent.

    Returns:
        The intent and entities to set: unchanged unless the message asks for both.
    """
    if intent == SEARCH_INTENT:
        return intent, _search_with_services(matches, found)
    filters = [match for match in matches if match.entity in FILTER_TYPES]
    if intent == HUB_INTENT and filters and holds(text, "also") and names_projects(text):
        # "show me finance projects and also tell me total money signed at the opening": the
        # search, then the hub's figures (actions/second_request.py).
        return SEARCH_INTENT, filters
    # A service question that names no projects ("legal help in Pingdu?") stays one.
    if intent != SERVICE_INTENT or not names_projects(text):
        return intent, found
    # "物流项目": the logistics sector, not the "logistics" service.
    services = [match for match in found if not _overlaps(match, filters)]
    if filters and not services and names_a_platform_function(text):
        # "有数字经济的项目吗？另外你们提供路演服务不": the search, then the roadshows
        return SEARCH_INTENT, filters
    if not filters or not services:
        return intent, found
    return SEARCH_INTENT, [*filters, *services]
