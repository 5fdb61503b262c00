"""Visitors' sockets shared by several Rasa servers through Redis (`SOCKETIO_REDIS_URL`).

Rasa's socket.io channel keeps its sockets in its own process, so a message reaches a
visitor only when the server holding their socket sends it. Staff replies come in through
Rasa's HTTP API (`output_channel=latest`) on whichever server is asked, which may not be
that one. With `SOCKETIO_REDIS_URL` set, python-socketio's `AsyncRedisManager` takes the
place of the channel's in-process manager: every emit, to a socket id or to a room (with
session persistence, the visitor's session id, their sender id), is published on Redis,
and each server delivers it to the sockets it holds. Unset, nothing changes.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from redis.exceptions import RedisError
from sanic import Blueprint
from socketio import AsyncRedisManager, AsyncServer

from bot.settings import BotSettings, load_bot_settings

logger = logging.getLogger(__name__)


def redis_manager(settings: BotSettings) -> AsyncRedisManager | None:
    """The Redis client manager the settings ask for, or None to keep sockets local.

    Args:
        settings: The Rasa server's settings.

    Returns:
        A manager on `SOCKETIO_REDIS_URL` and `SOCKETIO_REDIS_CHANNEL`, or None when no
        URL is set.
    """
    if not settings.socketio_redis_url:
        return None
    return AsyncRedisManager(settings.socketio_redis_url, channel=settings.socketio_redis_channel)


def share_sockets(
    sio: AsyncServer, blueprint: Blueprint, settings: BotSettings | None = None
) -> None:
    """Puts `sio`'s sockets on Redis when configured; call it before the server starts.

    The manager starts listening when the server starts rather than on the first
    visitor's connection, so that no message published before then is missed.

    Args:
        sio: The channel's socket.io server, with no socket connected yet.
        blueprint: The channel's blueprint, to start the listener with the server.
        settings: The settings; read from the environment when not given.
    """
    manager = redis_manager(settings or load_bot_settings())
    if manager is None:
        return
    sio.manager = manager
    manager.set_server(sio)
    where = urlsplit(manager.redis_url).hostname or "localhost"

    async def listen(_app: object, _loop: object) -> None:
        if not sio.manager_initialized:
            sio.manager_initialized = True
            manager.initialize()
        try:
            await manager.redis.ping()
        except (RedisError, OSError) as error:
            logger.error("socket.io: Redis at %s unreachable (%s); retrying", where, error)
            return
        logger.info("socket.io: sockets shared through Redis at %s", where)

    blueprint.listener("after_server_start")(listen)
