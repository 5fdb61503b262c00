"""Catalogue tables: projects (with their sectors), contacts, services, the hub, figures, events.

Translated texts are stored as one column per language (``name_en``, ``name_zh``, ``name_ru``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue_api.table_base import Base

#: The type of a staff source's date (``Event`` has a column named ``date``).
StaffDate = date


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
