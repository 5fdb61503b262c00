"""socket.io session ids issued and signed by the server (issue 18, finding 2)."""

from __future__ import annotations

import logging

import pytest

from bot.server.channels.sessions import (
    SESSION_ID_LENGTH,
    is_issued,
    issue_session_id,
    session_key,
    short_id,
)
from bot.settings import BotSettings
from tests.bot.server.channels.test_channels import SETTINGS, Rasa, Sessions, trigger

KEY = session_key(SETTINGS)


def test_an_issued_id_is_random_and_signed():
    first, second = issue_session_id(KEY), issue_session_id(KEY)
    assert first != second
    assert len(first) == SESSION_ID_LENGTH
    assert is_issued(first, KEY) and is_issued(second, KEY)


@pytest.mark.parametrize(
    "forged",
    [
        None,
        5,
        "s-1",
        "0" * SESSION_ID_LENGTH,
        "G" * SESSION_ID_LENGTH,
        issue_session_id(KEY)[:-1] + "x",
        issue_session_id(KEY).upper(),
        issue_session_id(session_key(BotSettings(socketio_session_secret="another"))),
    ],
)
def test_an_id_not_issued_with_the_key_is_refused(forged):
    assert not is_issued(forged, KEY)


def test_the_key_comes_from_the_secret_or_is_random_per_process():
    same = BotSettings(socketio_session_secret="a test secret")
    assert session_key(same) == KEY
    assert session_key(BotSettings()) != session_key(BotSettings())


def test_logs_show_a_short_form_only():
    session_id = issue_session_id(KEY)
    assert short_id(session_id) == session_id[:8] + "…"
    assert short_id("abc") == "ab…"


@pytest.fixture
def sessions(channel, monkeypatch) -> Sessions:
    return Sessions(channel, monkeypatch)


@pytest.fixture
def channel():
    from bot.server.channels.socketio import GuardedSocketIOInput

    return GuardedSocketIOInput(session_persistence=True)


def test_a_second_client_presenting_a_visitor_s_id_gets_a_session_of_its_own(channel, sessions):
    """The takeover: another client asks for the visitor's session id. With ids the client
    chose (`s-1`) or learnt unsigned, it is confirmed on a new session and joins no room of
    the visitor."""
    rasa = Rasa()
    channel.blueprint(rasa, settings=SETTINGS)
    visitor = sessions.confirm("visitor-socket")
    assert sessions.rooms == [visitor]
    stolen_prefix = visitor[: SESSION_ID_LENGTH // 2]
    for forged in [stolen_prefix + "0" * (SESSION_ID_LENGTH // 2), "s-1"]:
        attacker = sessions.confirm("attacker-socket", {"session_id": forged})
        assert attacker not in {visitor, forged}
    assert visitor in sessions.rooms and sessions.rooms.count(visitor) == 1
    # Its messages cannot be sent into the visitor's conversation either.
    trigger(
        channel, "user_uttered", {"message": "hi", "session_id": visitor}, sid="attacker-socket"
    )
    assert rasa.received == []


def test_a_message_counts_only_for_the_session_its_socket_was_confirmed_on(channel, sessions):
    rasa = Rasa()
    channel.blueprint(rasa, settings=SETTINGS)
    trigger(channel, "user_uttered", {"message": "hi", "session_id": issue_session_id(KEY)})
    assert rasa.received == []  # no session_request yet
    session_id = sessions.confirm("socket-1")
    trigger(channel, "user_uttered", {"message": "hi", "session_id": session_id})
    assert [message.sender_id for message in rasa.received] == [session_id]
    trigger(channel, "disconnect")
    trigger(channel, "user_uttered", {"message": "again", "session_id": session_id})
    assert len(rasa.received) == 1  # the socket is gone, and its confirmation with it


def test_a_socket_confirmed_on_another_session_leaves_the_first_room(channel, sessions):
    channel.blueprint(Rasa(), settings=SETTINGS)
    first = sessions.confirm("socket-1")
    other = issue_session_id(KEY)
    assert sessions.confirm("socket-1", {"session_id": other}) == other
    assert sessions.rooms == [other]
    assert first not in sessions.rooms


def test_a_forged_id_is_logged_in_short_form_only(channel, sessions, caplog):
    channel.blueprint(Rasa(), settings=SETTINGS)
    forged = "f" * SESSION_ID_LENGTH
    with caplog.at_level(logging.INFO, logger="bot.server.channels.socketio"):
        sessions.confirm("socket-1", {"session_id": forged})
    assert "ffffffff…" in caplog.text and forged not in caplog.text
