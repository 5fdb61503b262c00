"""Staff reading leads: the list, its filters and pages, the CSV export and one lead."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def leads(make_lead: Callable) -> list[dict]:
    """Four leads with different attributes (ids in creation order)."""
    return [
        make_lead(
            name="A",
            country="Kazakhstan",
            language="ru",
            projects=["lantern-plaza-area"],
            services=["legal"],
            handoff=True,
        ),
        make_lead(
            name="B",
            country="kazakhstan",
            language="en",
            projects=["cloudberry-digital-city"],
            services=["visa", "legal"],
        ),
        make_lead(
            name="C",
            country="Россия",
            language="ru",
            projects=["lantern-plaza-area", "cloudberry-digital-city"],
            services=["hr"],
        ),
        make_lead(name="D", country=None, language="zh", email=None, phone="+86 532 8888 8888"),
    ]


def names(response) -> list[str]:
    """The names of the leads a staff list answer holds, in its order."""
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_list_all_newest_first(client: TestClient, staff: dict, leads: list) -> None:
    """Leads are listed newest first."""
    response = client.get("/staff/leads", headers=staff)
    assert names(response) == ["D", "C", "B", "A"]
    assert response.json()["total"] == 4
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"language": "ru"}, ["C", "A"]),
        ({"language": "zh"}, ["D"]),
        ({"country": "KAZAKHSTAN"}, ["B", "A"]),
        ({"country": "россия"}, ["C"]),
        ({"country": "Mongolia"}, []),
        ({"project": "lantern-plaza-area"}, ["C", "A"]),
        ({"project": "cloudberry-digital-city", "language": "en"}, ["B"]),
        ({"project": "removed-project"}, []),
        ({"service": "legal"}, ["B", "A"]),
        ({"service": "hr"}, ["C"]),
        ({"handoff": "true"}, ["A"]),
        ({"handoff": "false"}, ["D", "C", "B"]),
        ({"status": "new"}, ["D", "C", "B", "A"]),
        ({"status": "closed"}, []),
        ({"assigned_to": "nobody"}, []),
    ],
)
def test_list_filters(
    client: TestClient, staff: dict, leads: list, params: dict, expected: list
) -> None:
    """Each lead filter, alone and combined."""
    response = client.get("/staff/leads", headers=staff, params=params)
    assert names(response) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("KZ", ["D", "B", "A"]),
        ("kz", ["D", "B", "A"]),  # code, case-insensitive, or the typed text "KZ"
        ("Kz", ["D", "B", "A"]),
        ("uz", ["E"]),
        ("KAZAKHSTAN", ["C"]),  # typed text only: C has no code
        ("казахстан", ["A"]),
        ("哈萨克斯坦", ["B"]),
        ("K", []),  # whole values only
        ("XX", []),
    ],
)
def test_country_filter_matches_code_or_typed_country(
    client: TestClient, staff: dict, make_lead: Callable, country: str, expected: list
) -> None:
    """``country`` matches the typed country in any case or a two-letter code."""
    make_lead(name="A", country="Казахстан", country_code="KZ")
    make_lead(name="B", country="哈萨克斯坦", country_code="KZ")
    make_lead(name="C", country="Kazakhstan")
    make_lead(name="D", country="KZ")
    make_lead(name="E", country="Oʻzbekiston", country_code="UZ")
    response = client.get("/staff/leads", headers=staff, params={"country": country})
    assert names(response) == expected
    csv_rows = read_csv(client.get("/staff/leads.csv", headers=staff, params={"country": country}))
    assert [r["name"] for r in csv_rows] == expected[::-1]


def test_filter_by_status_and_assignee_after_changes(
    client: TestClient, staff: dict, leads: list
) -> None:
    """Status and assignee filters follow staff changes."""
    client.patch(
        f"/staff/leads/{leads[1]['id']}",
        headers=staff,
        json={"status": "contacted", "assigned_to": "anna", "changed_by": "anna"},
    )
    assert names(client.get("/staff/leads", headers=staff, params={"status": "contacted"})) == ["B"]
    assert names(client.get("/staff/leads", headers=staff, params={"assigned_to": "anna"})) == ["B"]


def test_list_pagination(client: TestClient, staff: dict, leads: list) -> None:
    """Pages of leads; ``total`` counts every match."""
    response = client.get("/staff/leads", headers=staff, params={"page": 2, "page_size": 3})
    assert names(response) == ["A"]
    assert response.json()["total"] == 4


@pytest.mark.parametrize(
    "params",
    [
        {"status": "lost"},
        {"language": "de"},
        {"service": "massage"},
        {"handoff": "maybe"},
        {"country": "x" * 101},
        {"country": "a\x00b"},
        {"project": "p" * 65},
        {"assigned_to": "a\x01"},
        {"page": 0},
        {"page_size": 501},
    ],
)
def test_list_filter_validation(client: TestClient, staff: dict, params: dict) -> None:
    """Invalid filter values are a 422 naming the parameter."""
    for path in ("/staff/leads", "/staff/leads.csv"):
        response = client.get(path, headers=staff, params=params)
        if path.endswith(".csv") and set(params) <= {"page", "page_size"}:
            continue  # the export has no pages
        assert response.status_code == 422, (path, response.text)
        assert next(iter(params)) in response.json()["detail"]


def read_csv(response) -> list[dict]:
    """The rows of a CSV export, after checking its type, attachment header and BOM."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_csv_export_with_filters(client: TestClient, staff: dict, leads: list) -> None:
    """The CSV export takes the list's filters."""
    rows = read_csv(client.get("/staff/leads.csv", headers=staff))
    assert [r["name"] for r in rows] == ["A", "B", "C", "D"]
    assert rows[2]["projects"] == "lantern-plaza-area;cloudberry-digital-city"
    assert rows[1]["services"] == "visa;legal"
    assert rows[0]["handoff"] == "true" and rows[3]["email"] == ""
    assert rows[2]["country"] == "Россия"
    assert rows[2]["country_code"] == ""
    filtered = read_csv(
        client.get("/staff/leads.csv", headers=staff, params={"service": "legal", "language": "ru"})
    )
    assert [r["name"] for r in filtered] == ["A"]
    empty = read_csv(client.get("/staff/leads.csv", headers=staff, params={"status": "closed"}))
    assert empty == []


def test_csv_has_a_country_code_column(client: TestClient, staff: dict, make_lead) -> None:
    """The CSV export has a ``country_code`` column."""
    make_lead(name="K", country="Казахстан", country_code="KZ")
    response = client.get("/staff/leads.csv", headers=staff)
    header = response.content.decode("utf-8-sig").split("\r\n")[0].split(",")
    assert header[header.index("country") + 1] == "country_code"
    assert read_csv(response)[0]["country_code"] == "KZ"


def test_csv_quoting_and_formula_guard(client: TestClient, staff: dict, make_lead) -> None:
    """CSV cells are quoted, and free text that looks like a formula is guarded."""
    make_lead(
        name='=HYPERLINK("http://evil.example")',
        company='Acme, "Best" Ltd.',
        interest="line one\nline two, with comma",
        phone="+7 700 000 00 00",
    )
    rows = read_csv(client.get("/staff/leads.csv", headers=staff))
    assert rows[0]["name"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["company"] == 'Acme, "Best" Ltd.'
    assert rows[0]["interest"] == "line one\nline two, with comma"
    assert rows[0]["phone"] == "'+7 700 000 00 00"  # a leading + is a formula too


def test_get_one_lead_and_404(client: TestClient, staff: dict, leads: list) -> None:
    """One lead with its history; an unknown id is a 404, a malformed one a 422."""
    lead = client.get(f"/staff/leads/{leads[2]['id']}", headers=staff).json()
    assert lead["name"] == "C" and lead["history"][0]["to_value"] == "new"
    missing = client.get("/staff/leads/999999", headers=staff)
    assert missing.status_code == 404 and missing.json() == {"detail": "lead 999999 not found"}
    for bad in ("abc", "0", "-1", "99999999999999999999"):
        assert client.get(f"/staff/leads/{bad}", headers=staff).status_code == 422
