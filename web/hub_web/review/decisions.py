"""Staff decisions on the review queue: the right intent and entities, or out of scope.

One row of ``console_review_decisions`` per reviewed visitor message. ``confirmed`` means the
model's intent and entities were right, ``corrected`` that staff chose others (both are
training examples for :mod:`hub_web.review.export`), ``out_of_scope`` that the message is not
for the assistant to learn. A decision can be changed or withdrawn (the message goes back to
the queue).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from hub_web.events.messages import USER, ConversationMessage, MessageBase
from hub_web.review.domain import DomainLists

CONFIRMED, CORRECTED, OUT_OF_SCOPE = "confirmed", "corrected", "out_of_scope"
#: Decisions whose message is a training example.
LABELLED = (CONFIRMED, CORRECTED)
MAX_ENTITIES = 20


class ReviewDecision(MessageBase):
    """What a member of staff decided about one visitor message."""

    __tablename__ = "console_review_decisions"
    # Ids are never given again, on SQLite too (migration 0002).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("console_messages.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    intent: Mapped[str | None] = mapped_column(String(100))
    #: ``[{"entity", "start", "end", "text"}]``, by position.
    entities: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    reviewed_by: Mapped[str] = mapped_column(String(255))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CorrectionError(ValueError):
    """A correction that cannot be saved; the message says what to change."""


@dataclass(frozen=True)
class EntityRow:
    """One entity row of the review form: a type and the words of the message it covers.

    Attributes:
        entity: The entity type; empty to drop the row.
        text: The words, exactly as in the message.
        start: Where the model saw them (a hint when the words occur more than once).
    """

    entity: str
    text: str
    start: int | None = None


def _find(text: str, words: str, start: int | None, taken: list[tuple[int, int]]) -> int:
    """Where ``words`` occur in ``text``: at ``start`` if they are there, else the first free."""
    candidates = [start] if start is not None and text[start : start + len(words)] == words else []
    position = text.find(words)
    while position >= 0:
        candidates.append(position)
        position = text.find(words, position + 1)
    for candidate in candidates:
        end = candidate + len(words)
        if all(end <= begin or candidate >= finish for begin, finish in taken):
            return candidate
    raise CorrectionError(f"“{words}” is not in the message (or overlaps another entity).")


def entity_spans(
    text: str, rows: Sequence[EntityRow], allowed: Sequence[str]
) -> list[dict[str, Any]]:
    """The entities of the form's rows, placed in the message's text.

    Args:
        text: The visitor's message.
        rows: The form's rows; those without a type are dropped.
        allowed: The domain's entities.

    Returns:
        ``[{"entity", "start", "end", "text"}]`` by position.

    Raises:
        CorrectionError: An unknown entity type, missing words, or words not in the message.
    """
    spans: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for row in rows:
        if not row.entity:
            continue
        if row.entity not in allowed:
            raise CorrectionError(f"“{row.entity}” is not an entity of the domain.")
        words = row.text.strip()
        if not words:
            raise CorrectionError(f"Write the words of the message that are the {row.entity}.")
        start = _find(text, words, row.start, taken)
        taken.append((start, start + len(words)))
        spans.append(
            {"entity": row.entity, "start": start, "end": start + len(words), "text": words}
        )
    if len(spans) > MAX_ENTITIES:
        raise CorrectionError(f"At most {MAX_ENTITIES} entities per message.")
    return sorted(spans, key=lambda span: span["start"])


def model_spans(message: ConversationMessage, allowed: Sequence[str]) -> list[dict[str, Any]]:
    """The entities the model saw that a training example could annotate, by position.

    Language entities that cover the whole message (the detector's verdict, not a mention)
    and entities without a position are left out.
    """
    text = message.text or ""
    spans = []
    for entity in message.entities or []:
        start, end = entity.get("start"), entity.get("end")
        if entity.get("entity") not in allowed or not isinstance(start, int):
            continue
        if not isinstance(end, int) or not 0 <= start < end <= len(text):
            continue
        if entity["entity"] == "language" and (start, end) == (0, len(text)):
            continue
        spans.append(
            {"entity": entity["entity"], "start": start, "end": end, "text": text[start:end]}
        )
    return sorted(spans, key=lambda span: span["start"])


def _user_message(session: Session, message_id: int) -> ConversationMessage:
    message = session.get(ConversationMessage, message_id)
    if message is None or message.kind != USER:
        raise CorrectionError("There is no visitor message with this id.")
    return message


def _upsert(session: Session, message_id: int, **fields: Any) -> None:
    row = session.scalar(select(ReviewDecision).where(ReviewDecision.message_id == message_id))
    if row is None:
        row = ReviewDecision(message_id=message_id)
        session.add(row)
    for name, value in fields.items():
        setattr(row, name, value)
    row.reviewed_at = datetime.now(UTC)


def save_label(
    engine: Engine,
    message_id: int,
    intent: str,
    rows: Sequence[EntityRow],
    domain: DomainLists,
    reviewed_by: str,
) -> str:
    """Record the message's right intent and entities; ``confirmed`` if the model had them.

    Returns:
        The decision's status: ``confirmed`` or ``corrected``.

    Raises:
        CorrectionError: The message, the intent or an entity is not right.
    """
    if intent not in domain.intents:
        raise CorrectionError("Choose one of the domain's intents.")
    with Session(engine) as session, session.begin():
        message = _user_message(session, message_id)
        spans = entity_spans(message.text or "", rows, domain.entities)
        same = intent == message.intent and spans == model_spans(message, domain.entities)
        status = CONFIRMED if same else CORRECTED
        _upsert(
            session,
            message_id,
            status=status,
            intent=intent,
            entities=spans,
            reviewed_by=reviewed_by,
        )
    return status


def mark_out_of_scope(engine: Engine, message_id: int, reviewed_by: str) -> None:
    """Record that the message is not for the assistant to learn."""
    with Session(engine) as session, session.begin():
        _user_message(session, message_id)
        _upsert(
            session,
            message_id,
            status=OUT_OF_SCOPE,
            intent=None,
            entities=[],
            reviewed_by=reviewed_by,
        )


def reopen(engine: Engine, message_id: int) -> None:
    """Withdraw the decision: the message is back in the queue."""
    with Session(engine) as session, session.begin():
        session.execute(delete(ReviewDecision).where(ReviewDecision.message_id == message_id))


def suggested_label(
    message: ConversationMessage, decision: ReviewDecision | None, domain: DomainLists
) -> tuple[str, list[dict[str, Any]]]:
    """The intent and entities the review form starts with.

    Staff's earlier label if there is one, else the model's: its intent, or for a fallback
    the best-ranked domain intent, and the entities a training example could annotate.
    """
    if decision is not None and decision.intent:
        return decision.intent, list(decision.entities or [])
    candidates = [message.intent] + [item["name"] for item in message.ranking or []]
    intent = next((name for name in candidates if name in domain.intents), "")
    return intent, model_spans(message, domain.entities)
