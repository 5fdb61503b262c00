"""The client of the Rasa server's HTTP API, signed with a short-lived JWT in a header."""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import quote

import httpx
import jwt

from hub_web.upstream.errors import UpstreamError
from hub_web.upstream.transport import send

logger = logging.getLogger(__name__)

#: The response that tells the visitor the bot is back (``domain.yml``).
BACK_RESPONSE = "utter_handoff_ended"
RESUME_EVENTS = [{"event": "resume"}, {"event": "action", "name": "action_listen"}]
#: Lifetime of the token of one call to Rasa's HTTP API.
RASA_JWT_TTL_SECONDS = 60
#: Who the console is in its tokens; ``admin`` may call every endpoint (``rasa/server.py``).
RASA_JWT_USER = {"username": "hub-console", "role": "admin"}


def rasa_jwt(secret: str, now: float | None = None) -> str:
    """A short-lived token for Rasa's HTTP API, signed with its ``--jwt-secret`` (HS256).

    Args:
        secret: The shared secret.
        now: The current Unix time (for tests).

    Returns:
        The encoded JWT: the console as an ``admin`` user, expiring in a minute.
    """
    expires = int(time.time() if now is None else now) + RASA_JWT_TTL_SECONDS
    return jwt.encode({"user": RASA_JWT_USER, "exp": expires}, secret, algorithm="HS256")


class RasaClient:
    """Client of the Rasa server's HTTP API (``--enable-api --jwt-secret``)."""

    service = "rasa"

    def __init__(self, http: httpx.AsyncClient, base_url: str, jwt_secret: str | None) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._jwt_secret = jwt_secret

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if not self._jwt_secret:
            raise UpstreamError(self.service, None, "RASA_JWT_SECRET is not set")
        headers = {"Authorization": f"Bearer {rasa_jwt(self._jwt_secret)}"}
        url = f"{self._base_url}{path}"
        return await send(self._http, self.service, method, url, headers=headers, **kwargs)

    @staticmethod
    def _conversation_path(conversation_id: str) -> str:
        return f"/conversations/{quote(conversation_id, safe='')}/tracker"

    async def get_tracker(self, conversation_id: str) -> dict[str, Any]:
        """Fetch a conversation's tracker with all its events."""
        response = await self._request(
            "GET", self._conversation_path(conversation_id), params={"include_events": "ALL"}
        )
        return response.json()

    async def append_events(self, conversation_id: str, events: list[dict[str, Any]]) -> None:
        """Append events and deliver their bot messages to the conversation's latest channel.

        Args:
            conversation_id: The Rasa sender id.
            events: Serialised Rasa events (``{"event": "bot", ...}``, ``{"event": "resume"}``).
        """
        await self._request(
            "POST",
            f"{self._conversation_path(conversation_id)}/events",
            params={"output_channel": "latest", "execute_side_effects": "true"},
            json=events,
        )

    async def erase_conversation(self, conversation_id: str) -> None:
        """Replace a conversation's events with none: the tracker store deletes them.

        Rasa's ``PUT .../tracker/events``; ``bot/tracker_store.py`` makes the SQL tracker
        store delete the stored events. Erasing an erased (or unknown) conversation is fine.
        """
        await self._request("PUT", f"{self._conversation_path(conversation_id)}/events", json=[])

    async def send_staff_reply(self, conversation_id: str, text: str, staff_user: str) -> None:
        """Say ``text`` into a live (possibly paused) conversation as a member of staff.

        The bot event carries a ``staff_reply`` custom payload as well, wrapped in ``data`` as
        Rasa's socket.io output channel requires, so the widget can label the message.
        """
        marker = {"type": "staff_reply", "text": text}
        event = {
            "event": "bot",
            "text": text,
            "data": {"custom": {"data": marker}},
            "metadata": {"from_staff": staff_user},
        }
        await self.append_events(conversation_id, [event])

    async def resume(self, conversation_id: str) -> None:
        """Hand a paused conversation back to the bot.

        First runs :data:`BACK_RESPONSE` into the visitor's chat ("the assistant is back", in
        the conversation's language; the widget learns from it that the wait is over), then
        appends ``ConversationResumed`` and ``action_listen``: while paused Rasa predicts no
        action, so without it the visitor's next message would follow the handoff action
        directly and the dialogue policies would not recognise the state.
        """
        try:
            await self._request(
                "POST",
                f"/conversations/{quote(conversation_id, safe='')}/execute",
                params={"output_channel": "latest"},
                json={"name": BACK_RESPONSE},
            )
        except UpstreamError as error:  # the visitor is not told, but the bot is back
            logger.warning("could not tell the visitor the bot is back: %s", error)
        await self.append_events(conversation_id, RESUME_EVENTS)
