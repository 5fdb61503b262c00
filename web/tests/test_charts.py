"""Chart data: leads per week, by country, by interest, and conversations per language."""

from __future__ import annotations

from pathlib import Path

import pytest
import respx
from lead_fakes import LEAD_COUNTS, lead
from web_support import CATALOGUE_URL, publish

from hub_vocabulary import LEAD_CHANNELS
from hub_web.console.lead_charts import (
    leads_by_channel,
    leads_by_country,
    leads_by_interest,
    leads_per_week,
)
from hub_web.staff_labels import CHANNEL_LABELS, channel_label, country_label


def _day(key: str, count: int) -> dict[str, object]:
    return {"key": key, "count": count}


def _country(code: str | None, typed: str | None, count: int) -> dict[str, object]:
    return {"country_code": code, "country": typed, "count": count}


def test_leads_per_week_fills_empty_weeks() -> None:
    per_day = [
        _day("2024-05-06", 1),
        _day("2024-05-12", 1),
        _day("2024-05-21", 1),
        _day("not a date", 4),
    ]
    assert leads_per_week(per_day) == {
        "labels": ["Week of 2024-05-06", "Week of 2024-05-13", "Week of 2024-05-20"],
        "values": [2, 0, 1],
        "note": "",
    }


def test_leads_per_week_without_leads() -> None:
    assert leads_per_week([]) == {"labels": [], "values": [], "note": "No leads yet."}


def test_leads_by_country_most_frequent_first() -> None:
    counts = [_country(None, "Uzbekistan", 1), _country("KZ", None, 2), _country(None, None, 1)]
    assert leads_by_country(counts) == {
        "labels": ["Kazakhstan", "Uzbekistan", "Not given"],
        "values": [2, 1, 1],
        "note": "",
    }


def test_every_channel_has_a_label_for_staff() -> None:
    assert set(CHANNEL_LABELS) == set(LEAD_CHANNELS)
    assert channel_label("telegram") == "Telegram"
    assert channel_label(None) == "Not recorded"
    assert channel_label("viber") == "viber"  # a newer catalogue's code, shown as it is


def test_leads_by_channel_most_frequent_first() -> None:
    counts = [_day("rest", 1), _day("telegram", 4), _day("socketio", 2)]
    assert leads_by_channel(counts) == {
        "labels": ["Telegram", "Website chat", "REST API"],
        "values": [4, 2, 1],
        "note": "",
    }
    assert leads_by_channel([])["note"] == "No lead has a recorded channel yet."


def test_leads_without_a_code_fall_back_to_the_typed_country() -> None:
    counts = [
        _country("KZ", None, 1),
        _country(None, "Kazakhstan", 1),  # no code: typed text, which is the KZ bar's label
        _country(None, "Монголия", 2),
        _country(None, "", 1),
    ]
    result = leads_by_country(counts)
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
    result = leads_by_interest(
        [{"key": "sco-plaza-area", "count": 2}, {"key": "unknown-id", "count": 1}],
        [{"key": "hr", "count": 1}, {"key": "company_registration", "count": 1}],
        {"sco-plaza-area": "SCO Plaza Area"},
    )
    assert dict(zip(result["labels"], result["values"], strict=True)) == {
        "Project: SCO Plaza Area": 2,
        "Project: unknown-id": 1,
        "Service: HR": 1,
        "Service: Company registration": 1,
    }


def test_chart_endpoints_count_in_the_catalogue(staff_client, upstream: respx.MockRouter) -> None:
    """The charts ask the catalogue for counts (days in Qingdao time), never for its leads."""
    client, _ = staff_client
    counts = upstream.get(f"{CATALOGUE_URL}/staff/lead-counts").respond(json=LEAD_COUNTS)
    leads = upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(json={"items": [], "total": 0})
    upstream.get(f"{CATALOGUE_URL}/projects").respond(
        json={"items": [{"id": "sco-plaza-area", "name": "SCO Plaza Area"}], "total": 1}
    )
    assert client.get("/console/api/charts/leads-per-week").json() == {
        "labels": ["Week of 2024-05-06", "Week of 2024-05-13"],
        "values": [3, 1],
        "note": "",
    }
    assert client.get("/console/api/charts/leads-by-country").json() == {
        "labels": ["Kazakhstan", "Монголия"],
        "values": [3, 1],
        "note": "",
    }
    interest = client.get("/console/api/charts/leads-by-interest").json()
    assert interest["labels"] == ["Project: SCO Plaza Area", "Service: HR"]
    assert client.get("/console/api/charts/leads-by-channel").json() == {
        "labels": ["Website chat", "Telegram"],
        "values": [3, 1],
        "note": "",
    }
    assert counts.calls.last.request.url.params["utc_offset_minutes"] == "480"
    assert not leads.called


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
