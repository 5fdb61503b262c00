"""The courier of the lead outbox: a background thread that retries pending leads.

The outbox (`actions.outbox`) keeps every lead until the catalogue API has stored it; the
courier runs while leads are pending, delivering them every `retry_seconds` until none is
left. Every catalogue action wakes it (`actions.base`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from actions.catalogue_client import CatalogueClient
from actions.outbox import LeadOutbox

logger = logging.getLogger(__name__)


class OutboxCourier:
    """Retries pending leads in a background thread while any are left.

    Every catalogue action wakes the courier, so that leads left pending by an earlier run
    of this server, or by another server sharing the outbox, are retried without a lead of
    this server's own. Counting the pending leads is a database query, which under load
    cost about a tenth of the action server's time (issue 23), so such a wake counts them
    at most once per `retry_seconds`: a lead left behind elsewhere is picked up at the
    first action after that (and first retried `retry_seconds` later, as before). A wake
    with `lead_pending=True` (a lead of this server's own just stayed pending) always
    counts, and starts the courier at once.
    """

    def __init__(
        self,
        outbox: LeadOutbox,
        client_factory: Callable[[], CatalogueClient],
        retry_seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Creates an idle courier.

        Args:
            outbox: The outbox to empty.
            client_factory: Gives the catalogue client to deliver with.
            retry_seconds: Pause between two rounds, and between two counts of the
                pending leads by a plain `wake`.
            clock: A monotonic time in seconds (tests replace it).
        """
        self._outbox = outbox
        self._client_factory = client_factory
        self._retry_seconds = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._counted_at: float | None = None  # when a plain wake last counted

    def wake(self, *, lead_pending: bool = False) -> None:
        """Starts the courier if leads are pending and it is not already running.

        Args:
            lead_pending: The caller has just left a lead pending: count now. Otherwise
                the pending leads are counted at most once per `retry_seconds`.
        """
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            if not lead_pending:
                now = self._clock()
                if self._counted_at is not None and now - self._counted_at < self._retry_seconds:
                    return
                self._counted_at = now
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
