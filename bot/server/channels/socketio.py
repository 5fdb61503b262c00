"""`GuardedSocketIOInput`: Rasa's socket.io channel, every message behind `MessageGuard`.

Registered in `credentials.yml` as `bot.server.channels.socketio.GuardedSocketIOInput`; its name is
still `socketio` and its path the configured `socketio_path`, so the website's widget
connects as before, and staff replies (`output_channel=latest`) still find it.
With `SOCKETIO_REDIS_URL` set, several Rasa servers share their sockets through Redis
(`shared_sockets`), so a staff reply sent through any of them reaches the visitor.
Visitors connect over WebSocket, or long-poll where that fails (`sanic_websocket`).

Session ids are issued by the server (`sessions`): a `session_request` continues a session
only when it presents an id this deployment issued, and a socket's messages count only
for the session it was confirmed on.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.server.channels.guard import MessageGuard
from bot.server.channels.message_ids import with_message_ids
from bot.server.channels.sanic_websocket import use_sanic_websockets
from bot.server.channels.sessions import is_issued, issue_session_id, session_key, short_id
from bot.server.channels.shared_sockets import share_sockets
from bot.server.channels.validation import (
    InvalidRequest,
    checked_session_request,
    checked_socketio_message,
)
from bot.settings import BotSettings, load_bot_settings

logger = logging.getLogger(__name__)

DEFAULT_NAMESPACE = "/"
SESSION_REQUEST_EVENT = "session_request"
DISCONNECT_EVENT = "disconnect"


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel behind the event checks and `MessageGuard`.

    An event that is not an object with a string `message` (and, when sessions persist,
    the `session_id` its socket was confirmed on) is dropped and logged: there is no
    response to carry an error. The session id is the sender, as in Rasa's channel.
    """

    def blueprint(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        settings: BotSettings | None = None,
    ) -> Blueprint:
        """Rasa's socket.io blueprint, its event handlers behind the checks.

        Answers name the bot event they come from (`message_ids`), so visitors can rate them.

        Args:
            on_new_message: Rasa's handler of a visitor's message.
            settings: The channels' settings; read from the environment when not given.
        """
        settings = settings or load_bot_settings()
        guard = MessageGuard(on_new_message)
        blueprint = super().blueprint(with_message_ids(guard))
        guard.attach(blueprint)
        sio = self.sio
        if sio is None:  # pragma: no cover - Rasa's blueprint() always sets it
            return blueprint
        use_sanic_websockets(sio, settings.websocket_origins())
        share_sockets(sio, blueprint, settings)
        key = session_key(settings)
        #: The session each connected socket of this process was confirmed on.
        confirmed: dict[str, str] = {}
        handlers = sio.handlers[self.namespace or DEFAULT_NAMESPACE]
        rasa_message_handler = handlers[self.user_message_evt]
        rasa_session_handler = handlers[SESSION_REQUEST_EVENT]
        rasa_disconnect_handler = handlers[DISCONNECT_EVENT]

        async def handle_message(sid: str, *args: Any) -> None:
            try:
                data = checked_socketio_message(
                    args[0] if args else None,
                    metadata_key=self.metadata_key or "metadata",
                    session_persistence=self.session_persistence,
                )
            except InvalidRequest as error:
                logger.warning("socket.io message from %s dropped: %s", sid, error)
                return
            if self.session_persistence and data["session_id"] != confirmed.get(sid):
                logger.warning(
                    "socket.io message from %s dropped: not for the session it was confirmed on",
                    sid,
                )
                return
            await rasa_message_handler(sid, data)

        async def session_request(sid: str, *args: Any) -> None:
            requested = checked_session_request(args[0] if args else None)["session_id"]
            session_id = requested if is_issued(requested, key) else issue_session_id(key)
            if requested is not None and requested != session_id:
                logger.info(
                    "socket.io: %s asked for a session not issued here (%s): a new one given",
                    sid,
                    short_id(requested),
                )
            previous = confirmed.get(sid)
            if previous is not None and previous != session_id:
                await _leave_room(sio, sid, previous, self.namespace)
            confirmed[sid] = session_id
            await rasa_session_handler(sid, {"session_id": session_id})

        async def disconnect(sid: str, *args: Any) -> None:
            confirmed.pop(sid, None)
            await rasa_disconnect_handler(sid, *args)

        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        sio.on(SESSION_REQUEST_EVENT, namespace=self.namespace)(session_request)
        sio.on(DISCONNECT_EVENT, namespace=self.namespace)(disconnect)
        return blueprint


async def _leave_room(sio: Any, sid: str, room: str, namespace: str | None) -> None:
    """Takes a socket out of the room of a session it no longer speaks for."""
    left = sio.leave_room(sid, room, namespace=namespace)
    if isinstance(left, Awaitable):
        await left
