"""Models of the catalogue files: the seed file, project files (YAML or CSV), the source list.

Every entry is validated whole (unknown fields are errors) before anything is written; the
codes come from :mod:`catalogue_api.codes`, so a file cannot carry a code the API does not know.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    field_validator,
    model_validator,
)

from catalogue_api.codes import District, ProjectStatus, Sector, ServiceType
from catalogue_api.field_types import ProjectId, single_line

Line = Annotated[str, AfterValidator(single_line)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}[a-z0-9]$")]
#: A seed file's name as ``source`` fields give it, e.g. ``000_2cccb1eb8e631a90.txt``.
SourceFileName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Translated(_Strict):
    """A text in the three languages, each required."""

    en: Annotated[Line, Field(min_length=1, max_length=300)]
    zh: Annotated[Line, Field(min_length=1, max_length=300)]
    ru: Annotated[Line, Field(min_length=1, max_length=300)]


class LongTranslated(_Strict):
    """A longer text in the three languages; a missing language falls back to English."""

    en: Annotated[str | None, Field(max_length=4000)] = None
    zh: Annotated[str | None, Field(max_length=4000)] = None
    ru: Annotated[str | None, Field(max_length=4000)] = None


class ProjectIn(_Strict):
    """A project entry of a catalogue file."""

    id: ProjectId
    name: Translated
    sectors: Annotated[list[Sector], Field(min_length=1, max_length=len(Sector))]
    district: District | None = None
    status: ProjectStatus
    investment_cny: Annotated[float | None, Field(ge=0, le=1e15, allow_inf_nan=False)] = None
    summary: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None

    @field_validator("sectors")
    @classmethod
    def _unique_sectors(cls, value: list[Sector]) -> list[Sector]:
        repeated = sorted({s.value for s in value if value.count(s) > 1})
        if repeated:
            raise ValueError(f"sector listed twice: {', '.join(repeated)}")
        return value


class ContactIn(_Strict):
    """An organisation entry of the seed file."""

    id: Slug
    name: Translated
    description: LongTranslated | None = None
    website: Annotated[Line | None, Field(max_length=300, pattern=r"^https://")] = None
    email: Annotated[Line | None, Field(max_length=254)] = None
    phone: Annotated[Line | None, Field(max_length=40)] = None
    is_placeholder: bool = False
    source: Annotated[Line | None, Field(max_length=300)] = None


class ServiceIn(_Strict):
    """A service entry of the seed file."""

    id: Slug
    type: ServiceType
    provider_id: Slug | None = None
    name: Translated
    description: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class HubIn(_Strict):
    """The hub entry of the seed file."""

    name: Translated
    summary: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class FigureIn(_Strict):
    """A figure entry of the seed file."""

    key: Slug
    label: Translated
    value: Annotated[float, Field(allow_inf_nan=False)]
    unit: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    qualifier: Annotated[str | None, Field(pattern=r"^(approximately|more_than)$")] = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class EventIn(_Strict):
    """An event entry of the seed file; ``date`` is YYYY, YYYY-MM or YYYY-MM-DD."""

    id: Slug
    date: Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    title: Translated
    summary: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class SeedDocument(_Strict):
    """The whole seed file ``data/catalogue.yaml``."""

    hub: HubIn
    contacts: list[ContactIn]
    services: list[ServiceIn]
    projects: list[ProjectIn]
    figures: list[FigureIn]
    events: list[EventIn]

    @model_validator(mode="after")
    def _check_references(self) -> SeedDocument:
        for section in ("contacts", "services", "projects", "events"):
            ids = [entry.id for entry in getattr(self, section)]
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise ValueError(f"{section}: duplicate id(s) {', '.join(repeated)}")
        contact_ids = {contact.id for contact in self.contacts}
        for service in self.services:
            if service.provider_id and service.provider_id not in contact_ids:
                raise ValueError(f"service {service.id}: unknown provider_id {service.provider_id}")
        return self


class SourceFile(_Strict):
    """A seed file that ``source`` fields may name: the press release's date and title."""

    date: dt.date
    title: Annotated[Line, Field(min_length=1, max_length=500)]


class SourceFiles(RootModel[dict[SourceFileName, SourceFile]]):
    """The whole file ``data/sources.yaml``: seed file name -> date and title."""

    @model_validator(mode="after")
    def _not_empty(self) -> SourceFiles:
        if not self.root:
            raise ValueError("no source files listed")
        return self
