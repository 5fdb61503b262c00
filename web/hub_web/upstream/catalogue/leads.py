"""The catalogue's leads, as staff see them: pages, counts, one lead, its personal data."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from hub_vocabulary import LEAD_MAX_LENGTHS
from hub_web.upstream.catalogue.base import CatalogueBase
from hub_web.upstream.results import ConversationLeadCounts

LEAD_FILTERS = (
    "status",
    "channel",
    "language",
    "country",
    "country_code",
    "project",
    "service",
    "handoff",
    "assigned_to",
)
LEADS_PAGE_SIZE = 500
MAX_LEADS_READ = 10_000
#: Conversation ids per ``POST /staff/lead-counts/conversations`` (the most it takes: a batch
#: of the longest ids stays under the catalogue's default body limit).
CONVERSATION_IDS_PER_REQUEST = 250


def clean_lead_filters(params: Mapping[str, str]) -> dict[str, str]:
    """Keep the known, non-empty lead filters of a query string.

    Args:
        params: Query parameters, e.g. ``request.query_params``.

    Returns:
        The filters the catalogue's ``/staff/leads`` understands.
    """
    return {name: params[name].strip() for name in LEAD_FILTERS if params.get(name, "").strip()}


def _could_name_a_lead(conversation_id: str) -> bool:
    """Whether the catalogue could store this id in a lead (others match no lead: not sent)."""
    return (
        bool(conversation_id)
        and len(conversation_id) <= LEAD_MAX_LENGTHS["conversation_id"]
        and not any(unicodedata.category(char) == "Cc" for char in conversation_id)
    )


class LeadsApi(CatalogueBase):
    """The catalogue's ``/staff/leads`` and ``/staff/lead-counts`` endpoints (``X-API-Key``)."""

    async def list_leads(
        self, filters: Mapping[str, str] | None = None, page: int = 1, page_size: int = 100
    ) -> dict[str, Any]:
        """Fetch one page of leads, newest first, optionally filtered (see :data:`LEAD_FILTERS`).

        Args:
            filters: Filter names mapped to values.
            page: Page number, from 1.
            page_size: Leads per page (the catalogue allows up to 500).

        Returns:
            ``{"items": [Lead], "total": int}``; ``total`` counts every match.
        """
        params = {**dict(filters or {}), "page": str(page), "page_size": str(page_size)}
        response = await self._request("GET", "/staff/leads", params=params)
        return response.json()

    async def all_leads(
        self, filters: Mapping[str, str] | None = None, max_leads: int = MAX_LEADS_READ
    ) -> list[dict[str, Any]]:
        """Fetch every lead matching ``filters`` (at most ``max_leads``), newest first."""
        leads: list[dict[str, Any]] = []
        page = 1
        while len(leads) < max_leads:
            body = await self.list_leads(filters, page=page, page_size=LEADS_PAGE_SIZE)
            items = body.get("items") or []
            leads.extend(items)
            if not items or len(leads) >= int(body.get("total") or 0):
                break
            page += 1
        return leads[:max_leads]

    async def lead_counts(
        self, filters: Mapping[str, str] | None = None, utc_offset_minutes: int = 0
    ) -> dict[str, Any]:
        """Count the matching leads in the catalogue's SQL (``GET /staff/lead-counts``).

        Args:
            filters: As for :meth:`list_leads`.
            utc_offset_minutes: The hub's offset from UTC, for the days.

        Returns:
            ``{"total", "per_day", "by_country", "by_project", "by_service"}`` (``LeadCounts``).
        """
        params = {**dict(filters or {}), "utc_offset_minutes": str(utc_offset_minutes)}
        response = await self._request("GET", "/staff/lead-counts", params=params)
        return response.json()

    async def conversation_lead_counts(
        self, conversation_ids: Iterable[str], filters: Mapping[str, str] | None = None
    ) -> ConversationLeadCounts:
        """Count, in the catalogue's SQL, how many of these conversations the leads name.

        Any number of ids: they go in batches of :data:`CONVERSATION_IDS_PER_REQUEST` to
        ``POST /staff/lead-counts/conversations``, whose counts of distinct ids add up.

        Args:
            conversation_ids: Conversation (Rasa sender) ids; repeats count once.
            filters: As for :meth:`list_leads`: which leads count.

        Returns:
            The counts over every id.
        """
        distinct = list(dict.fromkeys(item.strip() for item in conversation_ids))
        sendable = [item for item in distinct if _could_name_a_lead(item)]
        with_lead = 0
        by_status: Counter[str] = Counter()
        for start in range(0, len(sendable), CONVERSATION_IDS_PER_REQUEST):
            batch = sendable[start : start + CONVERSATION_IDS_PER_REQUEST]
            response = await self._request(
                "POST",
                "/staff/lead-counts/conversations",
                params=dict(filters or {}),
                json={"conversation_ids": batch},
            )
            body = response.json()
            with_lead += int(body.get("with_lead") or 0)
            for item in body.get("by_status") or []:
                by_status[str(item.get("key"))] += int(item.get("count") or 0)
        return ConversationLeadCounts(len(distinct), with_lead, dict(by_status))

    async def get_lead(self, lead_id: int) -> dict[str, Any]:
        """Fetch one lead with its history."""
        response = await self._request("GET", f"/staff/leads/{lead_id}")
        return response.json()

    async def update_lead(self, lead_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change a lead's status and/or assignee.

        Args:
            lead_id: The lead's id.
            changes: ``status`` and/or ``assigned_to``, and ``changed_by`` (staff user name).

        Returns:
            The updated lead.
        """
        response = await self._request("PATCH", f"/staff/leads/{lead_id}", json=dict(changes))
        return response.json()

    async def export_leads_csv(self, filters: Mapping[str, str] | None = None) -> httpx.Response:
        """Fetch the CSV export with the same filters as :meth:`list_leads`."""
        return await self._request("GET", "/staff/leads.csv", params=dict(filters or {}))

    async def personal_data(self, lead_id: int) -> dict[str, Any]:
        """Everything the catalogue stores about the person behind a lead.

        Returns:
            ``{"conversation_id", "leads": [Lead with history]}``: the lead and the other leads
            of its conversation.
        """
        response = await self._request("GET", f"/staff/leads/{lead_id}/personal-data")
        return response.json()

    async def erase_personal_data(self, lead_id: int) -> dict[str, Any]:
        """Delete the person's leads (this one and those of its conversation), all or none.

        Returns:
            ``{"conversation_id", "erased_lead_ids": [int]}``; a lead already erased is an
            :class:`~hub_web.upstream.errors.UpstreamError` with status 404.
        """
        response = await self._request("DELETE", f"/staff/leads/{lead_id}/personal-data")
        return response.json()
