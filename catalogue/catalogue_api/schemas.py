"""Pydantic models of the JSON contract (docs/architecture.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)

from catalogue_api.codes import Language, LeadStatus, ServiceType
from catalogue_api.field_types import (
    COUNTRY_CODE_PATTERN,
    ProjectId,
    blank_to_none,
    email_address,
    multi_line,
    optional_text,
    phone_number,
    single_line,
)

# ---------------------------------------------------------------- catalogue answers

SOURCE_LABEL_DESCRIPTION = (
    "`source` for people, in the asked language: `Press release of 20 April 2021: <title>`, "
    "`2021年4月20日新闻稿：<title>`, `Пресс-релиз от 20 апреля 2021 г.: <title>` (the title as "
    "published, in English); several files joined with `; `. Null when `source` is null or "
    "names a file the API does not know. Optional: answers of older versions lack it."
)


class ErrorOut(BaseModel):
    """Every error answer: ``{"detail": "..."}`` (validation errors add ``errors``)."""

    detail: str


class ProjectOut(BaseModel):
    """A project in the asked language."""

    id: str
    name: str
    sectors: list[str]
    sector_labels: list[str]
    district: str | None
    district_label: str
    status: str
    status_label: str
    investment_cny: float | None
    investment_label: str
    summary: str | None
    source: str | None
    source_label: str | None = Field(default=None, description=SOURCE_LABEL_DESCRIPTION)


class AppliedFilter(BaseModel):
    """A filter of the search, with its label in the asked language."""

    name: str
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
    type: str
    type_label: str
    name: str
    description: str | None
    provider_id: str | None
    provider_name: str | None


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


class HubOut(BaseModel):
    """The hub: name, summary, figures and events."""

    name: str
    summary: str | None
    figures: list[FigureOut]
    events: list[EventOut]


# ---------------------------------------------------------------- leads


class LeadIn(BaseModel):
    """A lead as the bot or the website sends it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(single_line)]
    company: optional_text(200, single_line) = None
    country: optional_text(100, single_line) = None
    country_code: Annotated[
        Annotated[str, StringConstraints(pattern=COUNTRY_CODE_PATTERN)] | None,
        BeforeValidator(blank_to_none),
        Field(
            description="ISO 3166-1 alpha-2 code of the country, upper case (e.g. `KZ`); "
            "optional, independent of the typed `country`, which is kept as sent.",
            examples=["KZ"],
        ),
    ] = None
    email: optional_text(254, single_line, email_address) = None
    phone: optional_text(40, single_line, phone_number) = None
    interest: optional_text(2000, multi_line) = None
    consent: StrictBool
    conversation_id: optional_text(200, single_line) = None
    language: Language = Language.en
    projects: list[ProjectId] = Field(default_factory=list, max_length=20)
    services: list[ServiceType] = Field(default_factory=list, max_length=20)
    handoff: StrictBool = False
    client_reference: optional_text(128, single_line) = None

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError("must be true: the person has to agree to be contacted")
        return value

    @model_validator(mode="after")
    def _check(self) -> LeadIn:
        if not self.email and not self.phone:
            raise ValueError("give at least one of email or phone")
        self.projects = list(dict.fromkeys(self.projects))
        self.services = list(dict.fromkeys(self.services))
        return self


class LeadCreated(BaseModel):
    """Answer of ``POST /leads``: ``created`` is false when ``client_reference`` was known."""

    id: int
    status: str
    created: bool
    client_reference: str | None


class LeadHistoryOut(BaseModel):
    """One recorded change of a lead."""

    changed_at: datetime
    changed_by: str
    field: str
    from_value: str | None
    to_value: str | None


class LeadOut(BaseModel):
    """A stored lead (staff only)."""

    id: int
    client_reference: str | None
    name: str
    company: str | None
    country: str | None
    country_code: str | None = Field(description="ISO 3166-1 alpha-2 code, e.g. `KZ`")
    email: str | None
    phone: str | None
    interest: str | None
    consent: bool
    conversation_id: str | None
    language: str
    projects: list[str]
    services: list[str]
    handoff: bool
    status: str
    assigned_to: str | None
    created_at: datetime
    updated_at: datetime


class LeadDetail(LeadOut):
    """A stored lead with its history of changes."""

    history: list[LeadHistoryOut]


class LeadList(BaseModel):
    """Leads matching the filters (one page) and how many match in total."""

    items: list[LeadOut]
    total: int


class LeadPatch(BaseModel):
    """A staff change: new ``status`` and/or ``assigned_to`` (null unassigns), and who made it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: LeadStatus | None = None
    assigned_to: optional_text(100, single_line) = None
    changed_by: Annotated[str, Field(min_length=1, max_length=100), AfterValidator(single_line)]

    @model_validator(mode="after")
    def _check(self) -> LeadPatch:
        if self.status is None and "assigned_to" not in self.model_fields_set:
            raise ValueError("nothing to change: give status and/or assigned_to")
        return self
