"""Lead tables: a lead, the projects and services it names, and its history of changes.

A lead's projects and services are stored in their own tables as plain strings, without a
foreign key to ``projects``: replacing the project catalogue never breaks or rewrites a stored
lead.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue_api.table_base import Base
from hub_vocabulary import LEAD_MAX_LENGTHS as MAX


class Lead(Base):
    """An investor's request for contact, as sent by the bot or the website.

    Its columns are the fields of ``lead_schemas.LeadBase`` and what the catalogue keeps (status,
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
