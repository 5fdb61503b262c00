"""Events the console could not apply, set aside so that the reader goes on.

A broker row that cannot be read or stored (not JSON, nested too deep to parse, text the
database refuses) must not stop the console: the consumer records it here, in the same
transaction that moves its read position past it, and logs it. A row holds where the
event was (the source and the broker's row id) and why it was skipped: the kind of error,
never the event's content, which may be personal data. The handoff page shows the count
and the latest rows, so staff see that something was skipped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: The longest reason kept (an exception's class name, or a short description).
MAX_REASON_CHARS = 200
#: How many of the latest skipped events a page lists.
LATEST_SKIPPED = 20


class SkippedBase(DeclarativeBase):
    """Declarative base of the skipped events (created with the console's other tables)."""


class SkippedEvent(SkippedBase):
    """One event of the broker that the console set aside."""

    __tablename__ = "console_skipped_events"
    # Ids are never given again, on SQLite too (migration 0002).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: The consumer's source (``sql:<broker url>`` or ``rabbitmq``).
    source: Mapped[str] = mapped_column(String(255))
    #: The broker's row id (SQL broker); ``None`` for a queue message.
    position: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(MAX_REASON_CHARS))
    skipped_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def skipped_entry(source: str, position: int | None, reason: str) -> SkippedEvent:
    """The row recording that the event at ``position`` of ``source`` was set aside."""
    return SkippedEvent(
        source=source[:255],
        position=position,
        reason=reason[:MAX_REASON_CHARS],
        skipped_at=datetime.now(UTC),
    )


def skipped_summary(engine: Engine, limit: int = LATEST_SKIPPED) -> dict[str, Any]:
    """How many events were set aside, and the latest ``limit`` of them, newest first."""
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(SkippedEvent)) or 0
        rows = connection.execute(
            select(
                SkippedEvent.source,
                SkippedEvent.position,
                SkippedEvent.reason,
                SkippedEvent.skipped_at,
            )
            .order_by(SkippedEvent.id.desc())
            .limit(limit)
        ).all()
    latest = [
        {
            "source": row.source,
            "position": row.position,
            "reason": row.reason,
            "skipped_at": _iso(row.skipped_at),
        }
        for row in rows
    ]
    return {"count": count, "latest": latest}


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite gives naive datetimes back
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")
