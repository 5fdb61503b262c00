from __future__ import annotations

import threading
import time

import requests

from actions.catalogue_client import CatalogueClient
from actions.outbox import LeadOutbox
from actions.outbox_courier import OutboxCourier
from tests.actions.conftest import CATALOGUE_URL

LEADS = f"{CATALOGUE_URL}/leads"


def client() -> CatalogueClient:
    return CatalogueClient(CATALOGUE_URL, timeout_seconds=1.0, read_retries=0)


def test_courier_delivers_in_the_background_once_the_api_is_back(tmp_path, catalogue):
    outbox = LeadOutbox(tmp_path / "o.sqlite3")
    outbox.add({"name": "A"})
    catalogue.post(LEADS, body=requests.ConnectionError("down"))
    catalogue.post(LEADS, status=201, json={"id": 3, "created": True})
    courier = OutboxCourier(outbox, client, retry_seconds=0.02)
    courier.wake()
    deadline = time.monotonic() + 5
    while outbox.pending_count() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert outbox.pending_count() == 0
    assert len(catalogue.calls) == 2


class CountingOutbox(LeadOutbox):
    """An outbox that records how often a wake counted its pending leads (not the courier)."""

    counts = 0

    def pending_count(self) -> int:
        if threading.current_thread() is threading.main_thread():
            self.counts += 1
        return super().pending_count()


def wait_until_delivered(outbox: LeadOutbox) -> None:
    deadline = time.monotonic() + 5
    while LeadOutbox.pending_count(outbox) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert LeadOutbox.pending_count(outbox) == 0


def test_a_plain_wake_counts_the_pending_leads_at_most_once_per_retry_interval(tmp_path, catalogue):
    """Issue 23: every catalogue action wakes the courier; the count was 12 % of its time."""
    path = tmp_path / "o.sqlite3"
    outbox = CountingOutbox(path)
    now = [100.0]
    courier = OutboxCourier(outbox, client, retry_seconds=0.05, clock=lambda: now[0])
    courier.wake()  # the first wake of a process counts: leads of an earlier run
    assert outbox.counts == 1
    courier.wake()
    now[0] += 0.04
    courier.wake()
    assert outbox.counts == 1
    LeadOutbox(path).add({"name": "A"})  # left pending by another server
    courier.wake()
    assert outbox.counts == 1  # not seen yet
    now[0] += 0.01
    catalogue.post(LEADS, status=201, json={"id": 1, "created": True})
    courier.wake()
    assert outbox.counts == 2
    wait_until_delivered(outbox)


def test_a_wake_for_a_lead_just_left_pending_counts_at_once(tmp_path, catalogue):
    outbox = CountingOutbox(tmp_path / "o.sqlite3")
    courier = OutboxCourier(outbox, client, retry_seconds=0.05, clock=lambda: 100.0)
    courier.wake()
    outbox.add({"name": "A"})
    courier.wake()
    assert outbox.counts == 1
    catalogue.post(LEADS, status=201, json={"id": 1, "created": True})
    courier.wake(lead_pending=True)
    assert outbox.counts == 2
    wait_until_delivered(outbox)
