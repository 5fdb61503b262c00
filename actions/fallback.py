"""Low-confidence messages and messages in a language the bot does not speak."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.base import follows_a_list, latest_entity_values, reply_language
from actions.followups import (
    HUB,
    PROJECT,
    SERVICE,
    message_topics,
    refers_to_the_project,
    subject,
)
from actions.greeting import requested_answer
from actions.hub import ActionShowHubInfo
from actions.hub_answers import asks_trade_with_a_country
from actions.hub_figures import asked_groups
from actions.projects import ActionShowProject
from actions.references import the_other_shown
from actions.services import ActionShowServices
from actions.when import asks_when

#: What answers a short follow-up, by the subject of the answer before it.
FOLLOW_UP_ACTIONS: dict[str, type[Action]] = {
    PROJECT: ActionShowProject,
    HUB: ActionShowHubInfo,
    SERVICE: ActionShowServices,
}


class ActionFallback(Action):
    """Redirects the user helpfully instead of guessing, then forgets the message."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_fallback"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Says which languages the bot speaks, answers a short follow-up, or offers help.

        A message the classifier is unsure of but that names what a question is about
        ("цена?", "地点？") right after an answer about a project or the hub, or one of the
        hub's figures ("а в 2021?") after the hub's, is a follow-up about it, and gets that
        answer. One that names a project, sector, district or service gets the answer about
        it. Otherwise the message is forgotten, as with Rasa's
        default fallback; a supported language it was written in is kept, an unsupported
        one leaves the conversation's language alone.
        """
        if latest_entity_values(tracker, "unsupported_language"):
            dispatcher.utter_message(response="utter_unsupported_language")
            return [UserUtteranceReverted()]
        follow_up = FOLLOW_UP_ACTIONS.get(subject(tracker) or "")
        text = tracker.latest_message.get("text") or ""
        hub_figure = subject(tracker) == HUB and (
            bool(asked_groups(text)) or asks_trade_with_a_country(tracker) or asks_when(text)
        )
        # "what do they make there" right after a project: about that project; "а другой?"
        # and "а тот, что у реки?" about one of the list just shown.
        refers = refers_to_the_project(tracker) or the_other_shown(tracker) is not None
        if follow_up is ActionShowProject and not refers and follows_a_list(tracker):
            refers = ActionShowProject().describes_a_shown_project(tracker)
        if follow_up is not None and (message_topics(tracker) or hub_figure or refers):
            return await follow_up().run(dispatcher, tracker, domain)
        request = requested_answer(tracker)
        if request is not None:
            # "salam hi, we do import export, projects for logistic?": it names what it wants.
            return await request().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted(), SlotSet("language", reply_language(tracker))]
