"""The catalogue's lead data against a hostile visitor and a careless reader (issue 18, 5, 6, 9).

On the real stack (`make run`'s default profile, SQLite):

- finding 5: after the newest lead is erased, the next lead must not get its id, and a retried
  erasure must not remove someone else;
- finding 6: another connection holding a read transaction on the catalogue's SQLite file must
  not stall a staff change (it waited 15 s, then got a 503), and `/health` stays truthful;
- finding 9: an e-mail address that is a spreadsheet formula is exported as text.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import time
import uuid

import pytest
import requests

from stack.profiles.default import Stack

pytestmark = pytest.mark.e2e

#: A valid e-mail address that a spreadsheet would run (OWASP, "CSV Injection").
FORMULA_EMAIL = "=cmd|'/C.calc'!A0@example.com"


def staff(stack: Stack) -> dict[str, str]:
    return {"X-API-Key": stack.secrets.catalogue_api_key}


def post_lead(stack: Stack, **fields: object) -> dict:
    """Store a lead as the action server does; the answer."""
    body = {
        "name": "Hostile Probe",
        "email": "probe@example.com",
        "consent": True,
        "language": "en",
        "conversation_id": f"probe-{uuid.uuid4().hex}",
        **fields,
    }
    response = requests.post(
        f"{stack.url('catalogue')}/leads",
        json=body,
        headers={"X-Lead-Intake-Key": stack.secrets.lead_intake_key},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


def erase(stack: Stack, lead_id: int) -> int:
    url = f"{stack.url('catalogue')}/staff/leads/{lead_id}/personal-data"
    return requests.delete(url, headers=staff(stack), timeout=10).status_code


def test_an_erased_leads_id_is_never_given_again(stack: Stack) -> None:
    """Erase the newest lead: the next one gets a new id, and the retried erase is a 404."""
    newest = post_lead(stack)
    assert erase(stack, newest["id"]) == 200
    after = post_lead(stack, name="Someone Else")
    assert after["id"] > newest["id"]
    assert erase(stack, newest["id"]) == 404
    url = f"{stack.url('catalogue')}/staff/leads/{after['id']}"
    assert requests.get(url, headers=staff(stack), timeout=10).json()["name"] == "Someone Else"


def test_a_long_read_does_not_stall_a_staff_change(stack: Stack) -> None:
    """A reader holds a transaction on the SQLite file; a PATCH and /health answer at once."""
    database = stack.state_dir / "catalogue.db"
    if not database.is_file():
        pytest.skip("the stack's catalogue does not run on SQLite")
    lead = post_lead(stack)
    reader = sqlite3.connect(database, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM leads").fetchone()[0] >= 1
        started = time.monotonic()
        patched = requests.patch(
            f"{stack.url('catalogue')}/staff/leads/{lead['id']}",
            json={"status": "contacted", "changed_by": "probe"},
            headers=staff(stack),
            timeout=30,
        )
        health = requests.get(f"{stack.url('catalogue')}/health", timeout=30)
        elapsed = time.monotonic() - started
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert patched.status_code == 200, patched.text
    assert health.status_code == 200
    assert elapsed < 2, f"the staff change waited {elapsed:.1f} s for a reader"


def test_a_formula_in_a_lead_is_exported_as_text(stack: Stack) -> None:
    """The bot and the API keep the address as given; the CSV export neutralises it."""
    lead = post_lead(stack, email=FORMULA_EMAIL)
    response = requests.get(
        f"{stack.url('catalogue')}/staff/leads.csv", headers=staff(stack), timeout=10
    )
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    row = next(r for r in rows if r["id"] == str(lead["id"]))
    assert row["email"] == "'" + FORMULA_EMAIL
