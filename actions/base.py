"""Shared building blocks of the custom actions."""

from __future__ import annotations

import abc
import asyncio
import functools
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue_client import (
    CatalogueClient,
    CatalogueRejected,
    CatalogueUnavailable,
    default_catalogue_client,
)
from actions.language_offer import offer_english_once
from actions.outbox import LeadOutbox
from actions.outbox_courier import OutboxCourier
from actions.settings import load_settings
from actions.vocabulary import ANY_VALUE
from hub_lexicon.lexicon import ENTITY_TYPES
from hub_lexicon.normaliser import default_normaliser
from hub_vocabulary import DEFAULT_LANGUAGE, LANGUAGES

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = LANGUAGES


def reply_language(tracker: Tracker) -> str:
    """The language the conversation is held in (the `language` slot)."""
    language = tracker.get_slot("language")
    return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def latest_entity_values(tracker: Tracker, entity: str) -> list[str]:
    """Values of an entity in the latest user message, in order, without repeats.

    Values of the vocabulary's entities (sector, service, ...) are mapped to their codes
    by the entity normaliser; a value that names no code is logged and left out, except
    a project's, which the catalogue may still know.
    """
    values = [
        str(item["value"])
        for item in tracker.latest_message.get("entities", [])
        if item.get("entity") == entity and item.get("value") is not None
    ]
    if entity in ENTITY_TYPES:
        normaliser = default_normaliser()
        codes = [
            value if value == ANY_VALUE else normaliser.normalise(entity, value) for value in values
        ]
        if entity == "project":
            # The catalogue may hold projects the lexicon does not name yet: the
            # action looks an unknown name up in the catalogue itself.
            codes = [code or value for code, value in zip(codes, values, strict=True)]
        for value, code in zip(values, codes, strict=True):
            if code is None:
                logger.warning("The %s value %r names no code; it is ignored.", entity, value)
        values = [code for code in codes if code is not None]
    return list(dict.fromkeys(values))


def latest_intent(tracker: Tracker) -> str | None:
    """Name of the intent of the latest user message."""
    return (tracker.latest_message.get("intent") or {}).get("name")


#: Actions that every turn runs and that answer nothing.
SILENT_ACTIONS = frozenset({"action_listen", "action_extract_slots", None})


def last_bot_turn(tracker: Tracker) -> list[dict[str, Any]]:
    """The events of the bot's turn before the latest user message, newest first."""
    turn: list[dict[str, Any]] = []
    seen_latest_user_message = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_latest_user_message:
                break
            seen_latest_user_message = True
        elif seen_latest_user_message:
            turn.append(event)
    return turn


def previous_bot_action(tracker: Tracker) -> str | None:
    """The last action the bot ran before the latest user message (action_listen skipped)."""
    names = (
        event.get("name") for event in last_bot_turn(tracker) if event.get("event") == "action"
    )
    return next((name for name in names if name not in SILENT_ACTIONS), None)


#: Actions that end by showing a list of projects: a search, or a greeting that asked for one.
LISTING_ACTIONS = frozenset({"action_search_projects", "action_greet"})
#: The slot a turn that shows a list of projects sets.
SHOWN_PROJECTS_SLOT = "shown_projects"


def follows_a_list(tracker: Tracker) -> bool:
    """Whether the bot's last turn showed a list of projects.

    A listing action ran, or another action set ``shown_projects`` for it: a fallback that
    named what it wanted, or a question answered in the middle of the lead form.
    """
    turn = last_bot_turn(tracker)
    listed = any(e.get("event") == "slot" and e.get("name") == SHOWN_PROJECTS_SLOT for e in turn)
    return listed or previous_bot_action(tracker) in LISTING_ACTIONS


def extend_list_slot(tracker: Tracker, slot: str, *new_values: str) -> list[str]:
    """The list slot's values followed by those of `new_values` it does not hold yet."""
    return list(dict.fromkeys([*(tracker.get_slot(slot) or []), *new_values]))


@functools.cache
def lead_outbox() -> LeadOutbox:
    """The process-wide lead outbox, opened on first use."""
    settings = load_settings()
    return LeadOutbox(
        settings.outbox_location,
        keep_settled_seconds=settings.outbox_keep_settled_hours * 3600,
    )


@functools.cache
def outbox_courier() -> OutboxCourier:
    """The process-wide courier that retries pending leads."""
    return OutboxCourier(
        lead_outbox(), default_catalogue_client, load_settings().outbox_retry_seconds
    )


class CatalogueAction(Action, abc.ABC):
    """An action that reads the catalogue and tells the user when it is unavailable."""

    def catalogue(self) -> CatalogueClient:
        """The catalogue client used by this action."""
        return default_catalogue_client()

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Runs `answer` off the event loop; an unavailable catalogue becomes a message."""
        outbox_courier().wake()
        language = reply_language(tracker)
        try:
            events = await asyncio.to_thread(self.answer, dispatcher, tracker, language)
            events += await asyncio.to_thread(self.answer_also, dispatcher, tracker, language)
            offer_english_once(dispatcher, tracker)
            return events
        except CatalogueUnavailable:
            dispatcher.utter_message(response="utter_catalogue_unavailable")
            return []
        except CatalogueRejected as error:
            logger.error("%s: the catalogue refused the request: %s", self.name(), error)
            dispatcher.utter_message(response="utter_default")
            return []

    def answer_also(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Answers a second request the message holds, once `answer` has run.

        Only the action Rasa ran answers it: an action whose `answer` another one calls
        ("where are you" asked as a project question gets the hub's answer) does not.

        Returns:
            Events to apply to the conversation; none by default.
        """
        return []

    @abc.abstractmethod
    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Answers the user from the catalogue.

        Args:
            dispatcher: Sends responses to the user.
            tracker: The conversation.
            language: The conversation's language, for the API's texts.

        Returns:
            Events to apply to the conversation.
        """
