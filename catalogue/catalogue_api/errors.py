"""Error answers: every error is JSON ``{"detail": "..."}``, and no stack trace reaches a client.

:func:`error_responses` documents them in the OpenAPI schema, with one model, ``ErrorOut``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, InterfaceError, OperationalError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from catalogue_api.schemas import ErrorOut

logger = logging.getLogger("catalogue_api")

#: Why an error status is answered, as the OpenAPI schema describes it.
ERROR_REASONS: dict[int, str] = {
    400: "The body could not be read (not UTF-8, or a bad Content-Length header)",
    401: "Missing or wrong X-API-Key header",
    404: "Not found",
    409: "The status change is not allowed from the lead's current status",
    413: "The body is larger than the service accepts",
    422: "A parameter or the body was refused; `errors` says which and why",
    503: "The database is unavailable, or the catalogue is not seeded yet",
}


def error_responses(*statuses: int, **reasons: str) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` argument of a route that may answer these error statuses.

    Args:
        *statuses: HTTP status codes, each answered with an ``ErrorOut`` body.
        **reasons: Descriptions that replace :data:`ERROR_REASONS`, keyed ``"s404"`` etc.

    Returns:
        A mapping for FastAPI's ``responses=`` (it also replaces FastAPI's default 422 schema).
    """
    return {
        status: {"model": ErrorOut, "description": reasons.get(f"s{status}", ERROR_REASONS[status])}
        for status in statuses
    }


_LOCATION_NAMES = {"query": "query parameter", "path": "path parameter", "header": "header"}
_SHOWN_INPUT_LOCATIONS = {"query", "path"}


def _location(loc: Sequence[Any]) -> str:
    if not loc:
        return "request"
    head, rest = str(loc[0]), list(loc[1:])
    if head == "body":
        path = ""
        for part in rest:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        return f"body field {path!r}" if path else "body"
    kind = _LOCATION_NAMES.get(head, head)
    name = ".".join(str(part) for part in rest)
    return f"{kind} {name!r}" if name else kind


def _message(error: dict[str, Any]) -> str:
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    msg = str(error.get("msg", "invalid value"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        return f"body: invalid JSON ({reason})" if reason else "body: invalid JSON"
    if loc == ("body",) and kind == "missing":
        return "body: a JSON object is required"
    if loc == ("body",) and kind in {"model_attributes_type", "dict_type", "model_type"}:
        return "body: expected a JSON object sent with Content-Type: application/json"
    if kind == "extra_forbidden":
        return f"{_location(loc)}: unknown field"
    text = f"{_location(loc)}: {msg}"
    if loc and loc[0] in _SHOWN_INPUT_LOCATIONS and isinstance(error.get("input"), str):
        text += f" (got {error['input'][:80]!r})"
    return text


def validation_detail(errors: Sequence[dict[str, Any]]) -> str:
    """Join validation errors into one readable sentence.

    Args:
        errors: Pydantic/FastAPI error dicts.

    Returns:
        E.g. ``"query parameter 'sector': Input should be 'infrastructure', ... (got 'x')"``.
    """
    messages = list(dict.fromkeys(_message(error) for error in errors))
    return "; ".join(messages) or "invalid request"


#: Methods an ``Allow`` header may name.
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _allowed_methods(request: Request) -> str:
    """The methods some route serves on the request's path (Starlette names one route's only)."""
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes
        )
    )


class FieldsRefusedError(Exception):
    """A body the schema allows but the data refuses (e.g. project ids the catalogue lacks).

    Answered like a validation error: 422, ``detail`` and one ``errors`` entry per field.

    Args:
        detail: The sentence of ``detail``.
        errors: ``(loc, msg)`` of each refused field, ``loc`` as in :class:`FieldError`.
    """

    def __init__(self, detail: str, errors: Sequence[tuple[Sequence[str | int], str]]) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = [{"loc": [str(part) for part in loc], "msg": msg} for loc, msg in errors]


async def _fields_refused(_request: Request, exc: FieldsRefusedError) -> JSONResponse:
    return JSONResponse({"detail": exc.detail, "errors": exc.errors}, status_code=422)


async def _http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    return JSONResponse(
        {
            "detail": validation_detail(errors),
            "errors": [
                {"loc": [str(part) for part in e.get("loc", ())], "msg": _message(e)}
                for e in errors
            ],
        },
        status_code=422,
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, DataError):
        logger.warning("database rejected a value on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "a value was rejected by the database"}, status_code=422)
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", type(exc).__name__)
    else:
        logger.exception("database error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "database unavailable, try again later"}, status_code=503)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal server error"}, status_code=500)


def install_exception_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``.

    Args:
        app: The application.
    """
    app.add_exception_handler(StarletteHTTPException, _http_exception)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(FieldsRefusedError, _fields_refused)  # type: ignore[arg-type]
    app.add_exception_handler(SQLAlchemyError, _database_error)
    app.add_exception_handler(Exception, _unexpected)
