"""Liveness and readiness: the service answers, and its database can be queried."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from catalogue_api.deps import SessionDep
from catalogue_api.errors import error_responses
from catalogue_api.migrate import VERSION_TABLE

router = APIRouter(tags=["health"])
logger = logging.getLogger("catalogue_api")


@router.get(
    "/health",
    responses=error_responses(
        503, s503="The database cannot be queried (unreachable, not a database, or no schema)"
    ),
)
def health(session: SessionDep) -> dict[str, str]:
    """Answer ``{"status": "ok"}`` when the service and its database respond.

    The check reads the schema's version table: ``SELECT 1`` alone succeeds even on a SQLite
    file that is not a database. Any database error gives 503 with a JSON ``detail``.
    """
    try:
        session.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    except SQLAlchemyError as exc:
        session.rollback()
        logger.error("health: database cannot be queried: %s", type(exc).__name__)
        raise HTTPException(
            status_code=503, detail="database unavailable, try again later"
        ) from None
    return {"status": "ok"}
