"""Retention of conversations: those without a lead, idle for ``RETENTION_DAYS``, are erased.

A conversation goes when its last event (in the console's tables) is older than the period
and no stored lead names it; the catalogue deletes unqualified leads after the same period
(its own ``RETENTION_DAYS``), so their conversations follow at a later run. Each one is
erased like a person's (Rasa's tracker, then the console's copies); one that fails stays for
the next run. Every run is a row of the audit log, without any sender id.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from hub_web.events import ConsoleStore
from hub_web.privacy import audit
from hub_web.privacy.local_copies import (
    conversations_idle_since,
    erase_local_copies,
    sql_broker_url,
)
from hub_web.privacy.person import PersonalDataServices
from hub_web.settings import Settings
from hub_web.upstream import UpstreamError, upstream_clients

logger = logging.getLogger(__name__)
SECONDS_PER_HOUR = 3600.0


@dataclass(frozen=True)
class RetentionResult:
    """One run: the cut-off, how many conversations were erased, how many failed."""

    cutoff: datetime
    erased: int
    failed: int


async def apply_retention(
    services: PersonalDataServices, days: int, now: datetime | None = None
) -> RetentionResult | None:
    """Erase the conversations without a lead whose last event is older than ``days`` days.

    Args:
        services: The services and the audit log.
        days: The retention period; ``0`` keeps everything.
        now: The current time (UTC), for tests.

    Returns:
        What the run did, or ``None`` when retention is off.

    Raises:
        UpstreamError: When the catalogue cannot list the leads (nothing is erased then).
    """
    if days <= 0:
        return None
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    idle = await asyncio.to_thread(conversations_idle_since, services.store.engine, cutoff)
    try:
        leads = await services.catalogue.all_leads(max_leads=sys.maxsize) if idle else []
    except UpstreamError as error:
        await _record(services, audit.FAILED, f"catalogue unavailable ({error.status_code})")
        raise
    with_lead = {lead.get("conversation_id") for lead in leads}
    erased = failed = 0
    for sender_id in (item for item in idle if item not in with_lead):
        try:
            await services.rasa.erase_conversation(sender_id)
            await asyncio.to_thread(
                erase_local_copies, services.store.engine, services.broker_url, [sender_id]
            )
        except (UpstreamError, SQLAlchemyError, OSError) as error:
            failed += 1
            logger.warning("retention: a conversation stays for now (%s)", type(error).__name__)
            continue
        erased += 1
    outcome = audit.FAILED if failed else audit.DONE
    detail = f"{erased} conversation(s) without a lead, idle over {days} days, erased"
    await _record(services, outcome, detail + (f"; {failed} failed" if failed else ""))
    logger.info("retention: %s%s", detail, f"; {failed} failed" if failed else "")
    return RetentionResult(cutoff=cutoff, erased=erased, failed=failed)


async def apply_retention_once(settings: Settings) -> RetentionResult | None:
    """One run outside the web app (``python -m hub_web retention``), with its own clients."""
    store = ConsoleStore(settings.console_db_url)
    try:
        async with upstream_clients(settings) as (catalogue, rasa):
            services = PersonalDataServices(
                catalogue=catalogue,
                rasa=rasa,
                store=store,
                broker_url=sql_broker_url(settings),
                audit_log=audit.AuditLog(store.engine, audit.audit_key(settings)),
            )
            return await apply_retention(services, settings.retention_days)
    finally:
        store.close()


async def run_retention_periodically(
    services: PersonalDataServices, days: int, interval_hours: float
) -> None:
    """Apply the retention every ``interval_hours`` (first after one interval), until cancelled."""
    while True:
        await asyncio.sleep(interval_hours * SECONDS_PER_HOUR)
        try:
            await apply_retention(services, days)
        except Exception:  # the console must outlive a failed run
            logger.exception("retention run failed; retrying at the next interval")


async def _record(services: PersonalDataServices, outcome: str, detail: str) -> None:
    await asyncio.to_thread(
        services.audit_log.record,
        audit.RETENTION_ACTOR,
        audit.RETENTION,
        outcome,
        detail=detail,
    )
