"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from catalogue_api.deps import SessionDep
from catalogue_api.schemas import ErrorOut

router = APIRouter(tags=["health"])


@router.get("/health", responses={503: {"model": ErrorOut}})
def health(session: SessionDep) -> dict[str, str]:
    """Answer ``{"status": "ok"}`` when the service and its database respond.

    A database that does not answer gives 503 (through the database error handler).
    """
    session.execute(text("SELECT 1"))
    return {"status": "ok"}
