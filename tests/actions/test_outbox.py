from __future__ import annotations

import time

import requests

from actions.catalogue_client import CatalogueClient
from actions.outbox import LeadOutbox, OutboxCourier
from tests.actions.conftest import CATALOGUE_URL

LEADS = f"{CATALOGUE_URL}/leads"


def client() -> CatalogueClient:
    return CatalogueClient(CATALOGUE_URL, timeout_seconds=1.0, read_retries=0)


def test_pending_leads_survive_a_restart(tmp_path, catalogue):
    path = tmp_path / "outbox.sqlite3"
    reference = LeadOutbox(path).add({"name": "A", "consent": True})
    reopened = LeadOutbox(path)
    assert [lead.client_reference for lead in reopened.pending()] == [reference]
    assert reopened.pending()[0].payload["client_reference"] == reference


def test_delivery_stops_at_the_first_unavailable_answer(tmp_path, catalogue):
    outbox = LeadOutbox(tmp_path / "o.sqlite3")
    for name in ("A", "B", "C"):
        outbox.add({"name": name})
    catalogue.post(LEADS, status=201, json={"id": 1, "created": True})
    catalogue.post(LEADS, body=requests.ConnectionError("down"))
    assert outbox.deliver_pending(client()) == 1
    assert outbox.pending_count() == 2


def test_adding_the_same_reference_twice_keeps_one(tmp_path, catalogue):
    outbox = LeadOutbox(tmp_path / "o.sqlite3")
    outbox.add({"name": "A", "client_reference": "ref-1"})
    outbox.add({"name": "A", "client_reference": "ref-1"})
    assert outbox.pending_count() == 1


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


def test_settled_copies_are_forgotten_after_the_keep_time_and_pending_ones_never(
    tmp_path, catalogue
):
    now = [1_000_000.0]
    outbox = LeadOutbox(tmp_path / "o.sqlite3", keep_settled_seconds=3600, clock=lambda: now[0])
    delivered = outbox.add({"name": "A", "conversation_id": "c1"})
    catalogue.post(LEADS, status=201, json={"id": 7, "created": True})
    assert outbox.deliver(delivered, client()).state == "delivered"
    outbox.add({"name": "B", "conversation_id": "c2"})  # never delivered: stays pending
    now[0] += 3599
    assert outbox.forget_settled() == 0
    assert outbox.latest_payload("c1") is not None  # still there for a handoff
    now[0] += 2
    assert outbox.forget_settled() == 1
    assert outbox.latest_payload("c1") is None
    assert outbox.pending_count() == 1
    now[0] += 10 * 24 * 3600
    assert outbox.forget_settled() == 0
    assert outbox.pending_count() == 1
