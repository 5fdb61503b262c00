"""A second request in the message, answered after the first one.

"сколько подписали на открытии и какие услуги вы даете" asks for the hub's figures and the
services; "show me finance projects and also tell me total money signed at the opening"
for a search and the hub's figures. The classifier gives one intent; the action of that
intent answers, then this answers the other request. A search that names services is
answered the same way, in the search itself (actions/project_search.py).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.hub_figures import asked_groups
from hub_lexicon.replies import asks_for_all_services, holds

#: The answers a second request may follow.
HUB_ANSWER = "hub"
SEARCH_ANSWER = "search"


def answer_second_request(
    dispatcher: CollectingDispatcher, tracker: Tracker, language: str, answered: str
) -> list[dict[str, Any]]:
    """Answers what else the message asks for, after the answer of its intent.

    Args:
        dispatcher: Where the answer goes.
        tracker: The conversation.
        language: The reply language.
        answered: Which answer was given first: `HUB_ANSWER` or `SEARCH_ANSWER`.

    Returns:
        The events of the second answer; none when the message asks for nothing else.
    """
    text = tracker.latest_message.get("text") or ""
    if answered == HUB_ANSWER and asks_for_all_services(text):
        from actions.services import ActionShowServices  # services answer projects too

        return ActionShowServices().answer(dispatcher, tracker, language)
    if answered == SEARCH_ANSWER and holds(text, "also") and asked_groups(text):
        from actions.hub import ActionShowHubInfo  # the hub's answers use the search

        return ActionShowHubInfo().answer(dispatcher, tracker, language)
    return []
