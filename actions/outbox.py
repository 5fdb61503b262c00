"""A durable outbox for leads: no lead is lost while the catalogue API is down.

Every lead is written to the outbox's database (`actions.outbox_store`) before it is
sent. A lead leaves the outbox only when the API has stored it; the `client_reference`
sent with it makes a second delivery of the same lead return the stored one instead of
creating another. While leads are pending, a background courier thread retries them
(`actions.outbox_courier`).

A lead the API stored (or refused) keeps no personal data here: its payload is replaced by
its client reference alone (what a second delivery of the same lead needs, with the
catalogue's id) and its conversation id is cleared, so an erasure in the catalogue leaves
nothing behind in the outbox. A handoff later in the conversation reads the lead's answers
from the conversation itself (`actions.handoff`).

Several action servers may share one outbox database. A server delivers a lead only
after claiming it with one atomic `UPDATE … WHERE state = 'pending' AND claimed_until <=
now`, which no two servers can both win; the claim lapses after `claim_seconds`, so the
leads of a server lost mid-delivery are taken over by the others.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.expression import ColumnElement

from actions.catalogue_client import CatalogueClient, CatalogueRejected, CatalogueUnavailable
from actions.outbox_migrate import database_url, open_database
from actions.outbox_store import SCRUBBED, SETTLED_STATES, lead_outbox

logger = logging.getLogger(__name__)

#: How long a server holds a lead it is delivering: far longer than one HTTP call.
DEFAULT_CLAIM_SECONDS = 60.0
#: How long the record of a delivered or rejected lead (its reference and id) stays.
DEFAULT_KEEP_SETTLED_SECONDS = 24 * 3600.0
_table = lead_outbox


@dataclass(frozen=True)
class PendingLead:
    """A lead waiting for delivery."""

    client_reference: str
    payload: dict[str, Any]
    attempts: int


@dataclass(frozen=True)
class DeliveryResult:
    """What happened to one lead on a delivery attempt.

    Attributes:
        state: "delivered", "pending" (API unavailable, or another server is delivering
            it) or "rejected" (API refused it).
        lead_id: The catalogue's id when delivered.
    """

    state: str
    lead_id: int | None = None


class LeadOutbox:
    """Leads kept in a database until the catalogue API confirms them."""

    def __init__(
        self,
        location: Path | str,
        *,
        claim_seconds: float = DEFAULT_CLAIM_SECONDS,
        keep_settled_seconds: float = DEFAULT_KEEP_SETTLED_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Opens (and creates if needed) the outbox, and forgets settled leads past their time.

        Args:
            location: A SQLite file, or a database URL (`postgresql://…`) that several
                action servers may share.
            claim_seconds: How long a delivery holds a lead against other servers.
            keep_settled_seconds: How long the record of a delivered or rejected lead (its
                reference and id, no personal data) is kept.
            clock: The time in seconds since the epoch (tests replace it).
        """
        self._engine = open_database(database_url(location))
        self._claim_seconds = claim_seconds
        self._keep_settled_seconds = keep_settled_seconds
        self._clock = clock
        self.forget_settled()

    def forget_settled(self) -> int:
        """Deletes the copies of leads delivered or rejected longer ago than the keep time.

        Returns:
            How many were deleted.
        """
        horizon = self._clock() - self._keep_settled_seconds
        delete = _table.delete().where(_table.c.state != "pending", _table.c.updated_at < horizon)
        with self._engine.begin() as connection:
            forgotten = connection.execute(delete).rowcount
        if forgotten:
            logger.info("Forgot %d settled lead(s) kept past their time", forgotten)
        return forgotten

    def close(self) -> None:
        """Closes the outbox's database connections."""
        self._engine.dispose()

    def add(self, payload: dict[str, Any]) -> str:
        """Stores a lead before any attempt to send it.

        Args:
            payload: The lead as the catalogue API takes it; a `client_reference` is added
                when it has none.

        Returns:
            The lead's client reference.
        """
        reference = payload.get("client_reference") or str(uuid.uuid4())
        stored = {**payload, "client_reference": reference}
        conversation_id = stored.get("conversation_id")
        now = self._clock()
        row = {
            "client_reference": reference,
            "payload": json.dumps(stored, ensure_ascii=False),
            "conversation_id": str(conversation_id) if conversation_id else None,
            "created_at": now,
            "updated_at": now,
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(_table.insert().values(**row))
        except IntegrityError:  # already kept: the same lead added twice
            pass
        self.forget_settled()
        return reference

    def pending(self, limit: int = 50) -> list[PendingLead]:
        """Returns the oldest leads not yet delivered."""
        return self._pending(sa.true(), limit)

    def _pending(self, condition: ColumnElement, limit: int) -> list[PendingLead]:
        query = (
            sa.select(_table.c.client_reference, _table.c.payload, _table.c.attempts)
            .where(_table.c.state == "pending", condition)
            .order_by(_table.c.created_at)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return [PendingLead(ref, json.loads(payload), attempts) for ref, payload, attempts in rows]

    def latest_payload(self, conversation_id: str) -> dict[str, Any] | None:
        """The most recent lead of a conversation still waiting for delivery, if any.

        A delivered or rejected lead no longer names its conversation (nor holds its data).
        """
        query = (
            sa.select(_table.c.payload)
            .where(_table.c.conversation_id == conversation_id, _table.c.state == "pending")
            .order_by(_table.c.created_at.desc())
            .limit(1)
        )
        with self._engine.connect() as connection:
            payload = connection.execute(query).scalar()
        return json.loads(payload) if payload is not None else None

    def pending_count(self) -> int:
        """How many leads wait for delivery."""
        query = sa.select(sa.func.count()).select_from(_table).where(_table.c.state == "pending")
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def deliver(self, reference: str, client: CatalogueClient) -> DeliveryResult:
        """Tries to send one pending lead and records the outcome.

        Args:
            reference: The lead's client reference.
            client: The catalogue client.

        Returns:
            The outcome; an unavailable API, or another server delivering the lead right
            now, leaves it pending.

        Raises:
            KeyError: The outbox has no such lead.
        """
        payload = self._claim(reference)
        if payload is None:
            query = sa.select(_table.c.state, _table.c.lead_id).where(
                _table.c.client_reference == reference
            )
            with self._engine.connect() as connection:
                row = connection.execute(query).first()
            if row is None:
                raise KeyError(reference)
            return DeliveryResult(state=row.state, lead_id=row.lead_id)
        return self._send(reference, payload, client)

    def deliver_pending(self, client: CatalogueClient) -> int:
        """Sends pending leads nobody else holds, oldest first, until the API is unavailable.

        Returns:
            How many leads were delivered.
        """
        delivered = 0
        for lead in self._pending(_table.c.claimed_until <= self._clock(), limit=50):
            payload = self._claim(lead.client_reference)
            if payload is None:  # another server took it meanwhile
                continue
            result = self._send(lead.client_reference, payload, client)
            if result.state == "pending":
                break
            delivered += result.state == "delivered"
        return delivered

    def _claim(self, reference: str) -> dict[str, Any] | None:
        """Holds a pending lead for this delivery; its payload, or None if not to be sent."""
        now = self._clock()
        claim = (
            _table.update()
            .where(
                _table.c.client_reference == reference,
                _table.c.state == "pending",
                _table.c.claimed_until <= now,
            )
            .values(claimed_until=now + self._claim_seconds)
        )
        query = sa.select(_table.c.payload).where(_table.c.client_reference == reference)
        with self._engine.begin() as connection:
            if connection.execute(claim).rowcount != 1:
                return None
            return json.loads(connection.execute(query).scalar_one())

    def _send(
        self, reference: str, payload: dict[str, Any], client: CatalogueClient
    ) -> DeliveryResult:
        try:
            receipt = client.create_lead(payload)
        except CatalogueUnavailable as error:
            self._record(reference, "pending", error=str(error))
            return DeliveryResult(state="pending")
        except CatalogueRejected as error:
            # The API's explanation may quote the lead's fields: only its status is kept.
            logger.error("The catalogue rejected lead %s (%s)", reference, error.status_code)
            self._record(reference, "rejected", error=f"refused with {error.status_code}")
            return DeliveryResult(state="rejected")
        self._record(reference, "delivered", lead_id=receipt.id)
        return DeliveryResult(state="delivered", lead_id=receipt.id)

    def _record(
        self, reference: str, state: str, *, error: str | None = None, lead_id: int | None = None
    ) -> None:
        """Records an attempt's outcome and releases the claim; a settled lead is scrubbed."""
        values: dict[str, Any] = {
            "state": state,
            "attempts": _table.c.attempts + 1,
            "last_error": error,
            "updated_at": self._clock(),
            "claimed_until": 0,
        }
        if lead_id is not None:
            values["lead_id"] = lead_id
        if state in SETTLED_STATES:
            values.update(SCRUBBED)
        update = _table.update().where(_table.c.client_reference == reference).values(**values)
        with self._engine.begin() as connection:
            connection.execute(update)
