"""Socket.io answers carry their bot event's timestamp as `message_id`."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOOutput
from rasa.shared.core.events import BotUttered

from bot.server.channels.message_ids import MessageIdOutput, with_message_ids
from bot.server.channels.socketio import GuardedSocketIOInput


class FakeSocketServer:
    def __init__(self) -> None:
        self.emitted: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    async def emit(self, *args: Any, **kwargs: Any) -> None:
        self.emitted.append((args, kwargs))


def send(event: BotUttered) -> FakeSocketServer:
    sio = FakeSocketServer()
    asyncio.run(MessageIdOutput(sio, "bot_uttered").send_response("s-1", event.message()))
    return sio


def test_every_part_of_a_text_answer_names_its_event():
    event = BotUttered("First part.\n\nSecond part.", timestamp=1715000000.125)
    sio = send(event)
    assert [args[1] for args, _ in sio.emitted] == [
        {"text": "First part.", "answer": True, "message_id": 1715000000.125},
        {"text": "Second part.", "answer": True, "message_id": 1715000000.125},
    ]


def test_buttons_keep_their_shape_with_the_id():
    buttons = [{"title": "Yes", "payload": "/affirm"}]
    sio = send(BotUttered("Shall I?", {"buttons": buttons}, timestamp=1715000001.5))
    (args, kwargs), *_ = sio.emitted
    assert args[1]["message_id"] == 1715000001.5
    assert args[1]["quick_replies"][0]["payload"] == "/affirm"
    assert kwargs == {"room": "s-1"}


def test_a_custom_payload_gets_the_id_in_its_data_and_the_event_is_unchanged():
    custom = {"data": {"type": "project_card", "project": {"id": "p-1"}}}
    event = BotUttered(None, {"custom": custom}, timestamp=1715000002.0)
    sio = send(event)
    (_, kwargs), *_ = sio.emitted
    assert kwargs["data"] == {
        "type": "project_card",
        "project": {"id": "p-1"},
        "answer": True,
        "message_id": 1715000002.0,
    }
    assert "message_id" not in event.data["custom"]["data"]


def test_a_response_without_an_event_has_no_id():
    sio = FakeSocketServer()
    asyncio.run(MessageIdOutput(sio, "bot_uttered").send_response("s-1", {"text": "Too long."}))
    assert sio.emitted[0][0][1] == {"text": "Too long.", "answer": True}


def test_the_wrapper_swaps_rasa_s_output_channel():
    received: list[UserMessage] = []

    async def rasa(message: UserMessage) -> None:
        received.append(message)

    sio = FakeSocketServer()
    message = UserMessage("hi", SocketIOOutput(sio, "bot_uttered"), "s-1")
    asyncio.run(with_message_ids(rasa)(message))
    output = received[0].output_channel
    assert isinstance(output, MessageIdOutput)
    assert (output.sio, output.bot_message_evt) == (sio, "bot_uttered")


def test_the_guarded_channel_hands_rasa_the_tagging_output():
    received: list[UserMessage] = []

    async def rasa(message: UserMessage) -> None:
        received.append(message)

    # Without session persistence: the socket is the sender, no session_request needed.
    channel = GuardedSocketIOInput(session_persistence=False)
    channel.blueprint(rasa)
    assert channel.sio is not None
    handler = channel.sio.handlers["/"]["user_uttered"]
    asyncio.run(handler("socket-1", {"message": "hello"}))
    assert isinstance(received[0].output_channel, MessageIdOutput)
