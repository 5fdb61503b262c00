"""Pydantic models of the JSON contract (docs/architecture.md): errors and the catalogue's answers.

The public answers: projects, services, contacts and the hub's figures, events and press
releases. Leads are in :mod:`catalogue_api.lead_schemas`, the staff console's lead counts in
:mod:`catalogue_api.lead_count_schemas`, the staff editors' bodies in
:mod:`catalogue_api.project_schemas` and :mod:`catalogue_api.content_schemas`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from pydantic.json_schema import JsonDict, SkipJsonSchema

from catalogue_api.codes import District, ProjectStatus, Sector, ServiceType

# ---------------------------------------------------------------- catalogue answers

SOURCE_LABEL_DESCRIPTION = (
    "`source` for people in one short line, in the asked language: `press release, 20 Apr 2021`, "
    "`新闻稿，2021年4月20日`, `пресс-релиз от 20.04.2021` (the full titles are on the website's "
    "Sources page); several files joined with `; `. Null when `source` is null or "
    "names a file the API does not know. Optional: answers of older versions lack it."
)
SOURCE_DESCRIPTION = (
    "The seed file(s) the facts come from (`a.txt, b.txt`), for machines; show `source_label` "
    "to people. Optional: answers of older versions lack it."
)


class FieldError(BaseModel):
    """One problem of a refused request: where it is and what is wrong."""

    loc: list[str] = Field(
        description="Where: `body`, `query`, `path` or `header`, then the field's path",
        examples=[["body", "email"]],
    )
    msg: str = Field(description="The problem, for people (English)")


def _without_default(schema: JsonDict) -> None:
    """Leaves ``default`` out of a field's JSON schema (the field is absent, not null)."""
    schema.pop("default", None)


class ErrorOut(BaseModel):
    """Every error answer: ``{"detail": "..."}``; a refused request adds its ``errors``."""

    detail: str = Field(description="What went wrong, one sentence for people (English)")
    errors: list[FieldError] | SkipJsonSchema[None] = Field(
        default=None,
        description="Each problem of a request refused by validation (422); absent otherwise",
        json_schema_extra=_without_default,
    )


class ProjectOut(BaseModel):
    """A project in the asked language."""

    id: str
    name: str
    sectors: list[Sector]
    sector_labels: list[str]
    district: District | None
    district_label: str
    status: ProjectStatus
    status_label: str
    investment_cny: float | None
    investment_label: str
    summary: str | None
    source: str | None
    source_label: str | None = Field(default=None, description=SOURCE_LABEL_DESCRIPTION)


class AppliedFilter(BaseModel):
    """A filter of the search, with its label in the asked language."""

    name: Literal["sector", "district", "status"]
    value: str
    label: str


class ProjectPage(BaseModel):
    """One page of projects, and the filters that selected them."""

    items: list[ProjectOut]
    total: int
    page: int
    page_size: int
    filters: list[AppliedFilter]


class ServiceOut(BaseModel):
    """A service of the hub in the asked language."""

    id: str
    type: ServiceType
    type_label: str
    name: str
    description: str | None
    provider_id: str | None
    provider_name: str | None
    source: str | None = Field(default=None, description=SOURCE_DESCRIPTION)
    source_label: str | None = Field(default=None, description=SOURCE_LABEL_DESCRIPTION)


class ServiceList(BaseModel):
    """Services."""

    items: list[ServiceOut]


class ContactOut(BaseModel):
    """An organisation to contact; ``is_placeholder`` marks channels still to be filled in."""

    id: str
    name: str
    description: str | None
    website: str | None
    email: str | None
    phone: str | None
    website_label: str
    phone_label: str
    email_label: str
    is_placeholder: bool
    source: str | None = Field(default=None, description=SOURCE_DESCRIPTION)
    source_label: str | None = Field(default=None, description=SOURCE_LABEL_DESCRIPTION)


class ContactList(BaseModel):
    """Contacts."""

    items: list[ContactOut]


class FigureOut(BaseModel):
    """A figure about the hub: ``value`` in ``unit`` (``unit_code`` is the stable code)."""

    key: str
    label: str
    value: float
    unit: str
    unit_code: str
    qualifier: str | None
    display: str
    source: str | None
    source_label: str | None = Field(default=None, description=SOURCE_LABEL_DESCRIPTION)


class EventOut(BaseModel):
    """An event; ``date`` is ISO 8601 to the precision the seeds give (day, month or year)."""

    id: str
    date: str
    date_label: str
    title: str
    summary: str | None
    source: str | None
    source_label: str | None = Field(default=None, description=SOURCE_LABEL_DESCRIPTION)


class ReleaseOut(BaseModel):
    """A press release that the hub's facts come from: its file, date and title as published."""

    source: str = Field(description="The seed file's name, as ``source`` values give it.")
    date: str = Field(description="ISO 8601 date of the release.")
    date_label: str
    title: str = Field(description="The title as published (English).")


class HubOut(BaseModel):
    """The hub: name, summary, figures and events."""

    name: str
    summary: str | None
    source: str | None = Field(
        default=None, description="Of `name` and `summary`. " + SOURCE_DESCRIPTION
    )
    source_label: str | None = Field(default=None, description=SOURCE_LABEL_DESCRIPTION)
    figures: list[FigureOut]
    events: list[EventOut]
    releases: list[ReleaseOut] = Field(
        default_factory=list,
        description="The press releases named by the hub's summary, figures and events.",
    )
