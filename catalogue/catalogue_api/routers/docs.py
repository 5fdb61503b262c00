"""Interactive API docs served with local Swagger UI assets (no CDN is reachable)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

#: Where app.py mounts the files of the swagger-ui-bundle package.
SWAGGER_STATIC_PATH = "/static/swagger-ui"

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI for ``/openapi.json``, loading its JS and CSS from this service."""
    root = request.scope.get("root_path", "").rstrip("/")
    static = f"{root}{SWAGGER_STATIC_PATH}"
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} - docs",
        swagger_js_url=f"{static}/swagger-ui-bundle.js",
        swagger_css_url=f"{static}/swagger-ui.css",
        swagger_favicon_url=f"{static}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )
