"""Fake answers of the catalogue's staff lead endpoints (checked against its OpenAPI schema)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx


def lead(lead_id: int = 1, **fields: object) -> dict[str, object]:
    """A lead as the catalogue's staff API returns it."""
    value: dict[str, object] = {
        "id": lead_id,
        "client_reference": None,
        "name": f"Lead {lead_id}",
        "company": "Example Co.",
        "country": "Kazakhstan",
        "country_code": None,
        "email": f"lead{lead_id}@example.org",
        "phone": None,
        "interest": "Medical projects",
        "consent": True,
        "conversation_id": None,
        "channel": "socketio",
        "language": "ru",
        "projects": [],
        "services": [],
        "handoff": False,
        "status": "new",
        "assigned_to": None,
        "created_at": "2024-05-06T10:00:00+00:00",
        "updated_at": "2024-05-06T10:00:00+00:00",
    }
    value.update(fields)
    return value


#: A fake ``GET /staff/lead-counts`` answer (``LeadCounts``).
LEAD_COUNTS: dict[str, object] = {
    "total": 4,
    "per_day": [
        {"key": "2024-05-06", "count": 2},
        {"key": "2024-05-12", "count": 1},
        {"key": "2024-05-13", "count": 1},
    ],
    "by_country": [
        {"country_code": "KZ", "country": None, "count": 2},
        {"country_code": None, "country": "Kazakhstan", "count": 1},
        {"country_code": None, "country": "Монголия", "count": 1},
    ],
    "by_project": [{"key": "sco-plaza-area", "count": 2}],
    "by_service": [{"key": "hr", "count": 1}],
    "by_channel": [{"key": "socketio", "count": 3}, {"key": "telegram", "count": 1}],
}


def count_conversation_leads(
    leads: Iterable[Mapping[str, object]], conversation_ids: Iterable[str]
) -> dict[str, Any]:
    """The catalogue's ``POST /staff/lead-counts/conversations`` answer over ``leads``.

    As its SQL counts: distinct ids; a conversation counts once, under each status of its leads.
    """
    sent = set(conversation_ids)
    statuses: dict[str, set[str]] = {}
    for item in leads:
        conversation_id = item.get("conversation_id")
        if isinstance(conversation_id, str) and conversation_id in sent:
            statuses.setdefault(str(item.get("status")), set()).add(conversation_id)
    by_status = sorted(
        ((status, len(ids)) for status, ids in statuses.items()), key=lambda i: (-i[1], i[0])
    )
    return {
        "conversations": len(sent),
        "with_lead": len(set().union(*statuses.values())),
        "by_status": [{"key": status, "count": n} for status, n in by_status],
    }


def fake_conversation_lead_counts(
    leads: Iterable[Mapping[str, object]],
) -> Callable[[httpx.Request], httpx.Response]:
    """A respx side effect answering ``POST /staff/lead-counts/conversations`` over ``leads``."""
    stored = list(leads)

    def answer(request: httpx.Request) -> httpx.Response:
        ids = json.loads(request.content)["conversation_ids"]
        return httpx.Response(200, json=count_conversation_leads(stored, ids))

    return answer


def lead_detail(lead_id: int = 1, **fields: object) -> dict[str, object]:
    """A lead with its history, as ``GET /staff/leads/{id}`` and the personal data give it."""
    created = {
        "changed_at": "2024-05-06T10:00:00+00:00",
        "changed_by": "intake",
        "field": "status",
        "from_value": None,
        "to_value": "new",
    }
    return {**lead(lead_id, **fields), "history": [created]}


def personal_data(conversation_id: str | None, *leads: dict[str, object]) -> dict[str, object]:
    """The catalogue's ``GET /staff/leads/{id}/personal-data`` answer."""
    return {"conversation_id": conversation_id, "leads": list(leads)}
