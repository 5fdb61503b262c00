"""Pydantic models of the staff project editor's JSON contract (``/staff/projects``).

Staff send a project whole, in en, zh and ru: every language's name and summary is required,
so a missing translation is refused (422 naming the field) and never served in another
language. Facts staff add carry their own source: a document's title and date, or, with no
title, "hub staff" and the date (``source_label`` shows it as it shows the seed's sources).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from catalogue_api.codes import District, ProjectStatus, Sector
from catalogue_api.field_types import (
    ProjectId,
    optional_text,
    required_line,
    required_text,
    single_line,
)
from catalogue_api.schemas import SOURCE_DESCRIPTION, SOURCE_LABEL_DESCRIPTION, ProjectOut

#: The fields of a project that state facts: changing one needs a source.
FACT_FIELDS = ("sectors", "district", "status", "investment_cny")


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ProjectNames(_Body):
    """A project's name in the three languages, each required."""

    en: required_line(300)
    zh: required_line(300)
    ru: required_line(300)


class ProjectSummaries(_Body):
    """A project's summary in the three languages, each required."""

    en: required_text(4000)
    zh: required_text(4000)
    ru: required_text(4000)


def _iso_date_text(value: object) -> object:
    """Accept a date only as the schema gives it, a ``YYYY-MM-DD`` string (not a number)."""
    if not isinstance(value, str | dt.date):
        raise ValueError("give the date as text, YYYY-MM-DD")
    return value


class StaffSource(_Body):
    """Where facts staff add come from: a document (title and date), or the hub's staff."""

    title: optional_text(300, single_line) = Field(
        None, description="The document's title; absent or null: the hub's staff are the source"
    )
    date: Annotated[dt.date, BeforeValidator(_iso_date_text)] = Field(
        description="The document's date, or the day staff state the facts (`YYYY-MM-DD`)",
    )


class ProjectBase(_Body):
    """What staff edit of a project, in every language, and who does it."""

    name: ProjectNames
    summary: ProjectSummaries
    sectors: Annotated[
        list[Sector],
        Field(min_length=1, max_length=len(Sector), json_schema_extra={"uniqueItems": True}),
    ]
    district: District | None = None
    status: ProjectStatus
    investment_cny: Annotated[
        float | None, Field(ge=0, le=1e15, allow_inf_nan=False, strict=True)
    ] = Field(None, description="In yuan; null unless the source gives it")
    changed_by: required_line(100)

    @field_validator("sectors")
    @classmethod
    def _unique_sectors(cls, value: list[Sector]) -> list[Sector]:
        repeated = sorted({s.value for s in value if value.count(s) > 1})
        if repeated:
            raise ValueError(f"sector listed twice: {', '.join(repeated)}")
        return value


class ProjectCreate(ProjectBase):
    """A new project: its id, everything of :class:`ProjectBase` and the source of its facts."""

    id: ProjectId
    source: StaffSource


class ProjectUpdate(ProjectBase):
    """A project's new content; ``source`` is required when a fact changes.

    Without ``source`` the project keeps the source it has (a seed project its press release).
    """

    source: StaffSource | None = None


class ProjectPreviewIn(ProjectBase):
    """A project as the editor holds it, not saved: shown as visitors would get it."""

    source: StaffSource | None = None


class ProjectPreview(BaseModel):
    """A project as `GET /projects/{id}` would answer it, in each language."""

    en: ProjectOut
    zh: ProjectOut
    ru: ProjectOut


class Texts(BaseModel):
    """A text in en, zh and ru as stored (a seed project may lack a summary)."""

    en: str | None
    zh: str | None
    ru: str | None


class ProjectChangeOut(BaseModel):
    """One recorded change of a project."""

    changed_at: dt.datetime
    changed_by: str
    field: str
    from_value: str | None
    to_value: str | None


class ProjectStaffOut(BaseModel):
    """A project with its texts in every language, for the staff editor."""

    id: str
    name: Texts
    summary: Texts
    sectors: list[Sector]
    district: District | None
    status: ProjectStatus
    investment_cny: float | None
    source: str | None = Field(description=SOURCE_DESCRIPTION)
    source_date: dt.date | None = Field(description="Date of a source staff gave")
    source_title: str | None = Field(
        description="Title of a document staff gave as the source; null with a `source_date`: "
        "the hub's staff"
    )
    source_label: str | None = Field(description=SOURCE_LABEL_DESCRIPTION + " In English.")


class ProjectStaffList(BaseModel):
    """Every project, in catalogue order."""

    items: list[ProjectStaffOut]


class ProjectStaffDetail(ProjectStaffOut):
    """A project with the changes staff made to it, oldest first."""

    history: list[ProjectChangeOut]
