"""One person's personal data across the services: exported as one document, or erased whole.

The person is the one behind a lead. The catalogue gives their leads (the lead and the other
leads of its conversation, with history and consent), Rasa's HTTP API the conversation's
events, and :mod:`hub_web.privacy.local_copies` the console's own copies.

Erasing goes in an order that a retry can always finish, each step harmless when repeated:
Rasa's tracker, then the console's copies (the event broker's rows before the console's
tables, so the consumer cannot bring them back), then the catalogue's leads. The leads go
last because they name the conversation: while one is left, a retry finds everything again.
Every export and erasure, done or failed, is a row of the audit log.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from hub_web.events import ConsoleStore
from hub_web.events.transcript import transcript_from_events
from hub_web.privacy import audit
from hub_web.privacy.local_copies import conversation_rows, erase_local_copies
from hub_web.upstream import CatalogueClient, RasaClient, UpstreamError

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "hub-personal-data/1"
TRANSCRIPT_LIMIT = 100_000
#: The steps of an erasure, in order, and the service each one needs.
READ, ERASE_TRACKER, ERASE_COPIES, DELETE_LEADS = "read", "tracker", "copies", "delete"
STEP_SERVICES = {
    READ: "catalogue",
    ERASE_TRACKER: "rasa",
    ERASE_COPIES: "console",
    DELETE_LEADS: "catalogue",
}


@dataclass(frozen=True)
class PersonalDataServices:
    """Where a person's data lives, and the audit log."""

    catalogue: CatalogueClient
    rasa: RasaClient
    store: ConsoleStore
    #: The SQL event broker's URL, ``None`` when the console reads another broker.
    broker_url: str | None
    audit_log: audit.AuditLog


class ErasureError(Exception):
    """An erasure that could not be finished.

    Attributes:
        reason: ``lead_missing`` (no such lead, e.g. already erased), ``not_started`` (a
            service failed before anything was erased) or ``incomplete`` (some data is erased,
            the rest is not; trying again finishes it).
        service: The service that failed: ``catalogue``, ``rasa`` or ``console``.
    """

    def __init__(self, reason: str, service: str) -> None:
        super().__init__(f"erasure {reason}: {service}")
        self.reason = reason
        self.service = service


async def export_person(services: PersonalDataServices, lead_id: int, actor: str) -> dict[str, Any]:
    """Everything stored about the person behind ``lead_id``, as one JSON document.

    Args:
        services: The services and the audit log.
        lead_id: Any lead of the person.
        actor: The staff user exporting (recorded in the audit log).

    Returns:
        ``{"format", "exported_at", "lead_id", "conversation_id", "catalogue": {"leads"},
        "rasa": {"events", "transcript"} | None, "console": {table: [rows]}}``.

    Raises:
        UpstreamError: When the catalogue or Rasa cannot answer (recorded as failed).
    """
    conversation_id: str | None = None
    try:
        person = await services.catalogue.personal_data(lead_id)
        conversation_id = person.get("conversation_id")
        rasa_part, console_part = None, {}
        if conversation_id:
            tracker = await services.rasa.get_tracker(conversation_id)
            events = tracker.get("events") or []
            rasa_part = {
                "events": events,
                "transcript": transcript_from_events(events, TRANSCRIPT_LIMIT),
            }
            console_part = await asyncio.to_thread(
                conversation_rows, services.store.engine, conversation_id
            )
    except UpstreamError as error:
        await _record(
            services,
            actor,
            audit.EXPORT,
            audit.FAILED,
            lead_id,
            conversation_id,
            f"{error.service} unavailable or refused ({error.status_code or 'no answer'})",
        )
        raise
    leads: list[dict[str, Any]] = person.get("leads") or []
    document = {
        "format": EXPORT_FORMAT,
        "exported_at": datetime.now(UTC).isoformat(),
        "lead_id": lead_id,
        "conversation_id": conversation_id,
        "catalogue": {"leads": leads},
        "rasa": rasa_part,
        "console": console_part,
    }
    lead_ids = ", ".join(str(lead["id"]) for lead in leads)
    await _record(
        services, actor, audit.EXPORT, audit.DONE, lead_id, conversation_id, f"leads {lead_ids}"
    )
    return document


async def erase_person(services: PersonalDataServices, lead_id: int, actor: str) -> list[int]:
    """Erase the person behind ``lead_id`` everywhere (see the module's docstring for the order).

    Args:
        services: The services and the audit log.
        lead_id: Any lead of the person.
        actor: The staff user erasing (recorded in the audit log).

    Returns:
        The ids of the erased leads.

    Raises:
        ErasureError: What could not be done; the audit log has a failed row for it.
    """
    conversation_id: str | None = None
    step = READ
    try:
        person = await services.catalogue.personal_data(lead_id)
        conversation_id = person.get("conversation_id")
        if conversation_id:
            step = ERASE_TRACKER
            await services.rasa.erase_conversation(conversation_id)
            step = ERASE_COPIES
            await asyncio.to_thread(
                erase_local_copies, services.store.engine, services.broker_url, [conversation_id]
            )
        step = DELETE_LEADS
        await _delete_leads(services, lead_id)
    except (UpstreamError, SQLAlchemyError, OSError) as error:
        reason = _failure_reason(step, error)
        service = STEP_SERVICES[step]
        logger.warning("erasure of lead %s stopped at %s: %s", lead_id, step, type(error).__name__)
        await _record(
            services,
            actor,
            audit.ERASE,
            audit.FAILED,
            lead_id,
            conversation_id,
            f"{reason} at {service}",
        )
        raise ErasureError(reason, service) from None
    lead_ids = [int(lead["id"]) for lead in person.get("leads") or []]
    detail = f"leads {', '.join(map(str, lead_ids))}" + (
        "; conversation erased" if conversation_id else ""
    )
    await _record(services, actor, audit.ERASE, audit.DONE, lead_id, conversation_id, detail)
    return lead_ids


async def _delete_leads(services: PersonalDataServices, lead_id: int) -> None:
    """Delete the person's leads; already gone (a concurrent erasure) counts as done."""
    try:
        await services.catalogue.erase_personal_data(lead_id)
    except UpstreamError as error:
        if error.status_code != 404:
            raise


def _failure_reason(step: str, error: Exception) -> str:
    """``lead_missing``, ``not_started`` (nothing erased yet) or ``incomplete``."""
    if step == READ and isinstance(error, UpstreamError) and error.status_code == 404:
        return "lead_missing"
    return "not_started" if step in {READ, ERASE_TRACKER} else "incomplete"


async def _record(
    services: PersonalDataServices,
    actor: str,
    action: str,
    outcome: str,
    lead_id: int,
    conversation_id: str | None,
    detail: str,
) -> None:
    await asyncio.to_thread(
        services.audit_log.record,
        actor,
        action,
        outcome,
        lead_id=lead_id,
        conversation_id=conversation_id,
        detail=detail,
    )
