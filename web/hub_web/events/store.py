"""The console's own tables, kept up to date from Rasa's event stream.

One row per conversation (:class:`Conversation`) and one read position per event source
(:class:`ConsumerOffset`); each message and lead-form run in :mod:`hub_web.events.messages`.
:meth:`ConsoleStore.apply_events` folds Rasa events into them; the console's pages read them
and never Rasa's tracker store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Integer,
    String,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from hub_web.events.event_log import log_entry, read_events
from hub_web.events.messages import record_event
from hub_web.events.skipped import SkippedEvent, skipped_summary
from hub_web.migrate import upgrade_database

logger = logging.getLogger(__name__)

#: The language of a conversation whose ``language`` slot was never set to a known code.
UNKNOWN_LANGUAGE = "unknown"
#: Events after which Rasa's tracker is no longer paused (``Tracker._reset()``).
UNPAUSING_EVENTS = frozenset({"resume", "restart", "session_started"})
MAX_USER_MESSAGE_CHARS = 1000


class Base(DeclarativeBase):
    """Declarative base of the console's tables."""


class Conversation(Base):
    """What the console knows about one Rasa conversation, from its events."""

    __tablename__ = "console_conversations"

    sender_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    #: Latest value of the ``language`` slot; ``None`` until the slot was set.
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    first_event_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_event_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: True between a ``pause`` event (handoff) and ``resume``/``restart``/a new session.
    paused: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    last_user_message: Mapped[str | None] = mapped_column(Text)
    last_user_message_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user_messages: Mapped[int] = mapped_column(Integer, default=0)
    bot_messages: Mapped[int] = mapped_column(Integer, default=0)
    #: Bot events sent by the console on behalf of a member of staff.
    staff_messages: Mapped[int] = mapped_column(Integer, default=0)

    def as_dict(self) -> dict[str, Any]:
        """The row as plain values (times as ISO 8601 strings)."""
        return {
            "sender_id": self.sender_id,
            "language": self.language,
            "first_event_at": _iso(self.first_event_at),
            "last_event_at": _iso(self.last_event_at),
            "paused": self.paused,
            "last_user_message": self.last_user_message,
            "last_user_message_at": _iso(self.last_user_message_at),
            "user_messages": self.user_messages,
            "bot_messages": self.bot_messages,
            "staff_messages": self.staff_messages,
        }


class ConsumerOffset(Base):
    """How far a consumer has read its event source (the SQL broker's last ``events.id``)."""

    __tablename__ = "console_consumer_offsets"

    source: Mapped[str] = mapped_column(String(255), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite gives naive datetimes back
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _event_time(event: Mapping[str, Any]) -> datetime | None:
    value = event.get("timestamp")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _naive(moment: datetime) -> datetime:
    """Compare times the way they come back from SQLite (naive UTC)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return a if _naive(a) <= _naive(b) else b


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return a if _naive(a) >= _naive(b) else b


def apply_event(conversation: Conversation, event: Mapping[str, Any]) -> None:
    """Fold one Rasa event (as the event broker publishes it) into its conversation's row.

    Args:
        conversation: The row of the event's ``sender_id``.
        event: The event's JSON: ``{"event": "user", "timestamp": ..., "text": ..., ...}``.
    """
    moment = _event_time(event)
    conversation.first_event_at = _earlier(conversation.first_event_at, moment)
    conversation.last_event_at = _later(conversation.last_event_at, moment)
    kind = event.get("event")
    if kind == "user":
        conversation.user_messages = (conversation.user_messages or 0) + 1
        text = event.get("text")
        if isinstance(text, str):
            conversation.last_user_message = text[:MAX_USER_MESSAGE_CHARS]
            conversation.last_user_message_at = moment
    elif kind == "bot":
        metadata = event.get("metadata")
        if isinstance(metadata, Mapping) and metadata.get("from_staff"):
            conversation.staff_messages = (conversation.staff_messages or 0) + 1
        else:
            conversation.bot_messages = (conversation.bot_messages or 0) + 1
    elif kind == "slot" and event.get("name") == "language":
        value = event.get("value")
        conversation.language = value if isinstance(value, str) and value else UNKNOWN_LANGUAGE
    elif kind == "pause":
        conversation.paused = True
    elif kind in UNPAUSING_EVENTS:
        conversation.paused = False


def sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL, or ``None`` for another database or in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


class ConsoleStore:
    """The console's database: migrated when opened, written by the event consumer."""

    def __init__(self, url: str) -> None:
        """Open the database and bring it to the newest schema (:mod:`hub_web.migrate`).

        Args:
            url: The database's SQLAlchemy URL (``CONSOLE_DB_URL``).
        """
        self.url = url
        path = sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"timeout": 15} if make_url(url).get_backend_name() == "sqlite" else {}
        self.engine: Engine = create_engine(url, connect_args=connect_args)
        upgrade_database(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def offset(self, source: str) -> int:
        """The last position of ``source`` already applied (0 if none)."""
        with self._sessions() as session:
            row = session.get(ConsumerOffset, source)
            return row.position if row else 0

    def apply_events(
        self,
        events: Iterable[Mapping[str, Any]],
        *,
        source: str | None = None,
        position: int | None = None,
        skipped: Iterable[SkippedEvent] = (),
    ) -> int:
        """Apply events in one transaction, and move ``source``'s offset to ``position``.

        Events without a ``sender_id`` are skipped. Writing the offset in the same transaction
        as the rows means a crash never applies a row twice (for sources with positions).
        ``skipped`` records events set aside (:mod:`hub_web.events.skipped`), in the same
        transaction.

        Returns:
            The number of events applied.
        """
        applied = 0
        with self._sessions.begin() as session:
            conversations: dict[str, Conversation] = {}
            for event in events:
                sender_id = event.get("sender_id")
                if not isinstance(sender_id, str) or not sender_id:
                    continue
                conversation = conversations.get(sender_id) or self._row(session, sender_id)
                conversations[sender_id] = conversation
                # Each message on its own (hub_web.events.messages), before the row moves on.
                record_event(session, conversation.language, event)
                apply_event(conversation, event)
                if (entry := log_entry(event)) is not None:
                    session.add(entry)
                applied += 1
            session.add_all(list(skipped))
            if source is not None and position is not None:
                offset = session.get(ConsumerOffset, source)
                if offset is None:
                    session.add(ConsumerOffset(source=source, position=position))
                else:
                    offset.position = max(offset.position, position)
        return applied

    @staticmethod
    def _row(session: Session, sender_id: str) -> Conversation:
        row = session.get(Conversation, sender_id)
        if row is None:
            row = Conversation(
                sender_id=sender_id,
                paused=False,
                user_messages=0,
                bot_messages=0,
                staff_messages=0,
            )
            session.add(row)
        return row

    def conversation(self, sender_id: str) -> dict[str, Any] | None:
        """One conversation's row as a dict, or ``None`` if no event named it."""
        with self._sessions() as session:
            row = session.get(Conversation, sender_id)
            return row.as_dict() if row else None

    def paused_among(self, sender_ids: Iterable[str]) -> set[str]:
        """Which of ``sender_ids`` are paused (handed over to staff)."""
        wanted = list(dict.fromkeys(sender_ids))
        if not wanted:
            return set()
        with self._sessions() as session:
            query = select(Conversation.sender_id).where(
                Conversation.paused.is_(True), Conversation.sender_id.in_(wanted)
            )
            return set(session.scalars(query))

    def conversations_per_language(self) -> dict[str, int]:
        """Conversations with at least one visitor message, by language, sorted by code."""
        language = func.coalesce(Conversation.language, UNKNOWN_LANGUAGE)
        with self._sessions() as session:
            query = (
                select(language, func.count())
                .where(Conversation.user_messages > 0)
                .group_by(language)
                .order_by(language)
            )
            return {code: count for code, count in session.execute(query)}

    def skipped_events(self) -> dict[str, Any]:
        """How many events were set aside, and the latest of them (``skipped_summary``)."""
        return skipped_summary(self.engine)

    def logged_events(self, since: float | None = None) -> list[dict[str, Any]]:
        """The events the analytics read, oldest first (see :mod:`hub_web.events.event_log`)."""
        return read_events(self.engine, since)
