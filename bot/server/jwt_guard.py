"""Rasa's HTTP API refuses every bad JWT with a 401, before sanic-jwt reads it.

Rasa 3.6 checks tokens with sanic-jwt (`rasa/server.py`, `requires_auth`), which lets some
errors through: a token signed with another algorithm than `--jwt-method` (`alg: none`,
HS512) raises PyJWT's `InvalidAlgorithmError`, which nothing catches (a 500 and a traceback
in the log), and a token without `exp` is accepted for ever.

`install` wraps `rasa.server.create_app` (which `rasa.core.run` calls when the stack starts
Rasa through `bot.server.serve`): the app it makes gets a request middleware that, on every request
carrying an `Authorization` header, decodes the token with PyJWT, restricted to the configured
algorithm and key, and requires `exp`, no more than :data:`MAX_LIFETIME_SECONDS` ahead. A
header that fails gets Rasa's own 401 answer (`NotAuthenticated`); the log gets one line
with the reason, not the token or the path. Requests without the header are left to Rasa
(its routes that need authentication refuse them, the channels' webhooks do not need it).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

import jwt
import rasa.server
from rasa.server import ErrorResponse
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

logger = logging.getLogger(__name__)

#: The scheme sanic-jwt reads (its `authorization_header_prefix`).
SCHEME = "Bearer"
#: Longest a token may still be valid: the stack's and the website's tokens live a minute.
MAX_LIFETIME_SECONDS = 3600
#: Clock difference tolerated on `exp`, `nbf` and `iat`.
LEEWAY_SECONDS = 5

_installed_marker = "_hub_jwt_guard"


def refusal_reason(header: str, key: str, algorithm: str, now: float | None = None) -> str | None:
    """Why an `Authorization` header is refused, or `None` when its token is acceptable.

    Args:
        header: The header's value.
        key: Rasa's `--jwt-secret` (or the public key for an asymmetric method).
        algorithm: Rasa's `--jwt-method`, the only algorithm accepted.
        now: The current time (default: the clock).

    Returns:
        A short reason for the log (never the token), or `None`.
    """
    scheme, _, token = header.partition(" ")
    if scheme != SCHEME or not token or " " in token:
        return "not a Bearer token"
    current = time.time() if now is None else now
    try:
        payload = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            options={
                "require": ["exp"],
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
            },
        )
    except jwt.InvalidAlgorithmError:
        return "algorithm not allowed"
    except jwt.MissingRequiredClaimError:
        return "no exp claim"
    except jwt.PyJWTError as error:
        return type(error).__name__
    except Exception as error:  # a key or token PyJWT could not even parse
        return type(error).__name__
    expires = payload["exp"]
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        return "exp is not a number"
    if expires <= current - LEEWAY_SECONDS:
        return "expired"
    if expires > current + MAX_LIFETIME_SECONDS + LEEWAY_SECONDS:
        return "exp too far ahead"
    not_before = payload.get("nbf")
    if isinstance(not_before, int | float) and not_before > current + LEEWAY_SECONDS:
        return "not valid yet"
    return None


def unauthenticated() -> HTTPResponse:
    """Rasa's own answer to a request that is not authenticated (401, JSON)."""
    error = ErrorResponse(401, "NotAuthenticated", "User is not authenticated.")
    return json(error.error_info, status=401)


def guard(
    key: str, algorithm: str
) -> Callable[[Request], Coroutine[Any, Any, HTTPResponse | None]]:
    """The request middleware that checks the `Authorization` header, if any.

    Args:
        key: Rasa's `--jwt-secret`.
        algorithm: Rasa's `--jwt-method`.

    Returns:
        The middleware: a 401 for a bad token, `None` (carry on) otherwise.
    """

    async def check_jwt(request: Request) -> HTTPResponse | None:
        header = request.headers.get("authorization")
        if header is None:
            return None
        reason = refusal_reason(header, key, algorithm)
        if reason is None:
            return None
        # The path may hold a sender id and the header a token: neither is logged.
        logger.info("refused a request to Rasa's HTTP API: bad JWT (%s)", reason)
        return unauthenticated()

    return check_jwt


def protect(app: Sanic, key: str | None, algorithm: str | None) -> Sanic:
    """Add the guard to a Rasa app configured with a JWT key; any other app is left as it is.

    Args:
        app: The app `rasa.server.create_app` made.
        key: Its `jwt_secret`.
        algorithm: Its `jwt_method`.

    Returns:
        The same app.
    """
    if key and algorithm:
        app.register_middleware(guard(key, algorithm), "request")
    return app


def install() -> None:
    """Make every app of `rasa.server.create_app` refuse bad JWTs (once per process)."""
    original = rasa.server.create_app
    if getattr(original, _installed_marker, False):
        return

    @functools.wraps(original)
    def create_app(*args: Any, **kwargs: Any) -> Sanic:
        app = original(*args, **kwargs)
        return protect(app, kwargs.get("jwt_secret"), kwargs.get("jwt_method", "HS256"))

    setattr(create_app, _installed_marker, True)
    rasa.server.create_app = create_app
