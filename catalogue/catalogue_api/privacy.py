"""Visitors' personal data: one person's leads, erasing them, and the retention of leads.

A person is known by one of their leads. The leads sent from the same conversation (the same
``conversation_id``) are that person's too, so they are exported and erased together.

Retention deletes the leads that were never qualified (``hub_vocabulary.LEAD_STATUSES``: every
status but ``qualified``, and no history entry that moved them to it) and that nobody changed
for ``RETENTION_DAYS`` days. Nothing here knows HTTP; the staff routes are in
``routers/privacy.py``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from catalogue_api.codes import LeadStatus
from catalogue_api.models import Lead, LeadHistory, LeadProject, LeadService, utcnow

logger = logging.getLogger("catalogue_api")

#: The status that keeps a lead from the retention, now or at any time of its history.
QUALIFIED = LeadStatus("qualified").value
SECONDS_PER_HOUR = 3600.0


@dataclass(frozen=True)
class Erasure:
    """What erasing a person removed.

    Attributes:
        lead_ids: The erased leads (the one asked for and those of its conversation).
        conversation_id: The conversation they came from, if the lead named one.
    """

    lead_ids: list[int]
    conversation_id: str | None


@dataclass(frozen=True)
class RetentionResult:
    """One run of the retention: the cut-off time and how many leads it deleted."""

    cutoff: datetime
    deleted: int


def person_leads(session: Session, lead_id: int, *, for_update: bool = False) -> list[Lead]:
    """The leads of the person behind ``lead_id``: that lead and every lead of its conversation.

    Args:
        session: An open session (inside a transaction when ``for_update``).
        lead_id: Any lead of the person.
        for_update: Lock the rows (for an erasure).

    Returns:
        The leads, oldest first; empty when ``lead_id`` does not exist.
    """
    lead = session.get(Lead, lead_id, with_for_update=for_update or None)
    if lead is None:
        return []
    if not lead.conversation_id:
        return [lead]
    statement = select(Lead).where(Lead.conversation_id == lead.conversation_id).order_by(Lead.id)
    if for_update:
        statement = statement.with_for_update()
    return list(session.scalars(statement))


def _delete_leads(session: Session, lead_ids: list[int]) -> None:
    """Delete leads with their projects, services and history (explicitly, on every database)."""
    for model in (LeadHistory, LeadProject, LeadService):
        session.execute(delete(model).where(model.lead_id.in_(lead_ids)))
    session.execute(delete(Lead).where(Lead.id.in_(lead_ids)))


def erase_person(session: Session, lead_id: int) -> Erasure | None:
    """Delete the person's leads (see :func:`person_leads`) in one transaction.

    Args:
        session: A session outside a transaction.
        lead_id: Any lead of the person.

    Returns:
        What was erased, or ``None`` when the lead does not exist (already erased).
    """
    with session.begin():
        leads = person_leads(session, lead_id, for_update=True)
        if not leads:
            return None
        erasure = Erasure(
            lead_ids=[lead.id for lead in leads], conversation_id=leads[0].conversation_id
        )
        session.expunge_all()
        _delete_leads(session, erasure.lead_ids)
    logger.info("personal data erased: lead(s) %s", erasure.lead_ids)
    return erasure


def expired_lead_ids(session: Session, cutoff: datetime) -> list[int]:
    """Ids of the leads never qualified and unchanged since before ``cutoff``."""
    statement = select(Lead.id).where(
        Lead.updated_at < cutoff,
        Lead.status != QUALIFIED,
        ~Lead.history.any(and_(LeadHistory.field == "status", LeadHistory.to_value == QUALIFIED)),
    )
    return list(session.scalars(statement.order_by(Lead.id)))


def apply_retention(
    factory: sessionmaker[Session], days: int, now: datetime | None = None
) -> RetentionResult | None:
    """Delete the unqualified leads unchanged for ``days`` days, in one transaction.

    Args:
        factory: Session factory.
        days: The retention period; ``0`` keeps every lead.
        now: The current time (UTC), for tests.

    Returns:
        The cut-off and the number of deleted leads, or ``None`` when retention is off.
    """
    if days <= 0:
        return None
    cutoff = (now or utcnow()) - timedelta(days=days)
    with factory() as session, session.begin():
        lead_ids = expired_lead_ids(session, cutoff)
        if lead_ids:
            _delete_leads(session, lead_ids)
    logger.info("retention: deleted %d unqualified lead(s) older than %d days", len(lead_ids), days)
    return RetentionResult(cutoff=cutoff, deleted=len(lead_ids))


async def run_retention_periodically(
    factory: sessionmaker[Session], days: int, interval_hours: float
) -> None:
    """Apply the retention every ``interval_hours`` (first after one interval), until cancelled.

    A failed run is logged and the next one comes at the next interval.
    """
    while True:
        await asyncio.sleep(interval_hours * SECONDS_PER_HOUR)
        try:
            await run_in_threadpool(apply_retention, factory, days)
        except Exception:  # the service must outlive a failed run (e.g. a busy database)
            logger.exception("retention run failed; retrying at the next interval")
