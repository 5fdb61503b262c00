"""A second request in the message, answered after the first one.

"сколько подписали на открытии и какие услуги вы даете" asks for the hub's figures and the
services; "帮我查下物流项目，顺便说下你们的签证服务" for a search and a service (the NLU keeps
both: bot/nlu/entities/two_requests.py); "show me finance projects and also tell me total
money signed at the opening" for a search and the hub's figures. The classifier gives one
intent; the action Rasa runs for it answers (`CatalogueAction.answer`), then this answers the
other request (`CatalogueAction.answer_also`), unless the first answer already gave it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import latest_entity_values
from actions.hub_answers import HUB_RESPONSES
from actions.hub_figures import asked_groups
from actions.vocabulary import SERVICE_TYPES
from hub_lexicon.replies import asks_for_all_services, holds, names_a_platform_function

#: The answers a second request may follow.
HUB_ANSWER = "hub"
SEARCH_ANSWER = "search"
#: The responses that answer which services there are, or what one of them is.
SERVICE_RESPONSE_PREFIXES = (
    "utter_service_item",
    "utter_services_overview",
    "utter_service_not_listed",
    "utter_platform_functions",
)


def answer_second_request(
    dispatcher: CollectingDispatcher, tracker: Tracker, language: str, answered: str
) -> list[dict[str, Any]]:
    """Answers what else the message asks for, after the answer of its intent.

    Args:
        dispatcher: Where the answer goes; what it holds already is not answered again.
        tracker: The conversation.
        language: The reply language.
        answered: Which answer was given first: `HUB_ANSWER` or `SEARCH_ANSWER`.

    Returns:
        The events of the second answer; none when the message asks for nothing else.
    """
    text = tracker.latest_message.get("text") or ""
    sent = [str(message.get("response") or "") for message in dispatcher.messages]
    events: list[dict[str, Any]] = []
    services_asked = asks_for_all_services(text) or (
        answered == SEARCH_ANSWER and (_names_services(tracker) or names_a_platform_function(text))
    )
    if services_asked and not any(r.startswith(SERVICE_RESPONSE_PREFIXES) for r in sent):
        from actions.services import ActionShowServices  # services answer projects too

        events += ActionShowServices().answer(dispatcher, tracker, language)
    figures_asked = answered == SEARCH_ANSWER and holds(text, "also") and asked_groups(text)
    if figures_asked and not HUB_RESPONSES.intersection(sent):
        from actions.hub import ActionShowHubInfo  # the hub's answers use the search

        events += ActionShowHubInfo().answer(dispatcher, tracker, language)
    return events


def _names_services(tracker: Tracker) -> bool:
    """Whether a search names services too; "logistics" as sector and service is the sector."""
    sectors = latest_entity_values(tracker, "sector")
    services = latest_entity_values(tracker, "service")
    return any(value in SERVICE_TYPES and value not in sectors for value in services)
