"""The action server's lead outbox keeps no personal data of a delivered or erased lead.

It kept a delivered lead's name, e-mail and company for 24 hours, after an erasure too (issue
18, finding 9). A delivered entry now keeps only its client reference and the catalogue's id.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
import requests

from stack.profiles.default import Stack
from tests.e2e.test_personal_data import EMAIL, NAME, PHONE_DIGITS, lead_of, leave_a_lead

pytestmark = pytest.mark.e2e


def outbox_rows(stack: Stack) -> list[tuple]:
    """Every row of the action server's outbox, every column."""
    path = stack.state_dir / "lead_outbox.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT * FROM lead_outbox").fetchall()


def personal_data_in(rows: list[tuple], *needles: str) -> list[str]:
    text = "\n".join(" ".join(str(value) for value in row) for row in rows)
    return [needle for needle in needles if needle in text]


def test_a_delivered_and_erased_lead_leaves_nothing_in_the_outbox(stack: Stack):
    visitor = leave_a_lead(stack)
    lead = lead_of(stack, visitor.sender_id)
    needles = (NAME, EMAIL, PHONE_DIGITS, "Kazakhstan", "call me on", visitor.sender_id)
    assert outbox_rows(stack), "the lead went through the outbox"
    assert personal_data_in(outbox_rows(stack), *needles) == []

    erased = requests.delete(
        f"{stack.url('catalogue')}/staff/leads/{lead['id']}/personal-data",
        headers={"X-API-Key": stack.secrets.catalogue_api_key},
        timeout=10,
    )
    assert erased.status_code == 200, erased.text
    assert personal_data_in(outbox_rows(stack), *needles) == []
