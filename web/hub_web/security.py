"""Console session helpers: who is signed in, CSRF tokens, and the sign-in requirement."""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

SESSION_USER_KEY = "staff_user"
SESSION_CSRF_KEY = "csrf_token"
#: The server-side session's id (:mod:`hub_web.staff_sessions`); sign-out deletes it there.
SESSION_ID_KEY = "staff_session"
#: Where :func:`signed_in_user` keeps its answer for the rest of the request.
_SCOPE_USER = "hub_web.staff_user"


class NotSignedInError(Exception):
    """Raised by :func:`require_staff` when the request carries no staff session.

    Attributes:
        is_api: True for the console's JSON API (answered 401), False for pages (redirect).
        next_path: Where to return after signing in.
    """

    def __init__(self, is_api: bool, next_path: str) -> None:
        super().__init__("sign-in required")
        self.is_api = is_api
        self.next_path = next_path


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, creating one if needed."""
    token = request.session.get(SESSION_CSRF_KEY)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF_KEY] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse a state-changing request whose CSRF token does not match the session's.

    Args:
        request: The incoming request.
        submitted: The token from the form's ``csrf_token`` field.

    Raises:
        HTTPException: 403 when the token is missing or wrong.
    """
    expected = request.session.get(SESSION_CSRF_KEY)
    if not (
        isinstance(expected, str)
        and submitted
        and hmac.compare_digest(expected.encode(), submitted.encode())
    ):
        raise HTTPException(status_code=403, detail="The form has expired. Reload and try again.")


def signed_in_user(request: Request) -> str | None:
    """Return the signed-in staff user name, or ``None``.

    The cookie must name a staff member and a live server-side session of theirs: a cookie
    copied before its owner signed out is refused (and its sign-in forgotten).
    """
    if _SCOPE_USER in request.scope:
        return request.scope[_SCOPE_USER]
    user = request.session.get(SESSION_USER_KEY)
    directory = request.app.state.staff_directory
    sessions = getattr(request.app.state, "staff_sessions", None)
    if not (
        isinstance(user, str)
        and directory is not None
        and user in directory.password_hashes
        and sessions is not None
        and sessions.user_of(request.session.get(SESSION_ID_KEY)) == user
    ):
        user = None
        if SESSION_USER_KEY in request.session:
            request.session.pop(SESSION_USER_KEY, None)
            request.session.pop(SESSION_ID_KEY, None)
    request.scope[_SCOPE_USER] = user
    return user


def require_staff(request: Request) -> str:
    """FastAPI dependency: the signed-in staff user name.

    Raises:
        NotSignedInError: When nobody is signed in (turned into 401 or a redirect).
    """
    user = signed_in_user(request)
    if user is None:
        is_api = request.url.path.startswith("/console/api/")
        next_path = ""
        if request.method == "GET":
            next_path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise NotSignedInError(is_api=is_api, next_path=next_path)
    return user


def safe_next_path(candidate: str | None) -> str:
    """Return ``candidate`` if it is a console path on this site, else the console's start."""
    if (
        candidate
        and candidate.startswith("/console/")
        and not candidate.startswith("//")
        and "\\" not in candidate
        and not candidate.startswith("/console/login")
    ):
        return candidate
    return "/console/leads"
