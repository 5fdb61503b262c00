"""`GuardedSocketIOInput`: Rasa's socket.io channel, every message behind `MessageGuard`.

Registered in `credentials.yml` as `bot.channels.socketio.GuardedSocketIOInput`; its name is
still `socketio` and its path the configured `socketio_path`, so the website's widget
connects as before, and staff replies (`output_channel=latest`) still find it.
With `SOCKETIO_REDIS_URL` set, several Rasa servers share their sockets through Redis
(`shared_sockets`), so a staff reply sent through any of them reaches the visitor.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.channels.guard import MessageGuard
from bot.channels.message_ids import with_message_ids
from bot.channels.shared_sockets import share_sockets
from bot.channels.validation import (
    InvalidRequest,
    checked_session_request,
    checked_socketio_message,
)

logger = logging.getLogger(__name__)

DEFAULT_NAMESPACE = "/"
SESSION_REQUEST_EVENT = "session_request"


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel behind the event checks and `MessageGuard`.

    An event that is not an object with a string `message` (and a `session_id` when
    sessions persist) is dropped and logged: there is no response to carry an error.
    The session id is the sender, as in Rasa's channel.
    """

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's socket.io blueprint, its event handlers behind the checks.

        Answers name the bot event they come from (`message_ids`), so visitors can rate them.
        """
        guard = MessageGuard(on_new_message)
        blueprint = super().blueprint(with_message_ids(guard))
        guard.attach(blueprint)
        sio = self.sio
        if sio is None:  # pragma: no cover - Rasa's blueprint() always sets it
            return blueprint
        share_sockets(sio, blueprint)
        handlers = sio.handlers[self.namespace or DEFAULT_NAMESPACE]
        rasa_message_handler = handlers[self.user_message_evt]
        rasa_session_handler = handlers[SESSION_REQUEST_EVENT]

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
            await rasa_message_handler(sid, data)

        async def session_request(sid: str, *args: Any) -> None:
            await rasa_session_handler(sid, checked_session_request(args[0] if args else None))

        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        sio.on(SESSION_REQUEST_EVENT, namespace=self.namespace)(session_request)
        return blueprint
