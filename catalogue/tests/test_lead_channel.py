"""A lead's ``channel`` (issue 24) and the one field list of a lead (issue 19, item 3).

The channel the person wrote through is stored, returned, filtered by, counted and exported;
a lead's fields are listed once (``LeadBase``), and the stored lead, the CSV columns and the
text limits all follow from that list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from catalogue_api.lead_schemas import LeadBase, LeadCreate, LeadPublic
from catalogue_api.lead_service import CSV_COLUMNS
from catalogue_api.models import Lead
from hub_vocabulary import LEAD_CHANNELS, LEAD_MAX_LENGTHS


def _csv(client: TestClient, staff: dict, **params: str) -> list[dict[str, str]]:
    response = client.get("/staff/leads.csv", headers=staff, params=params)
    assert response.status_code == 200, response.text
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_channel_is_stored_filtered_counted_and_exported(
    client: TestClient, staff: dict, make_lead: Callable
) -> None:
    """Staff see where each lead came from, and can pick the leads of one channel."""
    telegram = make_lead(name="T", channel="telegram")
    make_lead(name="W", channel="socketio")
    make_lead(name="W2", channel="socketio")
    unknown = make_lead(name="U")
    stored = client.get(f"/staff/leads/{telegram['id']}", headers=staff).json()
    assert stored["channel"] == "telegram"
    assert client.get(f"/staff/leads/{unknown['id']}", headers=staff).json()["channel"] is None

    listed = client.get("/staff/leads", headers=staff, params={"channel": "telegram"}).json()
    assert [item["id"] for item in listed["items"]] == [telegram["id"]]
    assert [row["name"] for row in _csv(client, staff, channel="telegram")] == ["T"]
    assert {row["channel"] for row in _csv(client, staff)} == {"telegram", "socketio", ""}

    counts = client.get("/staff/lead-counts", headers=staff).json()
    assert counts["by_channel"] == [
        {"key": "socketio", "count": 2},
        {"key": "telegram", "count": 1},
    ]
    only = client.get("/staff/lead-counts", headers=staff, params={"channel": "socketio"}).json()
    assert only["total"] == 2


@pytest.mark.parametrize("channel", ["viber", "", 5])
def test_an_unknown_channel_is_refused(client: TestClient, make_lead, channel: object) -> None:
    body = {"name": "A", "email": "a@example.com", "consent": True, "channel": channel}
    assert client.post("/leads", json=body).status_code == 422


def test_an_unknown_channel_filter_is_422(client: TestClient, staff: dict) -> None:
    assert client.get("/staff/leads", headers=staff, params={"channel": "x"}).status_code == 422


def test_the_channels_are_the_vocabulary_s(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["LeadChannel"]["enum"] == list(LEAD_CHANNELS)


# ---------------------------------------------------------------- one field list


def test_create_and_public_share_the_base_fields() -> None:
    """``LeadCreate`` and ``LeadPublic`` are ``LeadBase`` plus their own few fields."""
    base = set(LeadBase.model_fields)
    assert set(LeadCreate.model_fields) - base == {"consent"}
    assert set(LeadPublic.model_fields) - base == {
        "id",
        "status",
        "assigned_to",
        "created_at",
        "updated_at",
        "consent",
    }


def test_every_public_field_is_a_column_and_every_column_is_shown() -> None:
    """Adding a field to ``LeadBase`` without its column (or the reverse) fails here."""
    columns = set(Lead.__table__.columns.keys()) | {"projects", "services"}
    internal = {"country_key"}  # the case-folded country, for filtering
    assert set(LeadPublic.model_fields) == columns - internal


def test_csv_columns_come_from_the_model() -> None:
    assert set(CSV_COLUMNS) == set(LeadPublic.model_fields)
    assert CSV_COLUMNS[:5] == ("id", "status", "assigned_to", "created_at", "updated_at")
    assert "channel" in CSV_COLUMNS


def test_text_limits_come_from_the_vocabulary(client: TestClient) -> None:
    """The schema, the columns and the lead form share ``hub_vocabulary.LEAD_MAX_LENGTHS``."""
    schema = client.get("/openapi.json").json()["components"]["schemas"]["LeadCreate"]
    for field, limit in LEAD_MAX_LENGTHS.items():
        prop = schema["properties"][field]
        lengths = [prop.get("maxLength")] + [b.get("maxLength") for b in prop.get("anyOf", [])]
        assert limit in lengths, field
        column = Lead.__table__.columns[field]
        assert getattr(column.type, "length", None) in (limit, None), field
