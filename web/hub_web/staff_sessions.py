"""Staff sessions on the server: a console cookie is good only while its session row exists.

The console's cookie is signed by Starlette's ``SessionMiddleware``, so on its own it stays
valid until it expires, sign-out or not. Sign-in therefore also creates a random session id,
kept in the cookie and, as a SHA-256, in the console's database (``console_staff_sessions``);
every console request looks it up (:func:`hub_web.security.signed_in_user`) and sign-out
deletes it, so a copied cookie is refused from then on. Rows older than the cookie's
lifetime are deleted at each sign-in. The table is made by the console's migrations
(:mod:`hub_web.migrate`), as the console's other tables are.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, String, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class SessionBase(DeclarativeBase):
    """Declarative base of the staff sessions (in the console's database)."""


class StaffSession(SessionBase):
    """One signed-in browser."""

    __tablename__ = "console_staff_sessions"

    #: SHA-256 (hex) of the session id in the cookie; the id itself is not stored.
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


class StaffSessions:
    """The live staff sessions of one console database."""

    def __init__(self, engine: Engine, lifetime_seconds: float) -> None:
        """Open the table on the console's engine (migrated by ``ConsoleStore``).

        Args:
            engine: The console's database (``ConsoleStore.engine``).
            lifetime_seconds: How long a session lasts at most (the cookie's ``max_age``).
        """
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._lifetime = timedelta(seconds=lifetime_seconds)

    def start(self, username: str) -> str:
        """Create a session for ``username``, drop expired ones; return the new session id."""
        session_id = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self._sessions.begin() as session:
            session.execute(
                delete(StaffSession).where(StaffSession.created_at < now - self._lifetime)
            )
            session.add(StaffSession(id_hash=_hash(session_id), username=username, created_at=now))
        return session_id

    def user_of(self, session_id: object) -> str | None:
        """The user name of a live session, or ``None`` (unknown, ended or expired)."""
        if not isinstance(session_id, str) or not session_id:
            return None
        with self._sessions() as session:
            row = session.scalars(
                select(StaffSession).where(StaffSession.id_hash == _hash(session_id))
            ).one_or_none()
        if row is None:
            return None
        created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
        return row.username if datetime.now(UTC) - created < self._lifetime else None

    def end(self, session_id: object) -> None:
        """Delete a session (sign-out); nothing happens if it does not exist."""
        if isinstance(session_id, str) and session_id:
            with self._sessions.begin() as session:
                session.execute(
                    delete(StaffSession).where(StaffSession.id_hash == _hash(session_id))
                )

    def end_all(self, username: str | None = None) -> None:
        """Delete every session, or every session of ``username``."""
        query = delete(StaffSession)
        if username is not None:
            query = query.where(StaffSession.username == username)
        with self._sessions.begin() as session:
            session.execute(query)
