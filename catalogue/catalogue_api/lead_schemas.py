"""Pydantic models of leads: the intake, staff's answers and changes, and personal data.

:class:`LeadBase` lists a lead's fields once; :class:`LeadCreate` (``POST /leads``) and
:class:`LeadPublic` (a stored lead, for staff) add to it: the full-stack FastAPI template's
Base/Create/Public pattern.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from catalogue_api.codes import Language, LeadChannel, LeadStatus, ServiceType
from catalogue_api.field_types import (
    COUNTRY_CODE_PATTERN,
    EMAIL_SCHEMA,
    LINES,
    NOT_BLANK,
    PHONE,
    ProjectId,
    blank_to_none,
    email_address,
    multi_line,
    optional_text,
    phone_number,
    required_line,
    single_line,
    trimmed_pattern,
)
from hub_vocabulary import LEAD_MAX_LENGTHS


def _utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


#: The longest text of each of a lead's texts (shared with the lead form).
_MAX = LEAD_MAX_LENGTHS


class LeadBase(BaseModel):
    """A lead's fields as its sender gives them: the one list of them.

    :class:`LeadCreate` (the intake) adds the consent, which must be given;
    :class:`LeadPublic` (staff answers and the CSV export) adds what the catalogue keeps.
    A new field of a lead is added here, as a column of ``models.Lead`` and in a migration.
    """

    name: required_line(_MAX["name"])
    company: optional_text(_MAX["company"], single_line) = None
    country: optional_text(_MAX["country"], single_line) = None
    country_code: Annotated[
        Annotated[
            str,
            StringConstraints(pattern=COUNTRY_CODE_PATTERN),
            WithJsonSchema(
                {"type": "string", "pattern": trimmed_pattern("[A-Z]{2}", optional=True)}
            ),
        ]
        | None,
        BeforeValidator(blank_to_none),
        Field(
            description="ISO 3166-1 alpha-2 code of the country, upper case (e.g. `KZ`); "
            "optional, independent of the typed `country`, which is kept as sent.",
            examples=["KZ"],
        ),
    ] = None
    email: optional_text(_MAX["email"], single_line, email_address, schema_extra=EMAIL_SCHEMA) = (
        None
    )
    phone: optional_text(_MAX["phone"], single_line, phone_number, core=PHONE) = None
    language: Language = Language("en")
    projects: list[ProjectId] = Field(
        default_factory=list,
        max_length=20,
        description="Ids of the catalogue's projects (`GET /projects`). The schema cannot list "
        "them, as the catalogue changes: an id the catalogue does not have gets 422.",
    )
    services: list[ServiceType] = Field(default_factory=list, max_length=20)
    handoff: StrictBool = False
    interest: optional_text(_MAX["interest"], multi_line, core=LINES) = None
    channel: LeadChannel | None = Field(
        None,
        description="Where the person wrote: the website's chat (`socketio`), the REST channel "
        "or Telegram. Null: not recorded (leads stored before the channel was).",
    )
    conversation_id: optional_text(_MAX["conversation_id"], single_line) = None
    client_reference: optional_text(_MAX["client_reference"], single_line) = None
    consent_text: optional_text(_MAX["consent_text"], multi_line, core=LINES) = Field(
        None, description="The consent question the person agreed to, exactly as shown"
    )
    consent_language: Language | None = Field(None, description="Language of `consent_text`")
    consent_version: optional_text(_MAX["consent_version"], single_line) = Field(
        None, description="Version of the consent wording (`metadata.consent` in the domain)"
    )


class LeadCreate(LeadBase):
    """A lead as the bot or the website sends it."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        # The check of ``_check`` below: an e-mail address or a phone number that is not blank.
        json_schema_extra={
            "anyOf": [
                {"required": [name], "properties": {name: {"type": "string", "pattern": NOT_BLANK}}}
                for name in ("email", "phone")
            ]
        },
    )

    consent: Annotated[
        StrictBool,
        Field(
            description="Must be `true`: the person agreed to be contacted",
            json_schema_extra={"const": True},
        ),
    ]

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError("must be true: the person has to agree to be contacted")
        return value

    @model_validator(mode="after")
    def _check(self) -> LeadCreate:
        if not self.email and not self.phone:
            raise ValueError("give at least one of email or phone")
        self.projects = list(dict.fromkeys(self.projects))
        self.services = list(dict.fromkeys(self.services))
        return self


class LeadCreated(BaseModel):
    """Answer of ``POST /leads``: ``created`` is false when ``client_reference`` was known."""

    id: int
    status: LeadStatus
    created: bool
    client_reference: str | None


class LeadHistoryOut(BaseModel):
    """One recorded change of a lead."""

    model_config = ConfigDict(from_attributes=True)

    changed_at: Annotated[datetime, AfterValidator(_utc)]
    changed_by: str
    field: str
    from_value: str | None
    to_value: str | None


class LeadPublic(LeadBase):
    """A stored lead (staff only): its fields, then what the catalogue keeps about it.

    Read from a stored ``models.Lead`` with ``model_validate(lead, from_attributes=True)``.
    """

    model_config = ConfigDict(from_attributes=True)

    id: int
    status: LeadStatus
    assigned_to: str | None
    created_at: Annotated[datetime, AfterValidator(_utc)]
    updated_at: Annotated[datetime, AfterValidator(_utc)]
    consent: bool

    @field_validator("projects", "services", mode="before")
    @classmethod
    def _codes(cls, value: Any) -> Any:
        """A stored lead's projects and services are rows: their ids and types."""
        if not isinstance(value, list):
            return value
        return [
            getattr(item, "project_id", None) or getattr(item, "service_type", item)
            for item in value
        ]


class LeadDetail(LeadPublic):
    """A stored lead with its history of changes."""

    history: list[LeadHistoryOut]


class LeadList(BaseModel):
    """Leads matching the filters (one page) and how many match in total."""

    items: list[LeadPublic]
    total: int


class LeadPatch(BaseModel):
    """A staff change: new ``status`` and/or ``assigned_to`` (null unassigns), and who made it."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        # The check of ``_check`` below: a non-null ``status``, or ``assigned_to`` (may be null).
        json_schema_extra={
            "anyOf": [
                {"required": ["status"], "properties": {"status": {"type": "string"}}},
                {"required": ["assigned_to"]},
            ]
        },
    )

    status: LeadStatus | None = None
    assigned_to: optional_text(100, single_line) = None
    changed_by: required_line(100)

    @model_validator(mode="after")
    def _check(self) -> LeadPatch:
        if self.status is None and "assigned_to" not in self.model_fields_set:
            raise ValueError("nothing to change: give status and/or assigned_to")
        return self


# ---------------------------------------------------------------- personal data


class PersonalData(BaseModel):
    """Everything the catalogue stores about one person: their leads, with history."""

    conversation_id: str | None = Field(
        description="The conversation the leads came from (its other data is Rasa's)"
    )
    leads: list[LeadDetail] = Field(description="The lead asked for and those of its conversation")


class Erasure(BaseModel):
    """What erasing one person's personal data removed."""

    conversation_id: str | None
    erased_lead_ids: list[int]
