"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from catalogue_api.deps import SessionDep
from catalogue_api.errors import error_responses

router = APIRouter(tags=["health"])


@router.get("/health", responses=error_responses(503, s503="The database is unavailable"))
def health(session: SessionDep) -> dict[str, str]:
    """Answer ``{"status": "ok"}`` when the service and its database respond.

    A database that does not answer gives 503 (through the database error handler).
    """
    session.execute(text("SELECT 1"))
    return {"status": "ok"}
