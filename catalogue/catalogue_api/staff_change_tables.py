"""Change logs of staff's edits: projects, and services, contacts and hub facts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from catalogue_api.table_base import Base


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
