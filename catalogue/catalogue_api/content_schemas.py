"""Pydantic models of the staff content editor: services, contacts and the hub's dated facts.

``/staff/services``, ``/staff/contacts`` and ``/staff/hub-facts``, in en, zh and ru. Staff
send an item whole: every language's text is required, so a missing translation is refused
(422 naming the field) and never served in another language. Every save names its source
(:class:`StaffSource`: a document's title and date, or "hub staff" and the date), which then
replaces the seed's press release for that item: the seed never vouches for staff's words.
The hub's figures are not edited here; they stay as the seeds give them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StrictBool, WithJsonSchema

from catalogue_api.field_types import (
    EMAIL_SCHEMA,
    PHONE,
    ProjectId,
    email_address,
    optional_text,
    phone_number,
    required_line,
    single_line,
)
from catalogue_api.project_schemas import (
    ProjectNames,
    ProjectSummaries,
    StaffSource,
    Texts,
    _Body,
)
from catalogue_api.schemas import (
    SOURCE_DESCRIPTION,
    SOURCE_LABEL_DESCRIPTION,
    ContactOut,
    EventOut,
    ServiceOut,
)

#: An event's date to the precision the source gives: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
FACT_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
#: An organisation's e-mail address: absent or null when not disclosed, never blank.
ContactEmail = Annotated[
    str,
    Field(max_length=254),
    AfterValidator(single_line),
    AfterValidator(email_address),
    WithJsonSchema({"type": "string", "maxLength": 254, **EMAIL_SCHEMA}),
]
#: A provider or contact id: lower-case letters, digits and dashes.
ItemId = ProjectId


class _Edit(_Body):
    """Who saves."""

    changed_by: required_line(100)


class _ServiceFields(_Edit):
    """A service's name and description in every language, and its provider."""

    name: ProjectNames
    description: ProjectSummaries
    provider_id: ItemId | None = Field(None, description="A contact's id; null: no provider")


class _ContactFields(_Edit):
    """An organisation's name and description in every language, and its channels."""

    name: ProjectNames
    description: ProjectSummaries
    website: optional_text(300, single_line) = None
    email: ContactEmail | None = None
    phone: optional_text(40, single_line, phone_number, core=PHONE) = None
    is_placeholder: StrictBool = Field(
        False, description="The channels are reserved examples, not the organisation's own"
    )


class _HubFactFields(_Edit):
    """A dated fact about the hub: its date, title and summary in every language."""

    date: Annotated[str, Field(pattern=FACT_DATE_PATTERN, max_length=10)] = Field(
        description="`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the source"
    )
    title: ProjectNames
    summary: ProjectSummaries


class ServiceEdit(_ServiceFields):
    """A service's new content and the source of what staff write."""

    source: StaffSource


class ContactEdit(_ContactFields):
    """An organisation's new content and the source of what staff write."""

    source: StaffSource


class HubFactEdit(_HubFactFields):
    """A dated fact's new content and the source of what staff write."""

    source: StaffSource


class HubFactCreate(HubFactEdit):
    """A new dated fact about the hub, with its id."""

    id: ItemId


class ServicePreviewIn(_ServiceFields):
    """A service as the editor holds it."""

    source: StaffSource | None = None


class ContactPreviewIn(_ContactFields):
    """A contact as the editor holds it."""

    source: StaffSource | None = None


class HubFactPreviewIn(_HubFactFields):
    """A dated fact as the editor holds it."""

    source: StaffSource | None = None


class ContentChangeOut(BaseModel):
    """One recorded change of a service, contact or hub fact."""

    changed_at: str = Field(description="ISO 8601, UTC")
    changed_by: str
    field: str
    from_value: str | None
    to_value: str | None


class _StaffSourced(BaseModel):
    source: str | None = Field(description=SOURCE_DESCRIPTION)
    source_date: str | None = Field(description="Date of a source staff gave (`YYYY-MM-DD`)")
    source_title: str | None = Field(
        description="Title of a document staff gave; null with a `source_date`: the hub's staff"
    )
    source_label: str | None = Field(description=SOURCE_LABEL_DESCRIPTION + " In English.")
    history: list[ContentChangeOut] = Field(description="Changes staff made, oldest first")


class ServiceStaffOut(_StaffSourced):
    """A service with its texts in every language."""

    id: str
    type: str
    name: Texts
    description: Texts
    provider_id: str | None


class ContactStaffOut(_StaffSourced):
    """A contact with its texts in every language."""

    id: str
    name: Texts
    description: Texts
    website: str | None
    email: str | None
    phone: str | None
    is_placeholder: bool


class HubFactStaffOut(_StaffSourced):
    """A dated fact about the hub with its texts in every language."""

    id: str
    date: str
    title: Texts
    summary: Texts


class ServiceStaffList(BaseModel):
    """Every service, in catalogue order."""

    items: list[ServiceStaffOut]


class ContactStaffList(BaseModel):
    """Every contact, in catalogue order."""

    items: list[ContactStaffOut]


class HubFactStaffList(BaseModel):
    """Every dated fact about the hub, by date."""

    items: list[HubFactStaffOut]


class ServicePreview(BaseModel):
    """A service as `GET /services` would answer it, in each language."""

    en: ServiceOut
    zh: ServiceOut
    ru: ServiceOut


class ContactPreview(BaseModel):
    """A contact as `GET /contacts` would answer it, in each language."""

    en: ContactOut
    zh: ContactOut
    ru: ContactOut


class HubFactPreview(BaseModel):
    """A dated fact as `GET /hub` would answer it among its events, in each language."""

    en: EventOut
    zh: EventOut
    ru: EventOut
