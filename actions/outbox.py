"""A durable outbox for leads: no lead is lost while the catalogue API is down.

Every lead is written to a local SQLite file before it is sent. A lead leaves the outbox
only when the API has stored it; the `client_reference` sent with it makes a second
delivery of the same lead return the stored one instead of creating another. While
leads are pending, a background courier thread retries them.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actions.catalogue_client import CatalogueClient, CatalogueRejected, CatalogueUnavailable

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lead_outbox (
    client_reference TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    lead_id INTEGER,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)
"""


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
        state: "delivered", "pending" (API unavailable) or "rejected" (API refused it).
        lead_id: The catalogue's id when delivered.
    """

    state: str
    lead_id: int | None = None


class LeadOutbox:
    """Leads kept in SQLite until the catalogue API confirms them."""

    def __init__(self, path: Path) -> None:
        """Opens (and creates if needed) the outbox file.

        Args:
            path: The SQLite file.
        """
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as connection:
            connection.execute(_SCHEMA)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self._path, timeout=10)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

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
        now = time.time()
        with self._connection() as connection:
            connection.execute(
                "INSERT OR IGNORE INTO lead_outbox"
                " (client_reference, payload, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (reference, json.dumps(stored, ensure_ascii=False), now, now),
            )
        return reference

    def pending(self, limit: int = 50) -> list[PendingLead]:
        """Returns the oldest leads not yet delivered."""
        with self._connection() as connection:
            rows = connection.execute(
                "SELECT client_reference, payload, attempts FROM lead_outbox"
                " WHERE state = 'pending' ORDER BY created_at LIMIT ?",
                (limit,),
            ).fetchall()
        return [PendingLead(ref, json.loads(payload), attempts) for ref, payload, attempts in rows]

    def latest_payload(self, conversation_id: str) -> dict[str, Any] | None:
        """The most recent lead (delivered or not) left in a conversation, if any."""
        with self._connection() as connection:
            rows = connection.execute(
                "SELECT payload FROM lead_outbox WHERE state != 'rejected'"
                " ORDER BY created_at DESC, rowid DESC"
            ).fetchall()
        for (payload,) in rows:
            lead = json.loads(payload)
            if lead.get("conversation_id") == conversation_id:
                return lead
        return None

    def pending_count(self) -> int:
        """How many leads wait for delivery."""
        with self._connection() as connection:
            (count,) = connection.execute(
                "SELECT COUNT(*) FROM lead_outbox WHERE state = 'pending'"
            ).fetchone()
        return int(count)

    def deliver(self, reference: str, client: CatalogueClient) -> DeliveryResult:
        """Tries to send one pending lead and records the outcome.

        Args:
            reference: The lead's client reference.
            client: The catalogue client.

        Returns:
            The outcome; an unavailable API leaves the lead pending.
        """
        with self._connection() as connection:
            row = connection.execute(
                "SELECT payload, state, lead_id FROM lead_outbox WHERE client_reference = ?",
                (reference,),
            ).fetchone()
        if row is None:
            raise KeyError(reference)
        payload, state, lead_id = row
        if state != "pending":
            return DeliveryResult(state=state, lead_id=lead_id)
        try:
            receipt = client.create_lead(json.loads(payload))
        except CatalogueUnavailable as error:
            self._record(reference, "pending", error=str(error))
            return DeliveryResult(state="pending")
        except CatalogueRejected as error:
            logger.error("The catalogue rejected lead %s: %s", reference, error.detail)
            self._record(reference, "rejected", error=error.detail)
            return DeliveryResult(state="rejected")
        self._record(reference, "delivered", lead_id=receipt.id)
        return DeliveryResult(state="delivered", lead_id=receipt.id)

    def deliver_pending(self, client: CatalogueClient) -> int:
        """Sends pending leads, oldest first, until the API is unavailable.

        Returns:
            How many leads were delivered.
        """
        delivered = 0
        for lead in self.pending():
            result = self.deliver(lead.client_reference, client)
            if result.state == "pending":
                break
            delivered += result.state == "delivered"
        return delivered

    def _record(
        self, reference: str, state: str, *, error: str | None = None, lead_id: int | None = None
    ) -> None:
        with self._connection() as connection:
            connection.execute(
                "UPDATE lead_outbox SET state = ?, attempts = attempts + 1, last_error = ?,"
                " lead_id = COALESCE(?, lead_id), updated_at = ? WHERE client_reference = ?",
                (state, error, lead_id, time.time(), reference),
            )


class OutboxCourier:
    """Retries pending leads in a background thread while any are left."""

    def __init__(
        self,
        outbox: LeadOutbox,
        client_factory: Callable[[], CatalogueClient],
        retry_seconds: float,
    ) -> None:
        """Creates an idle courier.

        Args:
            outbox: The outbox to empty.
            client_factory: Gives the catalogue client to deliver with.
            retry_seconds: Pause between two rounds.
        """
        self._outbox = outbox
        self._client_factory = client_factory
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        """Starts the courier if leads are pending and it is not already running."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            if self._outbox.pending_count() == 0:
                return
            self._thread = threading.Thread(
                target=self._run, name="lead-outbox-courier", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(self._retry_seconds)
            try:
                delivered = self._outbox.deliver_pending(self._client_factory())
            except Exception:  # the courier must outlive any single failure
                logger.exception("Delivering pending leads failed")
                continue
            if delivered:
                logger.info("Delivered %d pending lead(s) to the catalogue", delivered)
            with self._lock:
                if self._outbox.pending_count() == 0:
                    self._thread = None
                    return
