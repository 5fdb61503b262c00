"""Staff edits of services, contacts and the hub's dated facts, each change logged.

One description per kind (:data:`KINDS`) says which columns hold texts in every language and
which hold one value; the same code snapshots, writes, logs and renders all three. Every save
carries a source staff give, which replaces the seed's press release of that item (the seed
never vouches for staff's words), unless the saved content is the seed's own again: then the
seed's press release is cited again. The change log (``content_changes``) keeps who changed
which field, when, from what to what.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue_api import sources
from catalogue_api.catalogue_writes import contact_row, event_row, service_row
from catalogue_api.content_schemas import ContentChangeOut
from catalogue_api.file_models import SeedDocument, SourceFiles
from catalogue_api.lead_service import as_utc
from catalogue_api.models import Base, Contact, ContentChange, Event, Service
from catalogue_api.project_schemas import StaffSource, Texts
from hub_vocabulary import LANGUAGES


@dataclass(frozen=True)
class Kind:
    """What staff edit of one kind of item."""

    name: str
    model: type[Base]
    texts: tuple[str, ...]
    values: tuple[str, ...]
    #: Columns staff see but do not edit (a service's type: the bot's vocabulary).
    fixed: tuple[str, ...] = ()


SERVICE = Kind("service", Service, ("name", "description"), ("provider_id",), ("type",))
CONTACT = Kind(
    "contact", Contact, ("name", "description"), ("website", "email", "phone", "is_placeholder")
)
HUB_FACT = Kind("hub_fact", Event, ("title", "summary"), ("date",))
KINDS = {kind.name: kind for kind in (SERVICE, CONTACT, HUB_FACT)}
#: The seed document's section of each kind, and the builder of its rows.
SEED_SECTIONS: dict[str, tuple[str, Any]] = {
    "service": ("services", service_row),
    "contact": ("contacts", contact_row),
    "hub_fact": ("events", event_row),
}


def seed_row(document: SeedDocument, kind: Kind, item_id: str) -> Any | None:
    """The item as the seed document gives it (a detached row), or ``None`` if it has none."""
    section, build = SEED_SECTIONS[kind.name]
    for index, entry in enumerate(getattr(document, section)):
        if entry.id == item_id:
            return build(entry, index)
    return None


def source_label(row: Any, lang: str, known: SourceFiles) -> str | None:
    """The label of a row's source: its seed files, else the source staff gave."""
    return sources.source_label(row.source, lang, known) or sources.staff_source_label(
        row.source_date, row.source_title, lang
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def snapshot(row: Any, kind: Kind) -> dict[str, str | None]:
    """Every field staff edit, as text (``name.zh``, ``website``, ``source_date``, ...)."""
    values = {
        f"{stem}.{lang}": getattr(row, f"{stem}_{lang}")
        for stem in kind.texts
        for lang in LANGUAGES
    }
    values.update({name: _text(getattr(row, name)) for name in kind.values})
    values["source"] = row.source
    values["source_date"] = row.source_date.isoformat() if row.source_date else None
    values["source_title"] = row.source_title
    return values


def apply(row: Any, kind: Kind, body: BaseModel, source: StaffSource | None) -> None:
    """Write the body's texts and values (and a staff source, if given) into the row."""
    for stem in kind.texts:
        texts = getattr(body, stem)
        for lang in LANGUAGES:
            setattr(row, f"{stem}_{lang}", getattr(texts, lang))
    for name in kind.values:
        setattr(row, name, getattr(body, name))
    if source is not None:
        row.source = None
        row.source_date = source.date
        row.source_title = source.title


def history(session: Session, kind: Kind, item_id: str) -> list[ContentChangeOut]:
    """The item's changes, oldest first."""
    rows = session.scalars(
        select(ContentChange)
        .where(ContentChange.kind == kind.name, ContentChange.item_id == item_id)
        .order_by(ContentChange.id)
    ).all()
    return [
        ContentChangeOut(
            changed_at=as_utc(change.changed_at).isoformat(),
            changed_by=change.changed_by,
            field=change.field,
            from_value=change.from_value,
            to_value=change.to_value,
        )
        for change in rows
    ]


def staff_fields(
    session: Session | None, row: Any, kind: Kind, known: SourceFiles
) -> dict[str, Any]:
    """The fields of the staff answer of a row (texts per language, values, source, history)."""
    fields: dict[str, Any] = {"id": row.id}
    for stem in kind.texts:
        fields[stem] = Texts(**{lang: getattr(row, f"{stem}_{lang}") for lang in LANGUAGES})
    fields.update({name: getattr(row, name) for name in (*kind.values, *kind.fixed)})
    fields.update(
        source=row.source,
        source_date=row.source_date.isoformat() if row.source_date else None,
        source_title=row.source_title,
        source_label=source_label(row, "en", known),
        history=history(session, kind, row.id) if session is not None else [],
    )
    return fields


def _content(values: dict[str, str | None]) -> dict[str, str | None]:
    return {name: value for name, value in values.items() if not name.startswith("source")}


def save(
    session: Session,
    row: Any,
    kind: Kind,
    body: Any,
    now: datetime,
    *,
    new: bool = False,
    seed: Any | None = None,
) -> list[str]:
    """Change a row to the body's content and log each changed field (no commit).

    Args:
        session: An open session inside a transaction.
        row: The row to change (already added for a new item).
        kind: Its kind.
        body: The validated edit (``changed_by`` and ``source`` included).
        now: The time of the change.
        new: The row is new: every field is logged, from nothing.
        seed: The item as the seed gives it: content equal to it cites the seed's source again.

    Returns:
        The changed fields' names; empty when the content is the same (the source stays too).
    """
    before = {} if new else snapshot(row, kind)
    apply(row, kind, body, None)
    content = _content(snapshot(row, kind))
    if not new and content == _content(before):
        return []
    if seed is not None and content == _content(snapshot(seed, kind)):
        row.source, row.source_date, row.source_title = seed.source, None, None
    else:
        apply(row, kind, body, body.source)
    session.flush()
    after = snapshot(row, kind)
    changed = [name for name, value in after.items() if before.get(name) != value]
    session.add_all(
        ContentChange(
            kind=kind.name,
            item_id=row.id,
            changed_at=now,
            changed_by=body.changed_by,
            field=name,
            from_value=before.get(name),
            to_value=after[name],
        )
        for name in changed
    )
    return changed
