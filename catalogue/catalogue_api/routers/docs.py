"""Interactive API docs served with local Swagger UI assets (no CDN is reachable)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

#: URL prefix of the Swagger UI files taken from the ``swagger-ui-bundle`` package.
SWAGGER_STATIC_PATH = "/static/swagger-ui"
#: The only files served: what the docs page loads (not the package's demo index.html).
SWAGGER_FILES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}

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


@router.get(SWAGGER_STATIC_PATH + "/{name}")
def swagger_asset(name: str) -> FileResponse:
    """Serve one of the Swagger UI files the docs page needs (404 for anything else)."""
    media_type = SWAGGER_FILES.get(name)
    if media_type is None:
        raise HTTPException(status_code=404, detail="Not Found")
    return FileResponse(
        str(swagger_ui_path / name),
        media_type=media_type,
        headers={"Cache-Control": "public, max-age=86400"},
    )
