"""``GET /staff/lead-counts``: the console's chart counts by ``GROUP BY``, and ``country_code``.

``POST /staff/lead-counts/conversations``: the funnel's leads matched to conversation ids.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from conftest import TEST_PROJECT_IDS, Backend
from fastapi.testclient import TestClient
from sqlalchemy import update

from catalogue_api import lead_counts
from catalogue_api.lead_count_schemas import MAX_CONVERSATION_IDS
from catalogue_api.models import Lead


def _created(db: Backend, lead_id: int, moment: datetime) -> None:
    with db.factory() as session, session.begin():
        session.execute(update(Lead).where(Lead.id == lead_id).values(created_at=moment))


def test_counts_group_in_sql_by_local_day_country_project_service(
    client: TestClient, db: Backend, staff: dict, make_lead: Callable
) -> None:
    """Days are the hub's local days; a country counts by its code, or as typed without one."""
    first, second = TEST_PROJECT_IDS[:2]
    a = make_lead(name="A", country="Казахстан", country_code="KZ", projects=[first])
    b = make_lead(name="B", country="哈萨克斯坦", country_code="KZ", services=["legal", "hr"])
    c = make_lead(name="C", country="Kazakhstan", projects=[first, second], services=["legal"])
    d = make_lead(name="D", country=None)
    # 17:00 UTC is the next day in Qingdao (UTC+8); 01:00 UTC is the same day.
    _created(db, a["id"], datetime(2024, 5, 1, 17, 0, tzinfo=UTC))
    _created(db, b["id"], datetime(2024, 5, 2, 1, 0, tzinfo=UTC))
    _created(db, c["id"], datetime(2024, 5, 1, 1, 0, tzinfo=UTC))
    _created(db, d["id"], datetime(2024, 5, 9, 1, 0, tzinfo=UTC))

    body = client.get("/staff/lead-counts", headers=staff, params={"utc_offset_minutes": 480})
    assert body.status_code == 200, body.text
    counts = body.json()
    assert counts["total"] == 4
    assert counts["per_day"] == [
        {"key": "2024-05-01", "count": 1},
        {"key": "2024-05-02", "count": 2},
        {"key": "2024-05-09", "count": 1},
    ]
    assert counts["by_country"] == [
        {"country_code": "KZ", "country": None, "count": 2},
        {"country_code": None, "country": None, "count": 1},
        {"country_code": None, "country": "Kazakhstan", "count": 1},
    ]
    assert counts["by_project"] == sorted(
        [{"key": first, "count": 2}, {"key": second, "count": 1}],
        key=lambda item: (-item["count"], item["key"]),
    )
    assert counts["by_service"] == [{"key": "legal", "count": 2}, {"key": "hr", "count": 1}]

    utc = client.get("/staff/lead-counts", headers=staff).json()
    assert [item["key"] for item in utc["per_day"]] == ["2024-05-01", "2024-05-02", "2024-05-09"]
    assert [item["count"] for item in utc["per_day"]] == [2, 1, 1]


def test_counts_honour_the_list_filters(
    client: TestClient, staff: dict, make_lead: Callable
) -> None:
    """The same filters as the list: here ``country_code`` and ``language``."""
    make_lead(name="A", country="Казахстан", country_code="KZ", language="ru")
    make_lead(name="B", country="Kazakhstan", language="en")
    make_lead(name="C", country="China", country_code="CN", language="ru")
    counts = client.get("/staff/lead-counts", headers=staff, params={"country_code": "kz"}).json()
    assert counts["total"] == 1
    counts = client.get("/staff/lead-counts", headers=staff, params={"language": "ru"}).json()
    assert counts["total"] == 2
    assert client.get("/staff/lead-counts", headers={}).status_code == 401
    bad = client.get("/staff/lead-counts", headers=staff, params={"utc_offset_minutes": 9999})
    assert bad.status_code == 422


def test_country_code_filter_is_the_code_only(
    client: TestClient, staff: dict, make_lead: Callable
) -> None:
    """``country_code=KZ`` finds leads whose code is KZ, whatever their typed country."""
    make_lead(name="A", country="Қазақстан", country_code="KZ")
    make_lead(name="B", country="Казахстан", country_code="KZ")
    make_lead(name="C", country="KZ")  # typed, no code
    response = client.get("/staff/leads", headers=staff, params={"country_code": "kz"})
    assert [item["name"] for item in response.json()["items"]] == ["B", "A"]
    refused = client.get("/staff/leads", headers=staff, params={"country_code": "K"})
    assert refused.status_code == 422


# ---------------------------------------------------------------- leads matched to conversations

CONVERSATIONS = "/staff/lead-counts/conversations"


def test_conversations_are_matched_to_their_leads_in_sql(
    client: TestClient, db: Backend, staff: dict, make_lead: Callable
) -> None:
    """A conversation counts once however many leads name it, under each status they have."""
    make_lead(name="A1", conversation_id="conv-a")
    qualified = make_lead(name="A2", conversation_id="conv-a")
    make_lead(name="B", conversation_id="conv-b")
    make_lead(name="C", conversation_id="conv-c")  # not sent
    make_lead(name="D")  # no conversation
    with db.factory() as session, session.begin():
        session.execute(update(Lead).where(Lead.id == qualified["id"]).values(status="qualified"))

    sent = ["conv-a", "conv-b", "conv-a", "conv-x"]
    response = client.post(CONVERSATIONS, headers=staff, json={"conversation_ids": sent})
    assert response.status_code == 200, response.text
    assert response.json() == {
        "conversations": 3,
        "with_lead": 2,
        "by_status": [{"key": "new", "count": 2}, {"key": "qualified", "count": 1}],
    }
    filtered = client.post(
        CONVERSATIONS,
        headers=staff,
        params={"status": "qualified"},
        json={"conversation_ids": sent},
    ).json()
    assert filtered["with_lead"] == 1
    assert filtered["by_status"] == [{"key": "qualified", "count": 1}]
    empty = client.post(CONVERSATIONS, headers=staff, json={"conversation_ids": []}).json()
    assert empty == {"conversations": 0, "with_lead": 0, "by_status": []}


def test_conversation_counts_add_up_over_sql_chunks(
    client: TestClient, staff: dict, make_lead: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids are counted a chunk at a time; the chunks' counts add up to the whole."""
    monkeypatch.setattr(lead_counts, "CONVERSATION_CHUNK", 2)
    for index in range(5):
        make_lead(name=f"L{index}", conversation_id=f"conv-{index}")
    sent = [f"conv-{index}" for index in (4, 0, 9, 1, 4, 3, 8)]
    counts = client.post(CONVERSATIONS, headers=staff, json={"conversation_ids": sent}).json()
    assert counts == {
        "conversations": 6,
        "with_lead": 4,
        "by_status": [{"key": "new", "count": 4}],
    }


def test_conversation_counts_need_staff_and_a_valid_body(client: TestClient, staff: dict) -> None:
    ids = {"conversation_ids": ["conv-a"]}
    assert client.post(CONVERSATIONS, json=ids).status_code == 401
    too_many = {"conversation_ids": [f"c{index}" for index in range(MAX_CONVERSATION_IDS + 1)]}
    for body in (
        too_many,
        {"conversation_ids": ["a\x00b"]},
        {"conversation_ids": [" "]},
        {"conversation_ids": ["x" * 201]},
        {"conversation_ids": ["a"], "extra": 1},
        {},
    ):
        assert client.post(CONVERSATIONS, headers=staff, json=body).status_code == 422
