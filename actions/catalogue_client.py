"""The one HTTP client of the action server: it talks to the project catalogue API.

With `catalogue_http.py`, which builds its session, this is the only module that imports
`requests`. One `Session` is shared by every call, each call has an explicit timeout, only
idempotent (GET) calls are retried, GET answers are reused as long as the catalogue's
`Cache-Control` allows (CacheControl, in memory; `POST /leads` never), and any failure to
reach the API is raised as `CatalogueUnavailable`.
"""

from __future__ import annotations

import functools
from typing import Any

import requests

from actions.catalogue_http import catalogue_session
from actions.catalogue_types import (
    AppliedFilter,
    Contact,
    HubEvent,
    HubFigure,
    HubInfo,
    LeadReceipt,
    Project,
    ProjectPage,
    Release,
    Service,
)
from actions.settings import Settings, load_settings

__all__ = [
    "INTAKE_KEY_HEADER",
    "AppliedFilter",
    "CatalogueClient",
    "CatalogueRejected",
    "CatalogueUnavailable",
    "Contact",
    "HubEvent",
    "HubFigure",
    "HubInfo",
    "LeadReceipt",
    "Project",
    "ProjectPage",
    "Release",
    "Service",
    "create_catalogue_client",
    "default_catalogue_client",
]


#: The header of the catalogue's lead-intake key (`POST /leads`).
INTAKE_KEY_HEADER = "X-Lead-Intake-Key"


class CatalogueUnavailable(Exception):
    """The catalogue API could not be reached, timed out or failed on its side (5xx)."""


class CatalogueRejected(Exception):
    """The catalogue API refused a request as invalid (4xx other than 404).

    Attributes:
        status_code: The HTTP status of the answer.
        detail: The API's explanation.
    """

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(f"{status_code}: {detail}")
        self.status_code = status_code
        self.detail = detail


class CatalogueClient:
    """Typed access to the catalogue API over one `requests.Session`."""

    def __init__(
        self,
        base_url: str,
        timeout_seconds: float,
        read_retries: int = 1,
        session: requests.Session | None = None,
        intake_key: str | None = None,
        cache: bool = True,
    ) -> None:
        """Creates a client.

        Args:
            base_url: Base URL of the API, without a trailing slash.
            timeout_seconds: Connect and read timeout of every call.
            read_retries: Extra attempts for GET calls on connection errors and 502-504.
            session: A session to use instead of a new one.
            intake_key: The lead-intake key (`X-Lead-Intake-Key` of `POST /leads`).
            cache: Whether GET answers are reused while their `Cache-Control` allows.
        """
        self._base_url = base_url.rstrip("/")
        self._lead_headers = {INTAKE_KEY_HEADER: intake_key} if intake_key else {}
        self._timeout = timeout_seconds
        self._session = catalogue_session(read_retries, cache=cache, session=session)

    def search_projects(
        self,
        *,
        language: str,
        sector: str | None = None,
        district: str | None = None,
        status: str | None = None,
        query: str | None = None,
        page: int = 1,
        page_size: int = 3,
    ) -> ProjectPage:
        """Searches the catalogue.

        Returns:
            The requested page of matching projects.
        """
        params = {
            "lang": language,
            "sector": sector,
            "district": district,
            "status": status,
            "q": query,
            "page": page,
            "page_size": page_size,
        }
        data = self._get("/projects", params)
        return ProjectPage(
            items=tuple(Project.from_json(item) for item in data["items"]),
            total=int(data["total"]),
            page=int(data["page"]),
            page_size=int(data["page_size"]),
            filters=tuple(
                AppliedFilter(name=f["name"], value=f["value"], label=f["label"])
                for f in data.get("filters", ())
            ),
        )

    def get_project(self, project_id: str, *, language: str) -> Project | None:
        """Fetches one project by id.

        Returns:
            The project, or None when the catalogue has no such id.
        """
        data = self._get(
            f"/projects/{requests.utils.quote(project_id, safe='')}", {"lang": language}
        )
        return None if data is None else Project.from_json(data)

    def list_services(self, *, language: str, service_type: str | None = None) -> list[Service]:
        """Lists the hub's services, optionally of one type."""
        data = self._get("/services", {"lang": language, "type": service_type})
        return [
            Service(
                id=item["id"],
                type=item["type"],
                type_label=item["type_label"],
                name=item["name"],
                description=item.get("description") or "",
                provider_name=item.get("provider_name") or "",
                source=item.get("source_label") or "",
                source_files=item.get("source") or "",
            )
            for item in data["items"]
        ]

    def list_contacts(self, *, language: str) -> list[Contact]:
        """Lists the hub's organisations as contacts."""
        data = self._get("/contacts", {"lang": language})
        return [
            Contact(
                id=item["id"],
                name=item["name"],
                description=item.get("description") or "",
                website_label=item["website_label"],
                email_label=item["email_label"],
                phone_label=item["phone_label"],
                is_placeholder=bool(item.get("is_placeholder")),
                source=item.get("source_label") or "",
                source_files=item.get("source") or "",
            )
            for item in data["items"]
        ]

    def hub_info(self, *, language: str) -> HubInfo:
        """Fetches the hub's facts and events."""
        data = self._get("/hub", {"lang": language})
        return HubInfo(
            name=data["name"],
            summary=data.get("summary") or "",
            summary_source=data.get("source_label") or "",
            summary_source_files=data.get("source") or "",
            figures=tuple(
                HubFigure(
                    key=f["key"],
                    label=f["label"],
                    display=f["display"],
                    source=f.get("source_label") or "",
                    source_files=f.get("source") or "",
                )
                for f in data["figures"]
            ),
            events=tuple(
                HubEvent(
                    date_label=e["date_label"],
                    title=e["title"],
                    source=e.get("source_label") or "",
                    source_files=e.get("source") or "",
                    date=e.get("date") or "",
                    summary=e.get("summary") or "",
                )
                for e in data["events"]
            ),
            releases=tuple(
                Release(date_label=r["date_label"], title=r["title"])
                for r in data.get("releases") or ()
            ),
        )

    def create_lead(self, lead: dict[str, Any]) -> LeadReceipt:
        """Stores a lead. Not retried here: the outbox retries it with the same reference.

        Raises:
            CatalogueUnavailable: The API could not take it now; try again later.
            CatalogueRejected: The API refused it as invalid; retrying will not help.
        """
        try:
            response = self._session.post(
                f"{self._base_url}/leads",
                json=lead,
                headers=self._lead_headers,
                timeout=self._timeout,
            )
        except requests.RequestException as error:
            raise CatalogueUnavailable(str(error)) from error
        data = self._json_or_raise(response)
        return LeadReceipt(id=int(data["id"]), created=bool(data.get("created", True)))

    def _get(self, path: str, params: dict[str, Any]) -> Any:
        query = {key: value for key, value in params.items() if value is not None}
        try:
            response = self._session.get(
                f"{self._base_url}{path}", params=query, timeout=self._timeout
            )
        except requests.RequestException as error:
            raise CatalogueUnavailable(str(error)) from error
        if response.status_code == 404:
            return None
        return self._json_or_raise(response)

    @staticmethod
    def _json_or_raise(response: requests.Response) -> Any:
        try:
            response.raise_for_status()
        except requests.HTTPError as error:
            if response.status_code >= 500:
                raise CatalogueUnavailable(str(error)) from error
            raise CatalogueRejected(response.status_code, _detail(response)) from error
        try:
            return response.json()
        except ValueError as error:
            raise CatalogueUnavailable(f"invalid JSON from the catalogue: {error}") from error


def _detail(response: requests.Response) -> str:
    try:
        return str(response.json().get("detail", response.text))
    except ValueError:
        return response.text


def create_catalogue_client(settings: Settings) -> CatalogueClient:
    """Creates a client for the API the settings name.

    Args:
        settings: The action server's settings.

    Returns:
        A new client with its own session.
    """
    return CatalogueClient(
        settings.catalogue_api_url,
        timeout_seconds=settings.catalogue_timeout_seconds,
        read_retries=settings.catalogue_read_retries,
        intake_key=settings.lead_intake_key,
    )


@functools.cache
def default_catalogue_client() -> CatalogueClient:
    """The process-wide client, created on first use from the environment."""
    return create_catalogue_client(load_settings())
