"""Typed results of the catalogue API, as the actions use them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Project:
    """A project of the catalogue, in the language it was asked for."""

    id: str
    name: str
    sectors: tuple[str, ...]
    sector_labels: tuple[str, ...]
    district: str | None
    district_label: str
    status: str
    status_label: str
    investment_label: str
    summary: str
    #: The press release(s) in words (``source_label``); empty, never a file name, if unknown.
    source: str
    #: The press release(s)' ids: the catalogue's ``source`` (seed file names, for links).
    source_files: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Project:
        """Builds a project from the API's JSON."""
        return cls(
            id=data["id"],
            name=data["name"],
            sectors=tuple(data.get("sectors") or ()),
            sector_labels=tuple(data.get("sector_labels") or ()),
            district=data.get("district"),
            district_label=data.get("district_label") or "",
            status=data["status"],
            status_label=data.get("status_label") or data["status"],
            investment_label=data.get("investment_label") or "",
            summary=data.get("summary") or "",
            source=data.get("source_label") or "",
            source_files=data.get("source") or "",
        )


@dataclass(frozen=True)
class AppliedFilter:
    """A filter the API applied to a search, with its label in the asked language."""

    name: str
    value: str
    label: str


@dataclass(frozen=True)
class ProjectPage:
    """One page of a project search."""

    items: tuple[Project, ...]
    total: int
    page: int
    page_size: int
    filters: tuple[AppliedFilter, ...]

    @property
    def first_position(self) -> int:
        """1-based position of the first item of this page."""
        return (self.page - 1) * self.page_size + 1

    @property
    def last_position(self) -> int:
        """1-based position of the last item of this page."""
        return self.first_position + len(self.items) - 1

    @property
    def remaining(self) -> int:
        """How many matching projects come after this page."""
        return max(self.total - self.last_position, 0)


@dataclass(frozen=True)
class Service:
    """A support service of the hub."""

    id: str
    type: str
    type_label: str
    name: str
    description: str
    provider_name: str
    source: str = ""
    source_files: str = ""


@dataclass(frozen=True)
class Contact:
    """An organisation of the hub; its labels already say "not disclosed" or "placeholder"."""

    id: str
    name: str
    description: str
    website_label: str
    email_label: str
    phone_label: str
    is_placeholder: bool
    source: str = ""
    source_files: str = ""


@dataclass(frozen=True)
class HubFigure:
    """A headline figure, already formatted for display, with its readable source."""

    key: str
    label: str
    display: str
    source: str = ""
    source_files: str = ""


@dataclass(frozen=True)
class HubEvent:
    """An event of the hub, with its readable source."""

    date_label: str
    title: str
    source: str = ""
    source_files: str = ""
    #: ISO 8601 to the precision the seeds give: "2021-07-20", "2021-06" or "2019".
    date: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Release:
    """A press release the hub's facts come from: its date and its title as published."""

    date_label: str
    title: str


@dataclass(frozen=True)
class HubInfo:
    """The hub's name, summary (with its readable source), figures, events and releases."""

    name: str
    summary: str
    figures: tuple[HubFigure, ...]
    events: tuple[HubEvent, ...]
    summary_source: str = ""
    summary_source_files: str = ""
    releases: tuple[Release, ...] = ()


@dataclass(frozen=True)
class LeadReceipt:
    """The catalogue's answer to a stored lead."""

    id: int
    created: bool
