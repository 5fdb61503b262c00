"""Server-side clients for the catalogue API and Rasa's HTTP API: the only module using httpx.

The secrets (``X-API-Key``, a JWT signed with Rasa's ``--jwt-secret``) are added here, in
headers, never in a URL (URLs end up in access logs), and never reach a browser.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import jwt

from hub_vocabulary import LEAD_MAX_LENGTHS
from hub_web.settings import Settings

logger = logging.getLogger(__name__)

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
UPSTREAM_TIMEOUT_SECONDS = 10.0
CACHE_TTL_SECONDS = 300.0
#: The public pages wait this long for the hub's facts before rendering without them.
HUB_TIMEOUT_SECONDS = 3.0
#: The response that tells the visitor the bot is back (``domain.yml``).
BACK_RESPONSE = "utter_handoff_ended"
RESUME_EVENTS = [{"event": "resume"}, {"event": "action", "name": "action_listen"}]
MAX_LEADS_READ = 10_000
#: Conversation ids per ``POST /staff/lead-counts/conversations`` (the most it takes: a batch
#: of the longest ids stays under the catalogue's default body limit).
CONVERSATION_IDS_PER_REQUEST = 250
#: Lifetime of the token of one call to Rasa's HTTP API.
RASA_JWT_TTL_SECONDS = 60
#: Who the console is in its tokens; ``admin`` may call every endpoint (``rasa/server.py``).
RASA_JWT_USER = {"username": "hub-console", "role": "admin"}


class UpstreamError(Exception):
    """An upstream service failed or refused a request.

    Attributes:
        service: ``"catalogue"`` or ``"rasa"``.
        status_code: The upstream HTTP status, or ``None`` when it could not be reached.
        detail: A short explanation safe to show to staff.
    """

    def __init__(self, service: str, status_code: int | None, detail: str) -> None:
        super().__init__(f"{service}: {status_code} {detail}")
        self.service = service
        self.status_code = status_code
        self.detail = detail
        #: A refused request's field errors (409, 422 from the catalogue), else None.
        self.errors: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class ConversationLeadCounts:
    """How many of some conversations the catalogue's leads name (its ``ConversationLeadCounts``).

    Attributes:
        conversations: Distinct conversation ids asked about.
        with_lead: Of them, those that at least one lead names.
        by_status: Lead status -> the conversations with at least one lead in that status.
    """

    conversations: int = 0
    with_lead: int = 0
    by_status: Mapping[str, int] = field(default_factory=dict)


def _could_name_a_lead(conversation_id: str) -> bool:
    """Whether the catalogue could store this id in a lead (others match no lead: not sent)."""
    return (
        bool(conversation_id)
        and len(conversation_id) <= LEAD_MAX_LENGTHS["conversation_id"]
        and not any(unicodedata.category(char) == "Cc" for char in conversation_id)
    )


class _TimedCache:
    """Values by key, each kept for ``ttl_seconds`` after it was stored."""

    def __init__(self, ttl_seconds: float = CACHE_TTL_SECONDS) -> None:
        self._ttl_seconds = ttl_seconds
        self._entries: dict[str, tuple[float, Any]] = {}

    def get(self, key: str) -> Any | None:
        stored_at, value = self._entries.get(key, (float("-inf"), None))
        return value if time.monotonic() - stored_at < self._ttl_seconds else None

    def put(self, key: str, value: Any) -> None:
        self._entries[key] = (time.monotonic(), value)


def clean_lead_filters(params: Mapping[str, str]) -> dict[str, str]:
    """Keep the known, non-empty lead filters of a query string.

    Args:
        params: Query parameters, e.g. ``request.query_params``.

    Returns:
        The filters the catalogue's ``/staff/leads`` understands.
    """
    return {name: params[name].strip() for name in LEAD_FILTERS if params.get(name, "").strip()}


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase or "error"
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return body["detail"]
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return body["message"]
    return response.reason_phrase or "error"


async def _send(
    http: httpx.AsyncClient, service: str, method: str, url: str, **kwargs: Any
) -> httpx.Response:
    """Send a request; an unreachable ``service`` or a 4xx/5xx answer is an UpstreamError."""
    try:
        response = await http.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        raise UpstreamError(service, None, f"unreachable ({type(error).__name__})") from None
    if response.status_code >= 400:
        refused = UpstreamError(service, response.status_code, _detail(response))
        if response.status_code in (409, 422):
            refused.errors = _field_errors(response)
        raise refused
    return response


def _field_errors(response: httpx.Response) -> list[dict[str, Any]]:
    """The ``errors`` of a refused request (``[{"loc", "msg"}]``); empty if it has none."""
    try:
        body = response.json()
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    return [e for e in errors or [] if isinstance(e, dict)]


class CatalogueClient:
    """Client of the catalogue API: its staff endpoints (``X-API-Key``) and the hub's facts."""

    service = "catalogue"

    def __init__(self, http: httpx.AsyncClient, base_url: str, api_key: str | None) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._cache = _TimedCache()

    async def _request(
        self, method: str, path: str, *, staff: bool = True, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Accept-Language": "en"}
        if staff:
            if not self._api_key:
                raise UpstreamError(self.service, None, "CATALOGUE_API_KEY is not set")
            headers["X-API-Key"] = self._api_key
        url = f"{self._base_url}{path}"
        return await _send(self._http, self.service, method, url, headers=headers, **kwargs)

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
            :class:`UpstreamError` with status 404.
        """
        response = await self._request("DELETE", f"/staff/leads/{lead_id}/personal-data")
        return response.json()

    async def staff_projects(self) -> list[dict[str, Any]]:
        """Every project with its texts in en, zh and ru (``GET /staff/projects``)."""
        response = await self._request("GET", "/staff/projects")
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def staff_project(self, project_id: str) -> dict[str, Any]:
        """One project with its texts in every language and its change log."""
        response = await self._request("GET", f"/staff/projects/{quote(project_id, safe='')}")
        return response.json()

    async def write_project(
        self, body: Mapping[str, Any], project_id: str | None = None, *, preview: bool = False
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]:
        """Create (no ``project_id``), update or preview a project through the staff API.

        Returns:
            ``(answer, [], None)``; or, when the catalogue refuses it (409, 422), ``(None,
            errors, detail)`` with its field errors (``loc``, ``msg``) for the form.
        """
        if preview:
            method, path = "POST", "/staff/project-preview"
        elif project_id is None:
            method, path = "POST", "/staff/projects"
        else:
            method, path = "PUT", f"/staff/projects/{quote(project_id, safe='')}"
        params = {"project_id": project_id} if preview and project_id else None
        try:
            response = await self._request(method, path, json=dict(body), params=params)
        except UpstreamError as error:
            if error.status_code not in (409, 422) or error.errors is None:
                raise
            return None, error.errors, error.detail
        if not preview:
            self._cache.put("project_names", None)  # the lead pages show the new names
        return response.json(), [], None

    async def staff_content(self, kind: str) -> list[dict[str, Any]]:
        """Every item of one kind (``services``, ``contacts``, ``hub-facts``) in en, zh, ru."""
        response = await self._request("GET", f"/staff/{kind}")
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def staff_content_item(self, kind: str, item_id: str) -> dict[str, Any]:
        """One service, contact or hub fact with its texts in every language and change log."""
        response = await self._request("GET", f"/staff/{kind}/{quote(item_id, safe='')}")
        return response.json()

    async def write_content(
        self,
        kind: str,
        body: Mapping[str, Any],
        item_id: str | None = None,
        *,
        preview: str | None = None,
        id_param: str | None = None,
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]:
        """Add (no ``item_id``), update or preview a service, contact or hub fact.

        Args:
            kind: ``services``, ``contacts`` or ``hub-facts``.
            body: The staff API's body.
            item_id: The stored item; ``None`` adds one (hub facts only).
            preview: The preview endpoint (``services/{id}/preview``, ``hub-fact-preview``):
                show it, save nothing.
            id_param: The preview's query parameter naming the stored item (``fact_id``).

        Returns:
            ``(answer, [], None)``; or, when the catalogue refuses it (409, 422), ``(None,
            errors, detail)`` with its field errors (``loc``, ``msg``) for the form.
        """
        params = None
        if preview:
            path = "/staff/" + preview.replace("{id}", quote(item_id or "", safe=""))
            method = "POST"
            if item_id and id_param:
                params = {id_param: item_id}
        elif item_id is None:
            method, path = "POST", f"/staff/{kind}"
        else:
            method, path = "PUT", f"/staff/{kind}/{quote(item_id, safe='')}"
        try:
            response = await self._request(method, path, json=dict(body), params=params)
        except UpstreamError as error:
            if error.status_code not in (409, 422) or error.errors is None:
                raise
            return None, error.errors, error.detail
        return response.json(), [], None

    async def project_names(self) -> dict[str, str]:
        """English project names by id (cached for a few minutes); empty if none can be had."""
        names = self._cache.get("project_names")
        if names is None:
            names = await self._fetch_project_names()
            if names:
                self._cache.put("project_names", names)
        return names

    async def hub(self, language: str) -> dict[str, Any]:
        """The hub's name, summary, figures and events in ``language`` (cached for a few minutes).

        Args:
            language: A language code of :data:`hub_vocabulary.LANGUAGES`.

        Returns:
            The catalogue's ``HubOut``: ``{"name", "summary", "figures": [...], "events": [...]}``.

        Raises:
            UpstreamError: When the catalogue is unreachable, slow, failing, or answers in an
                unexpected shape.
        """
        key = f"hub:{language}"
        hub = self._cache.get(key)
        if hub is None:
            response = await self._request(
                "GET", "/hub", staff=False, params={"lang": language}, timeout=HUB_TIMEOUT_SECONDS
            )
            try:
                hub = response.json()
            except ValueError:
                hub = None
            if not isinstance(hub, dict) or not isinstance(hub.get("figures"), list):
                raise UpstreamError(self.service, response.status_code, "unexpected answer")
            self._cache.put(key, hub)
        return hub

    async def _fetch_project_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        page = 1
        while page <= 20:
            try:
                response = await self._request(
                    "GET", "/projects", params={"lang": "en", "page": page, "page_size": 50}
                )
            except UpstreamError:
                return names
            body = response.json()
            items = body.get("items") or []
            names.update({item["id"]: item.get("name") or item["id"] for item in items})
            if not items or len(names) >= int(body.get("total") or 0):
                return names
            page += 1
        return names


def rasa_jwt(secret: str, now: float | None = None) -> str:
    """A short-lived token for Rasa's HTTP API, signed with its ``--jwt-secret`` (HS256).

    Args:
        secret: The shared secret.
        now: The current Unix time (for tests).

    Returns:
        The encoded JWT: the console as an ``admin`` user, expiring in a minute.
    """
    expires = int(time.time() if now is None else now) + RASA_JWT_TTL_SECONDS
    return jwt.encode({"user": RASA_JWT_USER, "exp": expires}, secret, algorithm="HS256")


class RasaClient:
    """Client of the Rasa server's HTTP API (``--enable-api --jwt-secret``)."""

    service = "rasa"

    def __init__(self, http: httpx.AsyncClient, base_url: str, jwt_secret: str | None) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._jwt_secret = jwt_secret

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if not self._jwt_secret:
            raise UpstreamError(self.service, None, "RASA_JWT_SECRET is not set")
        headers = {"Authorization": f"Bearer {rasa_jwt(self._jwt_secret)}"}
        url = f"{self._base_url}{path}"
        return await _send(self._http, self.service, method, url, headers=headers, **kwargs)

    @staticmethod
    def _conversation_path(conversation_id: str) -> str:
        return f"/conversations/{quote(conversation_id, safe='')}/tracker"

    async def get_tracker(self, conversation_id: str) -> dict[str, Any]:
        """Fetch a conversation's tracker with all its events."""
        response = await self._request(
            "GET", self._conversation_path(conversation_id), params={"include_events": "ALL"}
        )
        return response.json()

    async def append_events(self, conversation_id: str, events: list[dict[str, Any]]) -> None:
        """Append events and deliver their bot messages to the conversation's latest channel.

        Args:
            conversation_id: The Rasa sender id.
            events: Serialised Rasa events (``{"event": "bot", ...}``, ``{"event": "resume"}``).
        """
        await self._request(
            "POST",
            f"{self._conversation_path(conversation_id)}/events",
            params={"output_channel": "latest", "execute_side_effects": "true"},
            json=events,
        )

    async def erase_conversation(self, conversation_id: str) -> None:
        """Replace a conversation's events with none: the tracker store deletes them.

        Rasa's ``PUT .../tracker/events``; ``bot/tracker_store.py`` makes the SQL tracker
        store delete the stored events. Erasing an erased (or unknown) conversation is fine.
        """
        await self._request("PUT", f"{self._conversation_path(conversation_id)}/events", json=[])

    async def send_staff_reply(self, conversation_id: str, text: str, staff_user: str) -> None:
        """Say ``text`` into a live (possibly paused) conversation as a member of staff.

        The bot event carries a ``staff_reply`` custom payload as well, wrapped in ``data`` as
        Rasa's socket.io output channel requires, so the widget can label the message.
        """
        marker = {"type": "staff_reply", "text": text}
        event = {
            "event": "bot",
            "text": text,
            "data": {"custom": {"data": marker}},
            "metadata": {"from_staff": staff_user},
        }
        await self.append_events(conversation_id, [event])

    async def resume(self, conversation_id: str) -> None:
        """Hand a paused conversation back to the bot.

        First runs :data:`BACK_RESPONSE` into the visitor's chat ("the assistant is back", in
        the conversation's language; the widget learns from it that the wait is over), then
        appends ``ConversationResumed`` and ``action_listen``: while paused Rasa predicts no
        action, so without it the visitor's next message would follow the handoff action
        directly and the dialogue policies would not recognise the state.
        """
        try:
            await self._request(
                "POST",
                f"/conversations/{quote(conversation_id, safe='')}/execute",
                params={"output_channel": "latest"},
                json={"name": BACK_RESPONSE},
            )
        except UpstreamError as error:  # the visitor is not told, but the bot is back
            logger.warning("could not tell the visitor the bot is back: %s", error)
        await self.append_events(conversation_id, RESUME_EVENTS)


@asynccontextmanager
async def upstream_clients(settings: Settings) -> AsyncIterator[tuple[CatalogueClient, RasaClient]]:
    """The catalogue and Rasa clients, sharing one connection pool while the app runs."""
    async with httpx.AsyncClient(timeout=UPSTREAM_TIMEOUT_SECONDS) as http:
        yield (
            CatalogueClient(http, settings.catalogue_api_url, settings.catalogue_api_key),
            RasaClient(http, settings.rasa_url, settings.rasa_jwt_secret),
        )
