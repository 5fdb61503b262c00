"""The check every message passes before Rasa handles it, for the REST and socket.io channels.

`MessageGuard` wraps the handler that Rasa gives an input channel's blueprint: a message
longer than `MAX_MESSAGE_LENGTH` is answered with `utter_message_too_long` in the
visitor's language and never reaches the NLU or the tracker; a typed command goes
through `screen_command`; everything else is passed on unchanged. A message Rasa
handled without answering anything, in a conversation staff have not taken over (a custom
action failed: the action server is restarting), gets `utter_catalogue_unavailable`
rather than silence.

The guard also runs the NLU of each message in a thread of its own (`parse_off_loop`) and
hands Rasa the result as the message's `parse_data`, which Rasa's processor then uses
instead of parsing on the event loop. Parsing 2,000 characters takes 100-180 ms here; in
the thread, other visitors' requests are served meanwhile (Python switches threads every
5 ms, and TensorFlow runs without holding the interpreter).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, Sanic

from bot.server.channels.payloads import LANGUAGE_SLOT, screen_command, slots_filled_by_entities
from bot.server.channels.sessions import short_id
from bot.server.channels.validation import (
    MAX_MESSAGE_LENGTH,
    is_language,
    is_too_long,
    script_language,
)

logger = logging.getLogger(__name__)

TOO_LONG_RESPONSE = "utter_message_too_long"
#: Sent when Rasa handled a message of a conversation the bot is not paused in and answered
#: nothing: a custom action failed, e.g. while the action server restarts.
SILENT_TURN_RESPONSE = "utter_catalogue_unavailable"

MessageHandler = Callable[[UserMessage], Awaitable[Any]]

#: One thread for every channel: messages are parsed one at a time, in arrival order.
_nlu_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlu")


async def parse_off_loop(processor: Any, message: UserMessage) -> dict[str, Any]:
    """Rasa's `MessageProcessor.parse_message` of `message`, run in the NLU thread.

    Args:
        processor: The loaded model's processor (its NLU runs locally, not over HTTP).
        message: The visitor's message.

    Returns:
        The parse data Rasa's processor would compute itself.
    """

    def parse() -> dict[str, Any]:
        return _thread_loop().run_until_complete(processor.parse_message(message))

    return await asyncio.get_running_loop().run_in_executor(_nlu_thread, parse)


_loops = threading.local()


def _thread_loop() -> asyncio.AbstractEventLoop:
    """The NLU thread's own event loop, kept (`asyncio.run` made and closed one per message)."""
    loop: asyncio.AbstractEventLoop | None = getattr(_loops, "loop", None)
    if loop is None or loop.is_closed():
        loop = _loops.loop = asyncio.new_event_loop()
    return loop


class MessageGuard:
    """Rasa's message handler behind the length limit and the command screen."""

    def __init__(self, on_new_message: MessageHandler) -> None:
        """Wraps `on_new_message`, the handler Rasa passes to a channel's blueprint."""
        self.on_new_message = on_new_message
        self.app: Sanic | None = None

    def attach(self, blueprint: Blueprint) -> None:
        """Remembers the Sanic app once the blueprint is served; its `ctx.agent` is Rasa's."""

        async def remember_app(app: Sanic, _loop: object) -> None:
            self.app = app

        blueprint.listener("before_server_start")(remember_app)

    @property
    def agent(self) -> Any:
        """The Rasa agent serving the app (it changes when a model is loaded), or None."""
        return getattr(self.app.ctx, "agent", None) if self.app is not None else None

    async def __call__(self, message: UserMessage) -> None:
        """Answers a too-long message itself; hands any other message on to Rasa."""
        text = message.text or ""
        if is_too_long(text):
            logger.info(
                "Message of %d characters from %s answered as too long",
                len(text),
                short_id(message.sender_id),
            )
            await self.answer_too_long(message)
            return
        message.text = screen_command(text, self.entity_slots())
        processor = getattr(self.agent, "processor", None)
        if processor is not None and processor.on_circuit_break is None:
            processor.on_circuit_break = listen_after_circuit_break
        if processor is not None and processor.http_interpreter is None and message.text:
            message.parse_data = await parse_off_loop(processor, message)
        sent = count_responses(message)
        await self.on_new_message(message)
        if not sent() and not await self.is_paused(message.sender_id):
            logger.warning(
                "Conversation %s: nothing answered; saying so", short_id(message.sender_id)
            )
            await self.answer_with(message, SILENT_TURN_RESPONSE)

    async def is_paused(self, sender_id: str) -> bool:
        """Whether staff have taken the conversation over (the bot stays silent then)."""
        tracker_store = getattr(self.agent, "tracker_store", None)
        tracker = await tracker_store.retrieve(sender_id) if tracker_store else None
        return tracker is not None and tracker.is_paused()

    def entity_slots(self) -> Mapping[str, frozenset[str]]:
        """The slots each entity fills, from the loaded model's domain."""
        domain = getattr(self.agent, "domain", None)
        return slots_filled_by_entities(domain.slots) if domain is not None else {}

    async def answer_too_long(self, message: UserMessage) -> None:
        """Sends `utter_message_too_long`, without the NLU and without storing anything."""
        await self.answer_with(message, TOO_LONG_RESPONSE)

    async def answer_with(self, message: UserMessage, response_name: str) -> None:
        """Sends a response of the domain in the visitor's language, storing nothing."""
        agent = self.agent
        if agent is None or agent.domain is None:
            logger.warning("No model loaded: %s not sent", response_name)
            return
        language = await self.conversation_language(message)
        tracker = DialogueStateTracker.from_events(
            message.sender_id, [SlotSet(LANGUAGE_SLOT, language)], slots=agent.domain.slots
        )
        output_channel = message.output_channel
        response = await agent.nlg.generate(
            response_name, tracker, output_channel.name(), max_length=MAX_MESSAGE_LENGTH
        )
        if response is None:
            logger.error("The domain has no %s for language %s", response_name, language)
            return
        await output_channel.send_response(message.sender_id, response)

    async def conversation_language(self, message: UserMessage) -> str:
        """The conversation's `language` slot, or the message's script for a new visitor."""
        tracker_store = getattr(self.agent, "tracker_store", None)
        tracker = await tracker_store.retrieve(message.sender_id) if tracker_store else None
        language = tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None
        return language if is_language(language) else script_language(message.text or "")


def count_responses(message: UserMessage) -> Callable[[], int]:
    """Counts what the message's output channel sends from now on; returns the count's reader."""
    output_channel = message.output_channel
    send_response = output_channel.send_response
    sent = 0

    async def counted(recipient_id: str, response: dict[str, Any]) -> None:
        nonlocal sent
        sent += 1
        await send_response(recipient_id, response)

    output_channel.send_response = counted
    return lambda: sent


def listen_after_circuit_break(tracker: DialogueStateTracker, *_: object) -> None:
    """Ends a run of actions that Rasa's circuit breaker stopped with `action_listen`.

    Rasa counts the actions since the last `action_listen`, across user messages: when the
    action server is down, a failed action can repeat until the breaker trips, and every
    later message of that conversation would trip it again at once (no answer, ever). With
    `action_listen` stored, the visitor's next message is handled normally.

    Args:
        tracker: The conversation, saved by Rasa after this call.
    """
    logger.warning(
        "Conversation %s: actions stopped by Rasa; listening again", short_id(tracker.sender_id)
    )
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
