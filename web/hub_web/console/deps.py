"""What every console route uses: the signed-in user, the CSRF field, upstreams, rendering."""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.responses import Response

from hub_web.events import ConsoleStore
from hub_web.security import csrf_token, require_staff, signed_in_user
from hub_web.staff_labels import assignee_label, channel_label
from hub_web.upstream import CatalogueClient, RasaClient

logger = logging.getLogger(__name__)

#: The signed-in staff user's name; without a session the request never reaches the route.
StaffUser = Annotated[str, Depends(require_staff)]
#: The ``csrf_token`` field every console form posts.
CsrfField = Annotated[str, Form(alias="csrf_token")]


def catalogue(request: Request) -> CatalogueClient:
    """The catalogue API's client."""
    return request.app.state.catalogue


def rasa(request: Request) -> RasaClient:
    """The Rasa server's client."""
    return request.app.state.rasa


def console_store(request: Request) -> ConsoleStore:
    """The console's own tables (conversations, from Rasa's event stream)."""
    return request.app.state.console_store


async def fresh_console_store(request: Request) -> ConsoleStore:
    """The console's tables, after applying the events the broker already has.

    With the SQL broker this reads the new rows now, so a page shows what Rasa has written
    before the request (a staff member's own hand-back, a visitor's handoff); a failure only
    leaves the tables as the background consumer last wrote them.
    """
    consumer = request.app.state.event_consumer
    if consumer is not None:
        try:
            await consumer.catch_up()
        except Exception:
            logger.exception("could not apply Rasa's latest events")
    return console_store(request)


#: Hex digits of a conversation's handle (64 bits: unique among the waiting conversations).
HANDLE_HEX_DIGITS = 16
HANDLE_PURPOSE = b"hub console conversation handle"


def conversation_handle(request: Request, conversation_id: str) -> str:
    """The name of a conversation in the console's pages and URLs: a keyed hash of its id.

    The key is derived from the console's ``SESSION_SECRET``: the handle of a conversation
    stays the same across restarts, and the id cannot be read back from it.
    """
    return handle_of(request.app.state.settings.session_secret, conversation_id)


def handle_of(session_secret: str | None, conversation_id: str) -> str:
    """:func:`conversation_handle` from the console's ``SESSION_SECRET`` (no request needed)."""
    secret = (session_secret or "").encode("utf-8")
    key = hmac.new(secret, HANDLE_PURPOSE, hashlib.sha256).digest()
    digest = hmac.new(key, conversation_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:HANDLE_HEX_DIGITS]


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """Render a console template with the signed-in user and the session's CSRF token."""
    base = {
        "staff_user": signed_in_user(request),
        "csrf_token": csrf_token(request),
        "assignee_label": assignee_label,
        "channel_label": channel_label,
        "conversation_handle": lambda conversation_id: conversation_handle(
            request, conversation_id
        ),
    }
    return request.app.state.templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )
