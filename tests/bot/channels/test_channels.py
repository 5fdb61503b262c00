"""The channels of credentials.yml: Rasa's names and URLs, socket.io events behind the checks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.run import create_http_input_channels

from bot.channels.rest import GuardedRestInput
from bot.channels.socketio import GuardedSocketIOInput
from tests.test_domain import REPO_ROOT


def test_credentials_register_the_guarded_channels_under_rasa_s_names():
    channels = create_http_input_channels(None, str(REPO_ROOT / "credentials.yml"))
    by_type = {type(channel): channel for channel in channels}
    assert set(by_type) == {GuardedRestInput, GuardedSocketIOInput}
    # The name makes the URL: /webhooks/rest/webhook, and "latest" output channel lookups.
    assert by_type[GuardedRestInput].name() == "rest"
    assert by_type[GuardedRestInput].url_prefix() == "rest"
    socketio = by_type[GuardedSocketIOInput]
    assert socketio.name() == "socketio"
    assert socketio.socketio_path == "/socket.io"
    assert socketio.session_persistence is True
    assert socketio.user_message_evt == "user_uttered"


class Rasa:
    def __init__(self) -> None:
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)


@pytest.fixture
def channel() -> GuardedSocketIOInput:
    return GuardedSocketIOInput(session_persistence=True)


def trigger(channel: GuardedSocketIOInput, event: str, *args: Any) -> None:
    assert channel.sio is not None
    asyncio.run(channel.sio.handlers["/"][event]("socket-1", *args))


def test_a_socketio_message_reaches_rasa_with_the_session_as_sender(channel):
    rasa = Rasa()
    channel.blueprint(rasa)
    data = {"message": "/restart", "session_id": "s-1", "metadata": {"language": "ru"}}
    trigger(channel, "user_uttered", data)
    assert [(m.text, m.sender_id, m.metadata) for m in rasa.received] == [
        ("restart", "s-1", {"language": "ru"})
    ]
    assert rasa.received[0].input_channel == "socketio"


@pytest.mark.parametrize(
    "args",
    [(), (None,), (["hi"],), ({"message": None, "session_id": "s-1"},), ({"message": "hi"},)],
)
def test_an_invalid_socketio_message_is_dropped(channel, args):
    rasa = Rasa()
    channel.blueprint(rasa)
    trigger(channel, "user_uttered", *args)
    assert rasa.received == []


@pytest.mark.parametrize(
    ("args", "confirmed"),
    [(({"session_id": "s-1"},), "s-1"), ((), None), (("garbage",), None)],
)
def test_a_session_request_is_confirmed(channel, args, confirmed, monkeypatch):
    channel.blueprint(Rasa())
    emitted: list[tuple[str, Any]] = []
    rooms: list[str] = []

    async def emit(event: str, data: Any, room: str | None = None, **_: Any) -> None:
        emitted.append((event, data))

    monkeypatch.setattr(channel.sio, "emit", emit)
    monkeypatch.setattr(channel.sio, "enter_room", lambda sid, room, **_: rooms.append(room))
    trigger(channel, "session_request", *args)
    [(event, session_id)] = emitted
    assert event == "session_confirm"
    assert session_id == (confirmed or rooms[0])
    assert rooms == [session_id]
    if confirmed is None:
        assert len(session_id) == 32  # a new one


def test_the_rest_channel_keeps_rasa_s_routes():
    blueprint = GuardedRestInput().blueprint(Rasa())
    assert blueprint.name == "custom_webhook_GuardedRestInput"
