"""The channels of credentials.yml: Rasa's names and URLs, socket.io events behind the checks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.run import create_http_input_channels

from bot.server.channels.rest import GuardedRestInput
from bot.server.channels.sessions import is_issued, session_key
from bot.server.channels.socketio import GuardedSocketIOInput
from bot.settings import BotSettings
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


SETTINGS = BotSettings(socketio_session_secret="a test secret")


@pytest.fixture
def channel() -> GuardedSocketIOInput:
    return GuardedSocketIOInput(session_persistence=True)


def trigger(channel: GuardedSocketIOInput, event: str, *args: Any, sid: str = "socket-1") -> None:
    assert channel.sio is not None
    asyncio.run(channel.sio.handlers["/"][event](sid, *args))


class Sessions:
    """The channel's socket.io server, its emits and rooms recorded instead of sent."""

    def __init__(self, channel: GuardedSocketIOInput, monkeypatch: pytest.MonkeyPatch) -> None:
        self.channel = channel
        self.monkeypatch = monkeypatch
        self.confirmed: list[tuple[str, Any]] = []
        self.rooms: list[str] = []

    def patch(self) -> None:
        async def emit(event: str, data: Any, room: str | None = None, **_: Any) -> None:
            if event == "session_confirm":
                self.confirmed.append((room, data))

        sio = self.channel.sio
        self.monkeypatch.setattr(sio, "emit", emit)
        self.monkeypatch.setattr(sio, "enter_room", lambda sid, room, **_: self.rooms.append(room))
        self.monkeypatch.setattr(sio, "leave_room", lambda sid, room, **_: self.rooms.remove(room))

    def confirm(self, sid: str, *args: Any) -> str:
        """Sends `session_request` from socket `sid`; returns the session confirmed to it."""
        self.patch()
        trigger(self.channel, "session_request", *args, sid=sid)
        room, session_id = self.confirmed[-1]
        assert room == sid
        return session_id


@pytest.fixture
def sessions(channel, monkeypatch) -> Sessions:
    return Sessions(channel, monkeypatch)


def test_a_socketio_message_reaches_rasa_with_the_session_as_sender(channel, sessions):
    rasa = Rasa()
    channel.blueprint(rasa, settings=SETTINGS)
    session_id = sessions.confirm("socket-1")
    data = {"message": "/restart", "session_id": session_id, "metadata": {"language": "ru"}}
    trigger(channel, "user_uttered", data)
    assert [(m.text, m.sender_id, m.metadata) for m in rasa.received] == [
        ("restart", session_id, {"language": "ru"})
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


@pytest.mark.parametrize("args", [({"session_id": "s-1"},), (), (None,), ("garbage",)])
def test_a_session_request_without_an_issued_id_gets_a_new_session(channel, sessions, args):
    channel.blueprint(Rasa(), settings=SETTINGS)
    session_id = sessions.confirm("socket-1", *args)
    assert is_issued(session_id, session_key(SETTINGS))
    assert sessions.rooms == [session_id]


def test_a_session_request_with_an_issued_id_continues_it(channel, sessions):
    channel.blueprint(Rasa(), settings=SETTINGS)
    first = sessions.confirm("socket-1")
    assert sessions.confirm("socket-2", {"session_id": first}) == first


def test_the_rest_channel_keeps_rasa_s_routes():
    blueprint = GuardedRestInput().blueprint(Rasa())
    assert blueprint.name == "custom_webhook_GuardedRestInput"
