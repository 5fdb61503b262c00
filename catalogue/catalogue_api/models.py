"""ORM tables: catalogue (projects, services, contacts, hub, figures, events) and leads.

Translated texts are stored as one column per language (``name_en``, ``name_zh``, ``name_ru``).
Lead projects and services are stored in their own tables as plain strings, without a foreign
key to ``projects``: replacing the project catalogue never breaks or rewrites a stored lead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from hub_vocabulary import LEAD_MAX_LENGTHS as MAX

#: The type of a staff source's date (``Event`` has a column named ``date``).
StaffDate = date


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every table."""


class Project(Base):
    """A project of the catalogue."""

    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name_en: Mapped[str] = mapped_column(String(300), nullable=False)
    name_zh: Mapped[str] = mapped_column(String(300), nullable=False)
    name_ru: Mapped[str] = mapped_column(String(300), nullable=False)
    district: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    investment_cny: Mapped[float | None] = mapped_column(Float)
    summary_en: Mapped[str | None] = mapped_column(Text)
    summary_zh: Mapped[str | None] = mapped_column(Text)
    summary_ru: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    #: A source staff give (revision 0005): its date, and the document's title (``None``: the
    #: hub's staff themselves). Set only when ``source`` (the seed files) is not.
    source_date: Mapped[date | None] = mapped_column(Date)
    source_title: Mapped[str | None] = mapped_column(String(300))

    sectors: Mapped[list[ProjectSector]] = relationship(
        back_populates="project",
        cascade="all, delete-orphan",
        order_by="ProjectSector.position",
        lazy="selectin",
    )


class ProjectSector(Base):
    """One sector code of a project."""

    __tablename__ = "project_sectors"

    project_id: Mapped[str] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)

    project: Mapped[Project] = relationship(back_populates="sectors")


class Contact(Base):
    """An organisation of the hub an investor can contact."""

    __tablename__ = "contacts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name_en: Mapped[str] = mapped_column(String(300), nullable=False)
    name_zh: Mapped[str] = mapped_column(String(300), nullable=False)
    name_ru: Mapped[str] = mapped_column(String(300), nullable=False)
    description_en: Mapped[str | None] = mapped_column(Text)
    description_zh: Mapped[str | None] = mapped_column(Text)
    description_ru: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    is_placeholder: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    source: Mapped[str | None] = mapped_column(String(300))
    #: A source staff give (revision 0007), as for projects: set only when ``source`` is not.
    source_date: Mapped[StaffDate | None] = mapped_column(Date)
    source_title: Mapped[str | None] = mapped_column(String(300))


class Service(Base):
    """A service the hub offers, of one service type."""

    __tablename__ = "services"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    type: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    name_en: Mapped[str] = mapped_column(String(300), nullable=False)
    name_zh: Mapped[str] = mapped_column(String(300), nullable=False)
    name_ru: Mapped[str] = mapped_column(String(300), nullable=False)
    description_en: Mapped[str | None] = mapped_column(Text)
    description_zh: Mapped[str | None] = mapped_column(Text)
    description_ru: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"))
    source: Mapped[str | None] = mapped_column(String(300))
    #: A source staff give (revision 0007), as for projects: set only when ``source`` is not.
    source_date: Mapped[StaffDate | None] = mapped_column(Date)
    source_title: Mapped[str | None] = mapped_column(String(300))

    provider: Mapped[Contact | None] = relationship(lazy="joined")


class Hub(Base):
    """The hub itself (a single row, id 1)."""

    __tablename__ = "hub"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_en: Mapped[str] = mapped_column(String(300), nullable=False)
    name_zh: Mapped[str] = mapped_column(String(300), nullable=False)
    name_ru: Mapped[str] = mapped_column(String(300), nullable=False)
    summary_en: Mapped[str | None] = mapped_column(Text)
    summary_zh: Mapped[str | None] = mapped_column(Text)
    summary_ru: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))


class Figure(Base):
    """A figure about the hub, exactly as the seeds give it."""

    __tablename__ = "figures"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    label_en: Mapped[str] = mapped_column(String(300), nullable=False)
    label_zh: Mapped[str] = mapped_column(String(300), nullable=False)
    label_ru: Mapped[str] = mapped_column(String(300), nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    unit: Mapped[str] = mapped_column(String(32), nullable=False)
    qualifier: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(String(300))


class Event(Base):
    """A dated event of the hub; ``date`` is ISO 8601 to the precision the seeds give."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    date: Mapped[str] = mapped_column(String(10), nullable=False)
    title_en: Mapped[str] = mapped_column(String(300), nullable=False)
    title_zh: Mapped[str] = mapped_column(String(300), nullable=False)
    title_ru: Mapped[str] = mapped_column(String(300), nullable=False)
    summary_en: Mapped[str | None] = mapped_column(Text)
    summary_zh: Mapped[str | None] = mapped_column(Text)
    summary_ru: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    #: A source staff give (revision 0007), as for projects: set only when ``source`` is not.
    source_date: Mapped[StaffDate | None] = mapped_column(Date)
    source_title: Mapped[str | None] = mapped_column(String(300))


class Lead(Base):
    """An investor's request for contact, as sent by the bot or the website.

    Its columns are the fields of ``schemas.LeadBase`` and what the catalogue keeps (status,
    assignee, times); the lengths of texts come from ``hub_vocabulary.LEAD_MAX_LENGTHS``.

    Its id is never given again, not even after the lead is erased (staff and the audit log
    name leads by id): SQLite's ``AUTOINCREMENT`` (revision 0004), PostgreSQL's sequence.
    """

    __tablename__ = "leads"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_reference: Mapped[str | None] = mapped_column(
        String(MAX["client_reference"]), unique=True
    )
    name: Mapped[str] = mapped_column(String(MAX["name"]), nullable=False)
    company: Mapped[str | None] = mapped_column(String(MAX["company"]))
    country: Mapped[str | None] = mapped_column(String(MAX["country"]))
    #: ``country`` case-folded in Python, for case-insensitive filtering on both databases
    #: (SQLite's lower() folds ASCII only).
    country_key: Mapped[str | None] = mapped_column(String(MAX["country"]), index=True)
    #: ISO 3166-1 alpha-2 code of the country (``KZ``), when the sender gives it (revision 0002).
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    email: Mapped[str | None] = mapped_column(String(MAX["email"]))
    phone: Mapped[str | None] = mapped_column(String(MAX["phone"]))
    interest: Mapped[str | None] = mapped_column(Text)
    consent: Mapped[bool] = mapped_column(Boolean, nullable=False)
    #: The consent question the person agreed to, exactly as shown, its language and the
    #: version of its wording (revision 0003; null for leads stored before, or sent without).
    consent_text: Mapped[str | None] = mapped_column(Text)
    consent_language: Mapped[str | None] = mapped_column(String(2))
    consent_version: Mapped[str | None] = mapped_column(String(MAX["consent_version"]))
    #: Indexed (revision 0008): the console's funnel and the personal data look leads up by it.
    conversation_id: Mapped[str | None] = mapped_column(String(MAX["conversation_id"]), index=True)
    #: The input channel the lead came through (``socketio``, ``rest``, ``telegram``; revision
    #: 0006; null for leads stored before).
    channel: Mapped[str | None] = mapped_column(String(16), index=True)
    language: Mapped[str] = mapped_column(String(2), nullable=False)
    handoff: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    assigned_to: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)

    projects: Mapped[list[LeadProject]] = relationship(
        cascade="all, delete-orphan", order_by="LeadProject.position", lazy="selectin"
    )
    services: Mapped[list[LeadService]] = relationship(
        cascade="all, delete-orphan", order_by="LeadService.position", lazy="selectin"
    )
    history: Mapped[list[LeadHistory]] = relationship(
        cascade="all, delete-orphan", order_by="LeadHistory.id", lazy="selectin"
    )


class LeadProject(Base):
    """A project id a lead is interested in (plain string, see module docstring)."""

    __tablename__ = "lead_projects"

    lead_id: Mapped[int] = mapped_column(
        ForeignKey("leads.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class LeadService(Base):
    """A service type a lead is interested in."""

    __tablename__ = "lead_services"

    lead_id: Mapped[int] = mapped_column(
        ForeignKey("leads.id", ondelete="CASCADE"), primary_key=True
    )
    service_type: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class LeadHistory(Base):
    """One recorded change of a lead: who changed which field, when, from what to what."""

    __tablename__ = "lead_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lead_id: Mapped[int] = mapped_column(
        ForeignKey("leads.id", ondelete="CASCADE"), nullable=False, index=True
    )
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    changed_by: Mapped[str] = mapped_column(String(100), nullable=False)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    from_value: Mapped[str | None] = mapped_column(String(200))
    to_value: Mapped[str | None] = mapped_column(String(200))


class ProjectChange(Base):
    """One change staff made to a project: who, when, which field, from what to what.

    ``project_id`` is a plain string, without a foreign key, like the lead tables: the change
    log outlives a replacement of the project catalogue (revision 0005).
    """

    __tablename__ = "project_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    changed_by: Mapped[str] = mapped_column(String(100), nullable=False)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    from_value: Mapped[str | None] = mapped_column(Text)
    to_value: Mapped[str | None] = mapped_column(Text)


class ContentChange(Base):
    """One change staff made to a service, contact or hub fact (revision 0007).

    ``kind`` is ``service``, ``contact`` or ``hub_fact``; ``item_id`` has no foreign key, so
    the log outlives the item, as ``project_changes`` does.
    """

    __tablename__ = "content_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    item_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    changed_by: Mapped[str] = mapped_column(String(100), nullable=False)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    from_value: Mapped[str | None] = mapped_column(Text)
    to_value: Mapped[str | None] = mapped_column(Text)
