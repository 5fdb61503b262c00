"""The audit log of personal data: who exported or erased what, and what the retention did.

One row per action in the console's database (``console_audit_log``). A row names the lead by
its id and the conversation by a keyed hash of its sender id (:func:`subject_hash`), never by
any personal data, so the log may outlive what it records.

The hash is an HMAC-SHA256 with ``AUDIT_HASH_KEY`` (generated into the stack's secrets file),
so a guessable sender id cannot be recovered from it without the key. Rows written before
the key was introduced keep their unkeyed SHA-256 prefix: they stay readable as they are, and
simply do not match the keyed hash of the same conversation.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from hub_web.settings import Settings

logger = logging.getLogger(__name__)

EXPORT = "export"
ERASE = "erase"
RETENTION = "retention"
DONE = "done"
FAILED = "failed"
#: The actor of the retention's rows.
RETENTION_ACTOR = "retention"
SUBJECT_HASH_CHARS = 16
MAX_DETAIL_CHARS = 300


class AuditBase(DeclarativeBase):
    """Declarative base of the audit log (in the console's database)."""


class AuditEntry(AuditBase):
    """One action on personal data."""

    __tablename__ = "console_audit_log"
    # Ids are never given again, on SQLite too (migration 0002).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(16), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    lead_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: :func:`subject_hash` of the conversation's sender id (unkeyed SHA-256 in old rows).
    subject: Mapped[str | None] = mapped_column(String(SUBJECT_HASH_CHARS))
    #: What happened, without personal data: lead ids, counts, the failing service.
    detail: Mapped[str | None] = mapped_column(String(MAX_DETAIL_CHARS))


def subject_hash(conversation_id: str | None, key: bytes) -> str | None:
    """A short keyed hash (HMAC-SHA256) of a sender id: the same conversation, the same value.

    Args:
        conversation_id: The conversation's sender id.
        key: The audit log's key (:func:`audit_key`).

    Returns:
        The first :data:`SUBJECT_HASH_CHARS` hex digits, or ``None`` without a sender id.
    """
    if not conversation_id:
        return None
    digest = hmac.new(key, conversation_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:SUBJECT_HASH_CHARS]


def audit_key(settings: Settings) -> bytes:
    """The key of :func:`subject_hash`.

    ``AUDIT_HASH_KEY``, else one derived from the session secret, else (neither set: nobody
    can sign in to export or erase) a random key for this process.
    """
    if settings.audit_hash_key:
        return settings.audit_hash_key.encode("utf-8")
    if settings.session_secret:
        secret = settings.session_secret.encode("utf-8")
        return hmac.new(secret, b"hub audit subject", hashlib.sha256).digest()
    logger.warning("AUDIT_HASH_KEY is not set: audit subjects match only within this process")
    return secrets.token_bytes(32)


class AuditLog:
    """The audit table of one console database (made by its migrations)."""

    def __init__(self, engine: Engine, key: bytes) -> None:
        """Open the log on the console's engine.

        Args:
            engine: The console's database (``ConsoleStore.engine``).
            key: The key of the conversations' hashes (:func:`audit_key`).
        """
        self._key = key
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def record(
        self,
        actor: str,
        action: str,
        outcome: str,
        *,
        lead_id: int | None = None,
        conversation_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Add one row, stamped now (UTC).

        Args:
            actor: The staff user, or :data:`RETENTION_ACTOR`.
            action: :data:`EXPORT`, :data:`ERASE` or :data:`RETENTION`.
            outcome: :data:`DONE` or :data:`FAILED`.
            lead_id: The lead the action was about.
            conversation_id: Its conversation; only its hash is stored.
            detail: Lead ids, counts or the failing step; never personal data.
        """
        with self._sessions.begin() as session:
            session.add(
                AuditEntry(
                    at=datetime.now(UTC),
                    actor=actor,
                    action=action,
                    outcome=outcome,
                    lead_id=lead_id,
                    subject=subject_hash(conversation_id, self._key),
                    detail=detail[:MAX_DETAIL_CHARS] if detail else None,
                )
            )

    def recent(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest rows, newest first, as dicts (``at`` in ISO 8601, UTC)."""
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        with self._sessions() as session:
            rows = session.scalars(query).all()
        return [
            {
                "id": row.id,
                "at": (row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)).isoformat(),
                "actor": row.actor,
                "action": row.action,
                "outcome": row.outcome,
                "lead_id": row.lead_id,
                "subject": row.subject,
                "detail": row.detail,
            }
            for row in rows
        ]
