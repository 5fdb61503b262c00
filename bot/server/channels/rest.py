"""`GuardedRestInput`: Rasa's REST channel that refuses bad bodies and long messages cleanly.

Registered in `credentials.yml` as `bot.server.channels.rest.GuardedRestInput`; its name is still
`rest`, so it serves `/webhooks/rest/webhook` as before.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.server.channels.guard import MessageGuard
from bot.server.channels.validation import InvalidRequest, read_rest_body

WEBHOOK_PATH = "/webhook"


class GuardedRestInput(RestInput):
    """Rasa's REST channel behind the body check and `MessageGuard`.

    A body that is not a JSON object with a string `message` and a `sender` is a 400
    with `{"error": "..."}`, never a 500 or an empty 200.
    """

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST blueprint, behind the body check and the message guard."""
        guard = MessageGuard(on_new_message)
        blueprint = super().blueprint(guard)
        guard.attach(blueprint)

        async def refuse_invalid_body(request: Request) -> HTTPResponse | None:
            # Every spelling Sanic routes to the webhook (`/webhook/` too) is checked.
            if request.method != "POST" or not request.path.rstrip("/").endswith(WEBHOOK_PATH):
                return None
            try:
                read_rest_body(request.body)
            except InvalidRequest as error:
                return response.json({"error": str(error)}, status=400)
            return None

        blueprint.middleware("request")(refuse_invalid_body)
        return blueprint
