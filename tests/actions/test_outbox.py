from __future__ import annotations

import json
import sqlite3

import pytest
import requests

from actions.catalogue_client import CatalogueClient
from actions.outbox import LeadOutbox
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
    assert outbox.deliver(delivered, client()).lead_id == 7  # its record is still there
    now[0] += 2
    assert outbox.forget_settled() == 1
    assert outbox.pending_count() == 1
    now[0] += 10 * 24 * 3600
    assert outbox.forget_settled() == 0
    assert outbox.pending_count() == 1


PERSON = {
    "name": "Aliya Zhaksylykova",
    "company": "Steppe Logistics",
    "email": "aliya.zh@example.kz",
    "phone": "+77015550199",
    "interest": "call me about visas",
    "consent": True,
    "consent_text": "Do you agree?",
    "conversation_id": "conv-secret-1",
}


def rows(path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        found = connection.execute("SELECT * FROM lead_outbox").fetchall()
    connection.close()
    return found


def personal_data_in(path) -> list[str]:
    text = json.dumps(rows(path), ensure_ascii=False)
    return [value for value in (*PERSON.values(),) if isinstance(value, str) and value in text]


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        ({"status": 201, "json": {"id": 7, "created": True}}, "delivered"),
        ({"status": 422, "json": {"detail": "email 'aliya.zh@example.kz' refused"}}, "rejected"),
    ],
)
def test_a_settled_lead_keeps_no_personal_data(tmp_path, catalogue, answer, state):
    """Issue 18, 9: the outbox kept a delivered lead's name, e-mail and company for 24 h."""
    path = tmp_path / "o.sqlite3"
    outbox = LeadOutbox(path)
    reference = outbox.add(dict(PERSON))
    assert personal_data_in(path)  # kept while it waits for the catalogue
    catalogue.post(LEADS, **answer)
    assert outbox.deliver(reference, client()).state == state
    assert personal_data_in(path) == []
    assert outbox.latest_payload("conv-secret-1") is None


def test_the_same_lead_again_after_delivery_is_answered_from_its_record(tmp_path, catalogue):
    """What idempotency needs is kept: the reference and the catalogue's id."""
    outbox = LeadOutbox(tmp_path / "o.sqlite3")
    reference = outbox.add({**PERSON, "client_reference": "ref-1"})
    catalogue.post(LEADS, status=201, json={"id": 7, "created": True})
    assert outbox.deliver(reference, client()).lead_id == 7
    again = outbox.add({**PERSON, "client_reference": "ref-1"})
    result = outbox.deliver(again, client())
    assert (result.state, result.lead_id) == ("delivered", 7)
    assert len(catalogue.calls) == 1
    assert outbox.pending_count() == 0


def test_settled_rows_of_an_earlier_release_are_scrubbed_on_opening(tmp_path, catalogue):
    path = tmp_path / "o.sqlite3"
    LeadOutbox(path).add(dict(PERSON))
    with sqlite3.connect(path) as connection:  # as an earlier release left a delivered lead
        connection.execute(
            "UPDATE lead_outbox SET state = 'delivered', lead_id = 3, last_error = ?",
            (PERSON["email"],),
        )
        connection.execute("DROP TABLE lead_outbox_version")  # before migrations existed
    connection.close()
    assert personal_data_in(path)
    LeadOutbox(path)
    assert personal_data_in(path) == []
