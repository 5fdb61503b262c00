"""The leads CSV neutralises spreadsheet formulas in every cell (OWASP, "CSV Injection").

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheets; the export prefixes such cells with ``'``. The e-mail column is the
one the hostile probe used: ``=cmd|' /C calc'!A0@example.com`` is a valid address.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from catalogue_api.lead_service import CSV_COLUMNS, leads_csv
from catalogue_api.models import Lead

#: What spreadsheets read as the start of a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_EMAIL = "=cmd|'/C.calc'!A0@example.com"


def export_rows(client: TestClient, staff: dict) -> list[dict[str, str]]:
    """The rows of ``GET /staff/leads.csv``."""
    response = client.get("/staff/leads.csv", headers=staff)
    assert response.status_code == 200, response.text
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_formula_in_the_email_column_is_escaped(
    client: TestClient, staff: dict, make_lead
) -> None:
    """The API stores the address unchanged, and the export shows it as text."""
    lead = make_lead(email=FORMULA_EMAIL, phone="+1-2-3-4-5")
    stored = client.get(f"/staff/leads/{lead['id']}", headers=staff).json()
    assert stored["email"] == FORMULA_EMAIL  # the data is kept as given
    row = export_rows(client, staff)[0]
    assert row["email"] == "'" + FORMULA_EMAIL
    assert row["phone"] == "'+1-2-3-4-5"  # a spreadsheet would compute -13


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_text_cell_starting_with_a_trigger_is_escaped(trigger: str) -> None:
    """Each trigger character, in each text column, gets a leading quote."""
    value = f"{trigger}SUM(1+1)"
    lead = Lead(
        id=1,
        client_reference=value,
        name=value,
        company=value,
        country=value,
        country_code=None,
        email=value,
        phone=value,
        interest=value,
        consent=True,
        conversation_id=value,
        language="en",
        handoff=False,
        status="new",
        assigned_to=value,
        created_at=datetime(2024, 1, 1),
        updated_at=datetime(2024, 1, 1),
    )
    lead.projects = []
    lead.services = []
    text = leads_csv([lead]).lstrip("\ufeff")
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert set(row) == set(CSV_COLUMNS)
    text_columns = [
        "client_reference",
        "name",
        "company",
        "country",
        "email",
        "phone",
        "interest",
        "conversation_id",
        "assigned_to",
    ]
    for column in text_columns:
        assert row[column] == "'" + value, column


def test_harmless_cells_are_unchanged(client: TestClient, staff: dict, make_lead) -> None:
    """Text that does not start with a trigger, dates, flags and lists stay as they are."""
    make_lead(name="O'Brien = chief", email="a@example.com", country="Kazakhstan")
    row = export_rows(client, staff)[0]
    assert row["name"] == "O'Brien = chief"
    assert row["email"] == "a@example.com"
    assert row["consent"] == "true" and row["created_at"][:2] == "20"
