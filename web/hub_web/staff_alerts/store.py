"""Alerts for staff, found in the console's event log and kept with their e-mail's state.

The event log (:mod:`hub_web.events.event_log`) is read past a cursor of its own. A ``pause``
event (the handoff's ``ConversationPaused``) is a visitor starting to wait; a ``lead_id`` slot
is a new lead, unless the same conversation pauses in the same batch (a handoff lead: the
waiting alert names it). A row keeps no personal data: the lead's number, the conversation's
handle (the console's keyed hash of its id, as its URLs use) and times. The e-mail is composed
when it is sent, from the catalogue's lead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, Integer, String, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from hub_web.events.event_log import LoggedEvent
from hub_web.events.store import Conversation

WAITING, LEAD = "waiting", "lead"
#: E-mail states: not to be sent (no mail server), to be sent, sent, given up.
EMAIL_OFF, EMAIL_PENDING, EMAIL_SENT, EMAIL_FAILED = "off", "pending", "sent", "failed"
CURSOR_NAME = "event_log"
SCAN_BATCH = 500
#: An e-mail still failing after this many tries is given up (logged).
MAX_ATTEMPTS = 40


class AlertBase(DeclarativeBase):
    """Declarative base of the alert tables (made by the console's migrations)."""


class StaffAlert(AlertBase):
    """A visitor started waiting for a person, or a lead arrived; and its e-mail."""

    __tablename__ = "console_staff_alerts"
    # Ids are never given again, on SQLite too (migration 0002).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    #: The event log row it comes from: an alert is made once.
    source_event_id: Mapped[int] = mapped_column(Integer, unique=True)
    handle: Mapped[str | None] = mapped_column(String(32), index=True)
    lead_id: Mapped[int | None] = mapped_column(Integer)
    event_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The kind of the last failure (an exception's class name), never its message.
    last_error: Mapped[str | None] = mapped_column(String(100))

    def as_dict(self) -> dict[str, Any]:
        """The row as plain values."""
        return {
            "id": self.id,
            "kind": self.kind,
            "handle": self.handle,
            "lead_id": self.lead_id,
            "event_at": _aware(self.event_at),
            "email_state": self.email_state,
            "attempts": self.attempts,
        }


class AlertCursor(AlertBase):
    """How far the event log has been read for alerts."""

    __tablename__ = "console_staff_alert_cursor"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives naive UTC datetimes back."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _lead_id(value: Any) -> int | None:
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _event_time(event: dict[str, Any]) -> datetime | None:
    value = event.get("timestamp")
    return datetime.fromtimestamp(value, tz=UTC) if isinstance(value, int | float) else None


def _latest_lead(session: Session, sender_id: str, before: int) -> int | None:
    """The conversation's latest ``lead_id`` slot value logged before row ``before``."""
    rows = session.execute(
        select(LoggedEvent.data)
        .where(LoggedEvent.sender_id == sender_id, LoggedEvent.id < before)
        .order_by(LoggedEvent.id.desc())
    ).scalars()
    for data in rows:
        event = json.loads(data)
        is_lead = event.get("event") == "slot" and event.get("name") == "lead_id"
        if is_lead and (lead_id := _lead_id(event.get("value"))) is not None:
            return lead_id
    return None


def scan(engine: Engine, handle_of: Callable[[str], str], *, email: bool) -> int:
    """Turn new event log rows into alerts (one transaction with the cursor).

    The first scan of a database starts at the log's end: history raises no alert.

    Args:
        engine: The console's database.
        handle_of: A conversation's handle from its id.
        email: Whether new alerts are to be e-mailed (a mail server is configured).

    Returns:
        How many alerts were added.
    """
    with Session(engine) as session, session.begin():
        cursor = session.get(AlertCursor, CURSOR_NAME)
        if cursor is None:
            end = session.scalar(select(func.max(LoggedEvent.id))) or 0
            session.add(AlertCursor(name=CURSOR_NAME, position=end))
            return 0
        rows = session.execute(
            select(LoggedEvent.id, LoggedEvent.sender_id, LoggedEvent.data)
            .where(LoggedEvent.id > cursor.position)
            .order_by(LoggedEvent.id)
            .limit(SCAN_BATCH)
        ).all()
        if not rows:
            return 0
        events = [(row.id, row.sender_id, json.loads(row.data)) for row in rows]
        pausing = {sender for _, sender, event in events if event.get("event") == "pause"}
        alerts = []
        for position, sender, event in events:
            kind = event.get("event")
            if kind == "pause":
                lead_id: int | None = _latest_lead(session, sender, position)
            elif kind == "slot" and event.get("name") == "lead_id" and sender not in pausing:
                lead_id = _lead_id(event.get("value"))
                if lead_id is None:
                    continue
            else:
                continue
            alerts.append(
                StaffAlert(
                    kind=WAITING if kind == "pause" else LEAD,
                    source_event_id=position,
                    handle=handle_of(sender),
                    lead_id=lead_id,
                    event_at=_event_time(event),
                    email_state=EMAIL_PENDING if email else EMAIL_OFF,
                    attempts=0,
                )
            )
        session.add_all(alerts)
        cursor.position = rows[-1].id
        return len(alerts)


def latest_alert(engine: Engine) -> dict[str, Any] | None:
    """The newest alert, or ``None``."""
    with Session(engine) as session:
        row = session.scalars(select(StaffAlert).order_by(StaffAlert.id.desc()).limit(1)).first()
        return row.as_dict() if row else None


def waiting_count(engine: Engine) -> int:
    """How many conversations are paused for a person (the console's conversation rows)."""
    with Session(engine) as session:
        query = select(func.count()).where(Conversation.paused.is_(True))
        return int(session.scalar(query) or 0)


def waiting_since(engine: Engine, handles: Iterable[str]) -> dict[str, datetime]:
    """When each conversation (by handle) last started waiting, where an alert says so."""
    wanted = list(dict.fromkeys(handles))
    if not wanted:
        return {}
    with Session(engine) as session:
        query = (
            select(StaffAlert.handle, func.max(StaffAlert.event_at))
            .where(StaffAlert.kind == WAITING, StaffAlert.handle.in_(wanted))
            .group_by(StaffAlert.handle)
        )
        return {
            handle: moment
            for handle, moment in ((h, _aware(m)) for h, m in session.execute(query))
            if handle is not None and moment is not None
        }


def due_emails(engine: Engine, now: datetime) -> list[dict[str, Any]]:
    """Alerts whose e-mail is to be sent now, oldest first."""
    with Session(engine) as session:
        query = (
            select(StaffAlert)
            .where(StaffAlert.email_state == EMAIL_PENDING)
            .order_by(StaffAlert.id)
            .limit(50)
        )
        return [row.as_dict() for row in session.scalars(query) if _is_due(row, now)]


def _is_due(row: StaffAlert, now: datetime) -> bool:
    moment = _aware(row.next_attempt_at)
    return moment is None or moment <= now


def mark_sent(engine: Engine, alert_id: int, now: datetime) -> None:
    """Record that the alert's e-mail was accepted by the mail server."""
    with Session(engine) as session, session.begin():
        row = session.get(StaffAlert, alert_id)
        if row is not None:
            row.email_state, row.sent_at, row.next_attempt_at = EMAIL_SENT, _naive(now), None


def mark_unsendable(engine: Engine, alert_id: int, reason: str) -> None:
    """Give the e-mail up at once (no address to send it to)."""
    with Session(engine) as session, session.begin():
        row = session.get(StaffAlert, alert_id)
        if row is not None:
            row.email_state, row.last_error, row.next_attempt_at = EMAIL_FAILED, reason, None


def mark_failed(
    engine: Engine, alert_id: int, error: str, now: datetime, first_wait: float, max_wait: float
) -> bool:
    """Record a failed try; the next waits twice as long, up to ``max_wait`` seconds.

    Returns:
        True when the e-mail is given up (:data:`MAX_ATTEMPTS` tries).
    """
    with Session(engine) as session, session.begin():
        row = session.get(StaffAlert, alert_id)
        if row is None:
            return True
        row.attempts = (row.attempts or 0) + 1
        row.last_error = error[:100]
        if row.attempts >= MAX_ATTEMPTS:
            row.email_state, row.next_attempt_at = EMAIL_FAILED, None
            return True
        wait = min(first_wait * 2 ** (row.attempts - 1), max_wait)
        row.next_attempt_at = _naive(now + timedelta(seconds=wait))
        return False
