"""Console sign-in and sign-out."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from hub_web.console.deps import CsrfField, StaffUser, render
from hub_web.security import (
    SESSION_ID_KEY,
    SESSION_USER_KEY,
    check_csrf,
    csrf_token,
    safe_next_path,
    signed_in_user,
)

router = APIRouter(prefix="/console")
LOGIN_TEMPLATE = "console/login.html"


def _client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login", name="login_form")
async def login_form(request: Request, next: str | None = None) -> Response:
    """Show the sign-in form (or a notice that sign-in is disabled)."""
    if signed_in_user(request):
        return RedirectResponse(safe_next_path(next), status_code=303)
    return render(
        request,
        LOGIN_TEMPLATE,
        {
            "next_path": safe_next_path(next),
            "error": None,
            "disabled_reason": request.app.state.sign_in_disabled_reason,
        },
    )


@router.post("/login", name="login")
async def login(
    request: Request,
    csrf: CsrfField,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next_path: Annotated[str, Form(alias="next", max_length=2000)] = "",
) -> Response:
    """Check the credentials and start a staff session."""
    check_csrf(request, csrf)
    disabled_reason = request.app.state.sign_in_disabled_reason
    context = {"next_path": safe_next_path(next_path), "disabled_reason": disabled_reason}

    def refuse(error: str, status_code: int, retry_after: float = 0) -> Response:
        response = render(request, LOGIN_TEMPLATE, {**context, "error": error}, status_code)
        if retry_after:
            response.headers["Retry-After"] = str(math.ceil(retry_after))
        return response

    if disabled_reason:
        return refuse(disabled_reason, 503)
    throttle = request.app.state.sign_in_throttle
    client = _client_key(request)
    username = username.strip()
    wait = throttle.retry_after(username, client)
    if wait > 0:
        return refuse("Too many failed attempts. Wait a few minutes.", 429, wait)
    if not request.app.state.staff_directory.verify(username, password):
        throttle.record_failure(username, client)
        return refuse("Wrong user name or password.", 401)
    throttle.record_success(username, client)
    request.session.clear()
    request.session[SESSION_USER_KEY] = username
    request.session[SESSION_ID_KEY] = request.app.state.staff_sessions.start(username)
    csrf_token(request)
    return RedirectResponse(safe_next_path(next_path), status_code=303)


@router.post("/logout", name="logout")
async def logout(request: Request, csrf: CsrfField) -> Response:
    """End the staff session, on the server too: a copy of the cookie no longer signs in."""
    check_csrf(request, csrf)
    request.app.state.staff_sessions.end(request.session.get(SESSION_ID_KEY))
    request.session.clear()
    return RedirectResponse(request.url_for("login_form"), status_code=303)


@router.get("", include_in_schema=False)
@router.get("/", name="console_home")
async def console_home(request: Request, user: StaffUser) -> Response:
    """Send staff to the lead list."""
    return RedirectResponse(request.url_for("lead_list"), status_code=303)
