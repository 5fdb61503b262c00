"""Every socket.io message names the bot event it comes from, so the website can rate it.

Rasa's socket.io output sends only a message's text, buttons or custom payload. The website's
widget lets visitors rate an answer, and the web app stores the rating against that answer
in the conversation's event stream: `MessageIdOutput` adds the bot event's `timestamp`, the
id the event broker publishes it under, as `message_id` to each message (inside `data` for a
custom payload). The event itself is never changed. It also adds what the widget needs to
show the answer well (`widget_data`): the message's language, whether it is an answer, and
its one-line source.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOOutput

from bot.server.channels.widget_data import keep_source_with_previous, source_of, widget_fields

#: The key of the bot event's timestamp in every message sent to the widget.
MESSAGE_ID_KEY = "message_id"

MessageHandler = Callable[[UserMessage], Awaitable[Any]]


def _event_time(message: dict[str, Any]) -> float | None:
    value = message.get("timestamp")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


class MessageIdOutput(SocketIOOutput):
    """Rasa's socket.io output, each message tagged with its bot event's timestamp.

    Rasa hands an output channel one bot event at a time (`send_response`), which sends it
    as one or more socket.io messages; the event's timestamp is kept for that call only.
    """

    def __init__(self, sio: Any, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self._message_id: float | None = None
        self._fields: dict[str, Any] = {}
        self._source: dict[str, Any] | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Sends one bot event's message, every part tagged with the event's timestamp."""
        self._message_id = _event_time(message)
        self._fields = widget_fields(message)
        self._source = source_of(message)
        if self._source:
            message = {**message, "text": keep_source_with_previous(message["text"], self._source)}
        try:
            await super().send_response(recipient_id, message)
        finally:
            self._message_id, self._fields, self._source = None, {}, None

    async def _send_message(self, socket_id: str, response: Any) -> None:
        if isinstance(response, dict):
            response = {**response, **self._fields}
            if self._message_id is not None:
                response[MESSAGE_ID_KEY] = self._message_id
            text = response.get("text")
            if self._source and isinstance(text, str) and self._source["line"] in text:
                response["source"] = self._source
        await super()._send_message(socket_id, response)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Sends a custom payload, with the timestamp inside its `data` (a copy)."""
        data = json_message.get("data")
        if isinstance(data, dict):
            data = {**data, **self._fields}
            if self._message_id is not None:
                data[MESSAGE_ID_KEY] = self._message_id
            json_message = {**json_message, "data": data}
        await super().send_custom_json(recipient_id, json_message, **kwargs)


def with_message_ids(handler: MessageHandler) -> MessageHandler:
    """Wraps a channel's message handler: answers go through `MessageIdOutput`."""

    async def handle(message: UserMessage) -> Any:
        output = message.output_channel
        if isinstance(output, SocketIOOutput) and not isinstance(output, MessageIdOutput):
            message.output_channel = MessageIdOutput(output.sio, output.bot_message_evt)
        return await handler(message)

    return handle
