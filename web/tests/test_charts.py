"""Chart data: leads per week, by country, by interest, and conversations per language."""

from __future__ import annotations

from pathlib import Path

import pytest
import respx
from web_support import CATALOGUE_URL, lead, publish

from hub_web.leads import country_label, leads_by_country, leads_by_interest, leads_per_week


def test_leads_per_week_fills_empty_weeks() -> None:
    leads = [
        lead(1, created_at="2024-05-06T10:00:00+00:00"),
        lead(2, created_at="2024-05-12T23:59:00Z"),
        lead(3, created_at="2024-05-21T08:00:00+00:00"),
        lead(4, created_at="not a date"),
    ]
    assert leads_per_week(leads) == {
        "labels": ["Week of 2024-05-06", "Week of 2024-05-13", "Week of 2024-05-20"],
        "values": [2, 0, 1],
        "note": "",
    }


def test_leads_per_week_without_leads() -> None:
    assert leads_per_week([]) == {"labels": [], "values": [], "note": "No leads yet."}


def test_leads_by_country_most_frequent_first() -> None:
    leads = [
        lead(1, country="Uzbekistan"),
        lead(2, country="Kazakhstan"),
        lead(3, country="Kazakhstan"),
        lead(4, country=None),
    ]
    assert leads_by_country(leads) == {
        "labels": ["Kazakhstan", "Uzbekistan", "Not given"],
        "values": [2, 1, 1],
        "note": "",
    }


def test_leads_by_country_counts_country_codes_across_languages() -> None:
    leads = [
        lead(1, country="Казахстан", country_code="KZ"),
        lead(2, country="哈萨克斯坦", country_code="KZ"),
        lead(3, country="Kazakhstan", country_code="KZ"),
        lead(4, country="Узбекистан", country_code="UZ"),
        lead(5, country="Россия", country_code="RU"),
        lead(6, country="Russian Federation", country_code="RU"),
        lead(7, country=None, country_code=None),
    ]
    assert leads_by_country(leads) == {
        "labels": ["Kazakhstan", "Russia", "Uzbekistan", "Not given"],
        "values": [3, 2, 1, 1],
        "note": "",
    }


def test_leads_without_a_code_fall_back_to_the_typed_country() -> None:
    leads = [
        lead(1, country="Казахстан", country_code="KZ"),
        lead(2, country="Kazakhstan"),  # no code: typed text, which is the KZ bar's label
        lead(3, country="  Монголия "),
        lead(4, country="Монголия"),
        lead(5, country=""),
    ]
    result = leads_by_country(leads)
    assert dict(zip(result["labels"], result["values"], strict=True)) == {
        "Kazakhstan": 2,
        "Монголия": 2,
        "Not given": 1,
    }


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"country": "哈萨克斯坦", "country_code": "KZ"}, "Kazakhstan"),
        ({"country": "Китай", "country_code": "CN"}, "China"),
        ({"country": "Oʻzbekiston", "country_code": "UZ"}, "Uzbekistan"),
        ({"country": None, "country_code": "kz"}, "Kazakhstan"),  # case is not trusted
        ({"country": "Atlantis", "country_code": "XX"}, "Atlantis"),  # not a CLDR territory
        ({"country": None, "country_code": "XX"}, "XX"),
        ({"country": "Kazakhstan", "country_code": "KAZ"}, "Kazakhstan"),  # not alpha-2
        ({"country": "Turkey"}, "Turkey"),  # leads from before country codes
        ({"country": " ", "country_code": None}, "Not given"),
    ],
)
def test_country_label(fields: dict, label: str) -> None:
    assert country_label(lead(1, **fields)) == label


def test_leads_by_interest_names_projects_and_services() -> None:
    leads = [
        lead(1, projects=["sco-plaza-area"], services=["legal", "company_registration"]),
        lead(2, projects=["sco-plaza-area", "unknown-id"]),
    ]
    result = leads_by_interest(leads, {"sco-plaza-area": "SCO Plaza Area"})
    assert dict(zip(result["labels"], result["values"], strict=True)) == {
        "Project: SCO Plaza Area": 2,
        "Project: unknown-id": 1,
        "Service: legal": 1,
        "Service: company registration": 1,
    }


def test_chart_endpoints(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(
        json={"items": [lead(1, projects=["sco-plaza-area"], country="Kazakhstan")], "total": 1}
    )
    upstream.get(f"{CATALOGUE_URL}/projects").respond(
        json={"items": [{"id": "sco-plaza-area", "name": "SCO Plaza Area"}], "total": 1}
    )
    assert client.get("/console/api/charts/leads-per-week").json()["values"] == [1]
    assert client.get("/console/api/charts/leads-by-country").json()["labels"] == ["Kazakhstan"]
    interest = client.get("/console/api/charts/leads-by-interest").json()
    assert interest["labels"] == ["Project: SCO Plaza Area"]


def test_leads_by_country_endpoint_merges_country_codes(
    staff_client, upstream: respx.MockRouter
) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(
        json={
            "items": [
                lead(1, country="Казахстан", country_code="KZ"),
                lead(2, country="哈萨克斯坦", country_code="KZ"),
                lead(3, country="Kazakhstan", country_code="KZ"),
                lead(4, country="Монголия"),
            ],
            "total": 4,
        }
    )
    assert client.get("/console/api/charts/leads-by-country").json() == {
        "labels": ["Kazakhstan", "Монголия"],
        "values": [3, 1],
        "note": "",
    }


def test_charts_page_loads_local_chart_js(staff_client) -> None:
    client, _ = staff_client
    text = client.get("/console/charts").text
    assert '<script src="/static/vendor/chart.umd.min.js"></script>' in text
    assert "http" not in text.split("<main")[1].split("</main>")[0]


def _slot(sender_id: str, name: str, value: object) -> dict[str, object]:
    return {"sender_id": sender_id, "event": "slot", "name": name, "value": value}


def _user(sender_id: str, text: str = "hello") -> dict[str, object]:
    return {"sender_id": sender_id, "event": "user", "text": text, "timestamp": 1715000000.0}


def test_conversations_per_language_endpoint(staff_client, tmp_path: Path) -> None:
    client, _ = staff_client
    publish(
        tmp_path / "events.db",
        [
            _user("a"),
            _slot("a", "language", "en"),
            _slot("a", "language", "zh"),
            _user("b"),
            _slot("b", "language", "zh"),
            _user("c"),
            _slot("c", "language", "ru"),
            _slot("c", "project", "sco-plaza-area"),
            _user("d"),
            _user("e"),
            _slot("e", "language", None),
            _slot("f", "language", "en"),  # no visitor message: not a conversation yet
        ],
    )
    assert client.get("/console/api/charts/conversations-per-language").json() == {
        "labels": ["Russian", "Unknown", "Chinese"],
        "values": [1, 2, 2],
        "note": "",
    }
    publish(tmp_path / "events.db", [_user("f")])
    assert client.get("/console/api/charts/conversations-per-language").json()["labels"] == [
        "English",
        "Russian",
        "Unknown",
        "Chinese",
    ]


def test_conversations_per_language_before_any_event(staff_client, tmp_path: Path) -> None:
    client, _ = staff_client
    assert client.get("/console/api/charts/conversations-per-language").json() == {
        "labels": [],
        "values": [],
        "note": "No conversations yet.",
    }
    assert not (tmp_path / "events.db").exists()  # Rasa creates the broker's file, never we
