"""Sockets shared through Redis: the channel's manager, and an emit crossing two servers."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import Any

from socketio import AsyncManager, AsyncRedisManager

from bot.server.channels.shared_sockets import redis_manager
from bot.server.channels.socketio import GuardedSocketIOInput
from bot.settings import BotSettings
from tests.backing_services import redis_url

DELIVERY_TIMEOUT_SECONDS = 5.0


async def ignore(_message: Any) -> None:
    return None


def served_channel() -> GuardedSocketIOInput:
    channel = GuardedSocketIOInput(session_persistence=True)
    channel.blueprint(ignore)
    assert channel.sio is not None
    return channel


def test_sockets_stay_in_the_process_by_default(monkeypatch):
    monkeypatch.delenv("SOCKETIO_REDIS_URL", raising=False)
    manager = served_channel().sio.manager
    assert type(manager) is AsyncManager


def test_a_blank_url_keeps_sockets_in_the_process(monkeypatch):
    monkeypatch.setenv("SOCKETIO_REDIS_URL", "  ")
    assert type(served_channel().sio.manager) is AsyncManager


def test_a_redis_url_shares_the_sockets_through_redis(monkeypatch):
    monkeypatch.setenv("SOCKETIO_REDIS_URL", "redis://redis.test:6380/2")
    monkeypatch.setenv("SOCKETIO_REDIS_CHANNEL", "hub-test")
    channel = served_channel()
    manager = channel.sio.manager
    assert isinstance(manager, AsyncRedisManager)
    assert manager.server is channel.sio
    assert (manager.redis_url, manager.channel) == ("redis://redis.test:6380/2", "hub-test")
    assert channel.sio.manager_initialized is False  # started with the server, not before


def test_settings_without_a_url_give_no_manager():
    assert redis_manager(BotSettings(socketio_redis_url=None)) is None
    assert BotSettings().socketio_redis_channel == "hub-socketio"


def test_an_emit_on_one_server_reaches_a_socket_held_by_another(monkeypatch):
    """Server A emits to a session's room; server B, which holds the socket, delivers it."""
    monkeypatch.setenv("SOCKETIO_REDIS_URL", redis_url())
    monkeypatch.setenv("SOCKETIO_REDIS_CHANNEL", f"hub-test-{uuid.uuid4().hex}")
    server_a, server_b = served_channel().sio, served_channel().sio
    session_id = "session-x"

    async def scenario() -> list[tuple[str, Any]]:
        delivered: list[tuple[str, Any]] = []
        arrived = asyncio.Event()

        async def send_eio_packet(eio_sid: str, eio_packet: Any) -> None:
            delivered.append((eio_sid, eio_packet.data))
            arrived.set()

        server_b._send_eio_packet = send_eio_packet
        manager_b = server_b.manager
        manager_b.initialize()
        sid = manager_b.connect("eio-b-1", "/")
        manager_b.enter_room(sid, "/", session_id)

        async def subscribed() -> None:
            # B listens once it hears its own emit: Redis pub/sub keeps nothing for later.
            while not arrived.is_set():
                await server_b.emit("ping", room=sid)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(arrived.wait(), 0.2)

        await asyncio.wait_for(subscribed(), DELIVERY_TIMEOUT_SECONDS)
        delivered.clear()
        arrived.clear()
        await server_a.emit("bot_uttered", {"text": "staff reply"}, room=session_id)
        await asyncio.wait_for(arrived.wait(), DELIVERY_TIMEOUT_SECONDS)
        manager_b.thread.cancel()
        return delivered

    delivered = asyncio.run(scenario())
    assert len(delivered) == 1
    eio_sid, data = delivered[0]
    assert eio_sid == "eio-b-1"
    assert "staff reply" in data and "bot_uttered" in data
