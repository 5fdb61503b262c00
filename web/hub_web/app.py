"""The web application: public chat pages, the staff console and locally served assets.

:func:`create_app` wires the routers (:mod:`hub_web.public`, :mod:`hub_web.console`), the
session and security middleware, and the error handlers together. Its lifespan opens the
console's own tables and runs the consumer of Rasa's event stream (:mod:`hub_web.events`)
as a background task.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from hub_web import chat_status, console, privacy, public, public_sources
from hub_web.auth import StaffDirectory, parse_staff_users
from hub_web.chat_feedback import router as feedback_router
from hub_web.compression import BROTLI_QUALITY, CompressionMiddleware
from hub_web.events import ConsoleStore, make_consumer, running
from hub_web.security import NotSignedInError
from hub_web.settings import Settings, get_settings
from hub_web.sign_in_throttle import SignInThrottle
from hub_web.staff_alerts import service as staff_alerts
from hub_web.staff_labels import field_label, format_when
from hub_web.staff_sessions import StaffSessions
from hub_web.upstream import UpstreamError, upstream_clients

logger = logging.getLogger("hub_web")

PACKAGE_DIR = Path(__file__).resolve().parent
#: Browser assets from ``npm ci``, by the name they are served under ``/static/vendor/``.
VENDOR_FILES = {
    "socket.io.min.js": "socket.io-client/dist/socket.io.min.js",
    "socket.io.min.js.map": "socket.io-client/dist/socket.io.min.js.map",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "chart.umd.min.js.map": "chart.js/dist/chart.umd.min.js.map",
}
#: How long browsers keep the site's own assets before asking again (with their ETag, so an
#: unchanged one costs a 304): their URLs carry no version, so a release shows within this.
STATIC_CACHE_CONTROL = "public, max-age=600"
#: Browser assets from ``npm ci`` change only with web/package-lock.json.
VENDOR_CACHE_CONTROL = "public, max-age=3600"
#: Responses smaller than this are sent as they are (compressing would save next to nothing).
COMPRESS_MINIMUM_BYTES = 500
GZIP_LEVEL = 6
SESSION_COOKIE = "hub_console"
SESSION_MAX_AGE_SECONDS = 8 * 60 * 60


def sign_in_disabled_reason(settings: Settings) -> str | None:
    """Why the console cannot be signed into, or ``None`` when it can."""
    missing = [
        name
        for name, value in (
            ("STAFF_USERS", settings.staff_users),
            ("SESSION_SECRET", settings.session_secret),
        )
        if not value
    ]
    if missing:
        return f"Sign-in is disabled: {' and '.join(missing)} not set on the server."
    return None


def upstream_failure(error: UpstreamError) -> tuple[int, str]:
    """The status and message staff see when an upstream service failed or refused.

    A missing lead (404) and a refused change (409, 422) keep their status and the upstream's
    explanation; anything else is the upstream's fault: 502.
    """
    if error.status_code in {404, 409, 422}:
        return error.status_code, error.detail
    return 502, f"The {error.service} service failed: {error.detail}"


def _error_response(
    request: Request, status_code: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    """JSON for the console's API and non-browser clients, else the HTML error page."""
    if request.url.path.startswith("/console/api/") or "text/html" not in request.headers.get(
        "accept", ""
    ):
        return JSONResponse({"detail": detail}, status_code=status_code, headers=headers)
    return request.app.state.templates.TemplateResponse(
        request,
        "error.html",
        {"status_code": status_code, "detail": detail},
        status_code=status_code,
    )


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    return _error_response(
        request, error.status_code, error.detail, getattr(error, "headers", None)
    )


async def _upstream_error(request: Request, error: UpstreamError) -> Response:
    """The one place an upstream failure becomes an answer (see :func:`upstream_failure`)."""
    return _error_response(request, *upstream_failure(error))


async def _not_signed_in(request: Request, error: NotSignedInError) -> Response:
    if error.is_api:
        return JSONResponse({"detail": "Sign-in required."}, status_code=401)
    return RedirectResponse(
        request.url_for("login_form").include_query_params(next=error.next_path),
        status_code=303,
    )


async def _vendor_asset(request: Request, name: str) -> FileResponse:
    relative = VENDOR_FILES.get(name)
    path = request.app.state.settings.node_modules_dir / relative if relative else None
    if path is None or not path.is_file():
        raise StarletteHTTPException(status_code=404, detail="Not found")
    return FileResponse(path, headers={"Cache-Control": VENDOR_CACHE_CONTROL})


class CachedStaticFiles(StaticFiles):
    """The site's static files, with ``Cache-Control`` (see :data:`STATIC_CACHE_CONTROL`)."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        """Starlette's file response (ETag, Last-Modified, 304), with Cache-Control."""
        response = super().file_response(*args, **kwargs)
        response.headers.setdefault("Cache-Control", STATIC_CACHE_CONTROL)
        return response


async def _health() -> dict[str, str]:
    return {"status": "ok"}


def _socket_origins(rasa_url: str) -> str:
    parts = urlsplit(rasa_url)
    websocket_scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {websocket_scheme}://{parts.netloc}"


def _content_security_policy(settings: Settings) -> str:
    return (
        "default-src 'self'; "
        "script-src 'self'; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        f"connect-src 'self' {_socket_origins(settings.rasa_public_url)}; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application.

    Args:
        settings: Configuration; read from the environment when omitted.

    Returns:
        The FastAPI application.

    Raises:
        StaffUsersError: When ``STAFF_USERS`` is set but malformed.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        missing_assets = [
            name
            for name, path in VENDOR_FILES.items()
            if not name.endswith(".map") and not (settings.node_modules_dir / path).is_file()
        ]
        if missing_assets:
            logger.warning(
                "browser assets missing (%s): run `npm ci --prefix web`", ", ".join(missing_assets)
            )
        store = ConsoleStore(settings.console_db_url)
        consumer = make_consumer(settings, store)
        app.state.console_store, app.state.event_consumer = store, consumer
        app.state.staff_sessions = StaffSessions(store.engine, SESSION_MAX_AGE_SECONDS)
        try:
            async with upstream_clients(settings) as (catalogue, rasa), running(consumer):
                app.state.catalogue, app.state.rasa = catalogue, rasa
                async with privacy.running(app), staff_alerts.running(app):
                    yield
        finally:
            store.close()

    app = FastAPI(
        title="Hub website and staff console",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.staff_directory = (
        StaffDirectory(parse_staff_users(settings.staff_users)) if settings.staff_users else None
    )
    app.state.sign_in_disabled_reason = sign_in_disabled_reason(settings)
    app.state.sign_in_throttle = SignInThrottle()
    templates = Jinja2Templates(directory=PACKAGE_DIR / "templates")
    templates.env.filters["when"] = format_when
    templates.env.filters["field_label"] = field_label
    app.state.templates = templates
    content_security_policy = _content_security_policy(settings)

    # Innermost, where a response still has its length: pages, JSON and text assets of at least
    # COMPRESS_MINIMUM_BYTES go out in Brotli or gzip to browsers that accept it (sounds,
    # images and event streams as they are), with `Vary: Accept-Encoding`.
    app.add_middleware(
        CompressionMiddleware,
        minimum_size=COMPRESS_MINIMUM_BYTES,
        compresslevel=GZIP_LEVEL,
        brotli_quality=BROTLI_QUALITY,
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret or secrets.token_urlsafe(32),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE_SECONDS,
        path="/console",
        same_site="strict",
        https_only=settings.secure_cookies,
    )

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path.startswith("/console"):
            response.headers["Cache-Control"] = "no-store"
        return response

    # Starlette types a handler as taking any Exception, not the class it is registered for.
    app.add_exception_handler(NotSignedInError, _not_signed_in)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(UpstreamError, _upstream_error)  # type: ignore[arg-type]

    app.add_api_route("/static/vendor/{name}", _vendor_asset, include_in_schema=False)
    app.mount("/static", CachedStaticFiles(directory=PACKAGE_DIR / "static"), name="static")
    app.add_api_route("/health", _health, include_in_schema=False)
    app.include_router(public.router)
    app.include_router(public_sources.router)
    app.include_router(feedback_router)
    app.include_router(chat_status.router)
    app.include_router(console.router)
    return app
