"""The web application: public chat pages, the staff console and locally served assets."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from hub_web.auth import SignInThrottle, StaffDirectory, parse_staff_users
from hub_web.console import router as console_router
from hub_web.content import HTML_LANG, LANGUAGE_NAMES, LANGUAGES, PAGE_PATHS, PAGES
from hub_web.leads import format_when
from hub_web.security import NotSignedInError
from hub_web.settings import Settings, load_settings
from hub_web.upstream import CatalogueClient, RasaClient

logger = logging.getLogger("hub_web")

PACKAGE_DIR = Path(__file__).resolve().parent
#: Browser assets from ``npm ci``, by the name they are served under ``/static/vendor/``.
VENDOR_FILES = {
    "socket.io.min.js": "socket.io-client/dist/socket.io.min.js",
    "socket.io.min.js.map": "socket.io-client/dist/socket.io.min.js.map",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "chart.umd.min.js.map": "chart.js/dist/chart.umd.min.js.map",
}
SESSION_COOKIE = "hub_console"
SESSION_MAX_AGE_SECONDS = 8 * 60 * 60
INIT_PAYLOAD = "/greet"
UPSTREAM_TIMEOUT_SECONDS = 10.0


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
    settings = settings or load_settings()
    staff_directory = (
        StaffDirectory(parse_staff_users(settings.staff_users)) if settings.staff_users else None
    )

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
        async with httpx.AsyncClient(timeout=UPSTREAM_TIMEOUT_SECONDS) as http:
            app.state.catalogue = CatalogueClient(
                http, settings.catalogue_api_url, settings.catalogue_api_key
            )
            app.state.rasa = RasaClient(http, settings.rasa_url, settings.rasa_token)
            yield

    app = FastAPI(
        title="Hub website and staff console",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.staff_directory = staff_directory
    app.state.sign_in_disabled_reason = sign_in_disabled_reason(settings)
    app.state.sign_in_throttle = SignInThrottle()
    templates = Jinja2Templates(directory=PACKAGE_DIR / "templates")
    templates.env.filters["when"] = format_when
    app.state.templates = templates
    content_security_policy = _content_security_policy(settings)

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
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path.startswith("/console"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(NotSignedInError)
    async def not_signed_in(request: Request, error: NotSignedInError) -> Response:
        if error.is_api:
            return JSONResponse({"detail": "Sign-in required."}, status_code=401)
        return RedirectResponse(
            request.url_for("login_form").include_query_params(next=error.next_path),
            status_code=303,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/console/api/") or "text/html" not in request.headers.get(
            "accept", ""
        ):
            return JSONResponse(
                {"detail": error.detail},
                status_code=error.status_code,
                headers=getattr(error, "headers", None),
            )
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status_code": error.status_code, "detail": error.detail},
            status_code=error.status_code,
        )

    @app.get("/static/vendor/{name}", include_in_schema=False)
    async def vendor_asset(name: str) -> FileResponse:
        relative = VENDOR_FILES.get(name)
        path = settings.node_modules_dir / relative if relative else None
        if path is None or not path.is_file():
            raise StarletteHTTPException(status_code=404, detail="Not found")
        return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})

    app.mount("/static", StaticFiles(directory=PACKAGE_DIR / "static"), name="static")

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    def render_public_page(request: Request, language: str) -> Response:
        page = PAGES[language]
        widget_config = {
            "rasaUrl": settings.rasa_public_url,
            "language": language,
            "initPayload": INIT_PAYLOAD,
            "text": page.widget,
        }
        return templates.TemplateResponse(
            request,
            "public/page.html",
            {
                "language": language,
                "html_lang": HTML_LANG[language],
                "page": page,
                "languages": [(code, LANGUAGE_NAMES[code], PAGE_PATHS[code]) for code in LANGUAGES],
                "widget_config": widget_config,
            },
        )

    @app.get("/", name="page_en")
    async def page_en(request: Request) -> Response:
        return render_public_page(request, "en")

    @app.get("/zh/", name="page_zh")
    async def page_zh(request: Request) -> Response:
        return render_public_page(request, "zh")

    @app.get("/ru/", name="page_ru")
    async def page_ru(request: Request) -> Response:
        return render_public_page(request, "ru")

    @app.get("/zh", include_in_schema=False)
    @app.get("/ru", include_in_schema=False)
    async def add_trailing_slash(request: Request) -> RedirectResponse:
        return RedirectResponse(f"{request.url.path}/", status_code=308)

    app.include_router(console_router)
    return app
