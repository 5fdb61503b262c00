"""One outbox database shared by several action servers, on SQLite and on PostgreSQL.

Two `LeadOutbox` objects on the same database stand for two action servers. PostgreSQL
runs in `<HUB_TEST_DB_PREFIX>_test` (tests/backing_services.py); without a server those
cases are skipped.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
import requests
import sqlalchemy as sa

from actions import base
from actions.catalogue_client import CatalogueClient
from actions.outbox import DEFAULT_CLAIM_SECONDS, LeadOutbox
from tests.actions.conftest import CATALOGUE_URL
from tests.backing_services import postgres_database

LEADS = f"{CATALOGUE_URL}/leads"
START = 1_700_000_000.0


def client() -> CatalogueClient:
    return CatalogueClient(CATALOGUE_URL, timeout_seconds=1.0, read_retries=0)


class ServerLost(Exception):
    """The action server died while posting a lead: its claim is never released."""


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def outbox_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty outbox database: a SQLite file, or the PostgreSQL test database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    url = postgres_database("test")
    engine = sa.create_engine(url, future=True)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS lead_outbox, lead_outbox_version")
    engine.dispose()
    yield url


@pytest.fixture
def servers(outbox_url: str) -> Iterator[tuple[LeadOutbox, LeadOutbox]]:
    """Two action servers' outboxes on the same database."""
    first, second = LeadOutbox(outbox_url), LeadOutbox(outbox_url)
    yield first, second
    first.close()
    second.close()


def created(lead_id: int):
    def answer(_request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        return 201, {}, json.dumps({"id": lead_id, "created": True})

    return answer


def test_a_lead_kept_by_one_server_is_seen_and_delivered_by_another(servers, catalogue):
    first, second = servers
    reference = first.add({"name": "A", "conversation_id": "conv-1"})
    assert [lead.client_reference for lead in second.pending()] == [reference]
    assert second.latest_payload("conv-1")["client_reference"] == reference
    catalogue.add_callback("POST", LEADS, callback=created(7))
    assert second.deliver_pending(client()) == 1
    assert first.pending_count() == 0
    assert first.deliver(reference, client()).lead_id == 7
    assert len(catalogue.calls) == 1


def test_a_lead_in_delivery_is_left_alone_by_the_other_server(servers, catalogue):
    first, second = servers
    reference = first.add({"name": "A"})
    seen_by_second = []

    def meanwhile(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        seen_by_second.append(
            (second.deliver(reference, client()).state, second.deliver_pending(client()))
        )
        return created(3)(request)

    catalogue.add_callback("POST", LEADS, callback=meanwhile)
    assert first.deliver(reference, client()).state == "delivered"
    assert seen_by_second == [("pending", 0)]
    assert len(catalogue.calls) == 1


def test_the_leads_of_a_server_lost_mid_delivery_are_taken_over(outbox_url, catalogue):
    clock = Clock()
    lost, survivor = LeadOutbox(outbox_url, clock=clock), LeadOutbox(outbox_url, clock=clock)
    reference = lost.add({"name": "A"})

    def crash(_request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        raise ServerLost

    catalogue.add_callback("POST", LEADS, callback=crash)
    with pytest.raises(ServerLost):
        lost.deliver(reference, client())
    catalogue.replace("POST", LEADS, body=json.dumps({"id": 5, "created": False}), status=200)
    clock.now += DEFAULT_CLAIM_SECONDS - 1
    assert survivor.deliver_pending(client()) == 0
    clock.now += 2
    assert survivor.deliver_pending(client()) == 1
    assert survivor.pending_count() == 0
    assert len(catalogue.calls) == 2
    lost.close()
    survivor.close()


def test_two_couriers_at_once_deliver_every_lead_exactly_once(servers, catalogue):
    first = servers[0]
    references = [first.add({"name": f"lead {number}"}) for number in range(20)]
    posted: list[str] = []

    def record(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        posted.append(json.loads(request.body)["client_reference"])
        return created(len(posted))(request)

    catalogue.add_callback("POST", LEADS, callback=record)
    start = threading.Barrier(2)
    delivered: list[int] = []

    def courier(outbox: LeadOutbox) -> None:
        start.wait()
        delivered.append(outbox.deliver_pending(client()))

    threads = [threading.Thread(target=courier, args=(outbox,)) for outbox in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(delivered) == 20
    assert Counter(posted) == Counter(references)
    assert first.pending_count() == 0


def test_the_url_setting_chooses_the_shared_database(outbox_url, monkeypatch):
    monkeypatch.setenv("LEAD_OUTBOX_URL", outbox_url)
    base.lead_outbox.cache_clear()
    reference = base.lead_outbox().add({"name": "A"})
    shared = LeadOutbox(outbox_url)
    assert [lead.client_reference for lead in shared.pending()] == [reference]
    shared.close()
    base.lead_outbox().close()


def test_an_outbox_file_of_the_first_release_is_brought_up_to_date(tmp_path, catalogue):
    path = tmp_path / "old.sqlite3"
    lead = {"name": "A", "conversation_id": "conv-9", "client_reference": "ref-9"}
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE lead_outbox (client_reference TEXT PRIMARY KEY, payload TEXT NOT NULL,"
            " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered',"
            " 'rejected')), attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
            " lead_id INTEGER, created_at REAL NOT NULL, updated_at REAL NOT NULL)"
        )
        connection.execute(
            "INSERT INTO lead_outbox (client_reference, payload, created_at, updated_at)"
            " VALUES ('ref-9', ?, 1, 1)",
            (json.dumps(lead),),
        )
    connection.close()
    outbox = LeadOutbox(path)
    assert outbox.latest_payload("conv-9") == lead
    catalogue.post(LEADS, status=201, json={"id": 9, "created": True})
    assert outbox.deliver_pending(client()) == 1
    assert LeadOutbox(path).pending_count() == 0
