"""The action server: rasa-sdk's Sanic app, answering Rasa only, on loopback by default.

The stack starts this module (`python -m actions.server --port 5055`) instead of `rasa run
actions`: the same app (`rasa_sdk.endpoint.create_app`) and plug-ins, with three changes.

- It listens on `ACTION_SERVER_HOST` (127.0.0.1 unless configured), not rasa-sdk's 0.0.0.0.
- Every path but `/health` needs `Authorization: Bearer <ACTION_SERVER_TOKEN>`, which Rasa
  sends (`action_endpoint.headers` in endpoints.yml); anything else gets 401. Without a
  configured token those paths answer 503.
- A call whose body is not an action call (not JSON, not an object, no tracker, ...) gets
  400, and any failure an answer without internal error text (rasa-sdk's own handler
  echoes the exception and the request body).
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import zlib
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app as create_sdk_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.settings import Settings, load_settings

__all__ = ["call_problem", "create_app", "is_authorised", "main", "parse_call", "request_guard"]

logger = logging.getLogger(__name__)

#: Paths anyone may call: the stack's health check.
OPEN_PATHS = frozenset({"/health"})
WEBHOOK = "/webhook"
#: Largest action call accepted after decompression (Rasa's trackers are far smaller).
MAX_CALL_BYTES = 8 * 1024 * 1024
#: Tracker fields and the JSON type each must have when present.
TRACKER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "slots": dict,
    "latest_message": (dict, type(None)),
    "events": list,
    "active_loop": (dict, type(None)),
}

Middleware = Callable[[Request], Awaitable[HTTPResponse | None]]


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def is_authorised(header: str | None, token: str) -> bool:
    """Whether an `Authorization` header carries the bearer token, compared in constant time."""
    scheme, _, value = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not value:
        return False
    return hmac.compare_digest(value.strip().encode("utf-8"), token.encode("utf-8"))


def call_problem(body: bytes, content_encoding: str | None) -> str | None:
    """What makes a request body no action call, or None when it is one.

    Args:
        body: The raw body.
        content_encoding: Its `Content-Encoding` header (Rasa may deflate it).

    Returns:
        A short reason, safe to send back, or None.
    """
    return parse_call(body, content_encoding)[1]


def parse_call(
    body: bytes, content_encoding: str | None
) -> tuple[dict[str, Any] | None, str | None]:
    """The action call a request body holds, or why it holds none (`call_problem`).

    Returns:
        The call (None when the body is deflated, which rasa-sdk inflates itself) and
        None, or None and the reason.
    """
    deflated = content_encoding == "deflate"
    if deflated:
        inflater = zlib.decompressobj()
        try:
            body = inflater.decompress(body, MAX_CALL_BYTES)
        except zlib.error:
            return None, "body is not deflate data"
        if inflater.unconsumed_tail:
            return None, "body too large"
    try:
        call = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None, "body is not JSON"
    if not isinstance(call, dict):
        return None, "body is not a JSON object"
    if not isinstance(call.get("next_action"), str) or not call["next_action"]:
        return None, "next_action must be an action name"
    tracker = call.get("tracker")
    if not isinstance(tracker, dict) or not isinstance(tracker.get("sender_id"), str):
        return None, "tracker must be an object with a sender_id"
    for name, kind in TRACKER_FIELDS.items():
        if name in tracker and not isinstance(tracker[name], kind):
            return None, f"tracker field {name!r} has the wrong type"
    if not all(isinstance(event, dict) for event in tracker.get("events") or []):
        return None, "tracker events must be objects"
    if not isinstance(call.get("domain", {}), dict):
        return None, "domain must be an object"
    return (None if deflated else call), None


def request_guard(token: str | None) -> Middleware:
    """Sanic request middleware: the bearer token on every path but `/health`, then the body.

    Args:
        token: The token Rasa sends; None refuses every guarded path with 503.

    Returns:
        The middleware; it answers 401, 400 or 503 itself, or lets the request through.
    """

    async def guard(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if not token:
            return _error(503, "action server token not configured")
        if not is_authorised(request.headers.get("authorization"), token):
            return response.json(
                {"error": "missing or wrong bearer token"},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        if request.path == WEBHOOK and request.method == "POST":
            if len(request.body) > MAX_CALL_BYTES:
                return _error(413, "body too large")
            call, problem = parse_call(request.body, request.headers.get("content-encoding"))
            if problem is not None:
                return _error(400, problem)
            if call is not None:
                # Parsed once: rasa-sdk's webhook reads `request.json`, which is this.
                request.parsed_json = call  # type: ignore[assignment]
        return None

    return guard


async def answer_failure(request: Request, exception: Exception) -> HTTPResponse:
    """Any failure as a short JSON answer: Sanic's own 4xx by status, others as a bare 500."""
    if isinstance(exception, SanicException) and 400 <= exception.status_code < 500:
        return _error(exception.status_code, "request refused")
    logger.error("Action call failed", exc_info=exception)
    return _error(500, "internal error")


def create_app(settings: Settings) -> Sanic:
    """rasa-sdk's app for the `actions` package, guarded (see the module's docstring)."""
    token = settings.action_server_token
    if not token:
        logger.warning("ACTION_SERVER_TOKEN is not set: every call but /health answers 503")
    app = create_sdk_app("actions", cors_origins=None)
    app.register_middleware(request_guard(token), "request")
    app.error_handler.add(Exception, answer_failure)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    return app


def main(argv: list[str] | None = None) -> None:
    """Command line: `python -m actions.server [--host HOST] [--port PORT]`."""
    settings = load_settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=settings.action_server_host)
    parser.add_argument("--port", type=int, default=settings.action_server_port)
    args = parser.parse_args(argv)
    utils.configure_colored_logging(None)
    utils.update_sanic_log_level()
    app = create_app(settings)
    logger.info("Action server on http://%s:%s", args.host, args.port)
    app.run(args.host, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
