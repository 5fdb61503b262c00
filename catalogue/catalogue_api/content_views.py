"""How visitors get services, contacts and the hub's dated facts (the public answers).

The public routers and the staff editor's previews render rows the same way; a row's source
label is its seed files' or, for an item staff saved, the source staff gave.
"""

from __future__ import annotations

from catalogue_api import i18n
from catalogue_api.content_edits import source_label
from catalogue_api.file_models import SourceFiles
from catalogue_api.models import Contact, Event, Service
from catalogue_api.schemas import ContactOut, EventOut, ServiceOut


def channel_label(value: str | None, is_placeholder: bool, lang: str) -> str:
    """A contact channel for people: the value, "not disclosed", or flagged a placeholder."""
    if value is None:
        return i18n.text("not_disclosed", lang)
    if is_placeholder:
        return i18n.text("placeholder", lang, value=value)
    return value


def service_out(
    row: Service, provider: Contact | None, lang: str, known: SourceFiles
) -> ServiceOut:
    """A service as ``GET /services`` answers it (``provider``: its provider's row)."""
    return ServiceOut(
        id=row.id,
        type=row.type,
        type_label=i18n.label("service_type", row.type, lang) or row.type,
        name=i18n.pick(row, "name", lang) or row.id,
        description=i18n.pick(row, "description", lang),
        provider_id=row.provider_id,
        provider_name=i18n.pick(provider, "name", lang) if provider else None,
        source=row.source,
        source_label=source_label(row, lang, known),
    )


def contact_out(row: Contact, lang: str, known: SourceFiles) -> ContactOut:
    """A contact as ``GET /contacts`` answers it."""
    return ContactOut(
        id=row.id,
        name=i18n.pick(row, "name", lang) or row.id,
        description=i18n.pick(row, "description", lang),
        website=row.website,
        email=row.email,
        phone=row.phone,
        website_label=channel_label(row.website, row.is_placeholder, lang),
        phone_label=channel_label(row.phone, row.is_placeholder, lang),
        email_label=channel_label(row.email, row.is_placeholder, lang),
        is_placeholder=row.is_placeholder,
        source=row.source,
        source_label=source_label(row, lang, known),
    )


def event_out(row: Event, lang: str, known: SourceFiles) -> EventOut:
    """A dated fact as ``GET /hub`` answers it among its events."""
    return EventOut(
        id=row.id,
        date=row.date,
        date_label=i18n.date_label(row.date, lang),
        title=i18n.pick(row, "title", lang) or row.id,
        summary=i18n.pick(row, "summary", lang),
        source=row.source,
        source_label=source_label(row, lang, known),
    )
