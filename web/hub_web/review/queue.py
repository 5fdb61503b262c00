"""The review queue: visitor messages that need a person, from the console's tables.

A visitor message is in the queue for one or more reasons (:data:`REASONS`):

- ``fallback``: the NLU said ``nlu_fallback`` or the bot answered with its fallback action;
- ``low_confidence``: the intent's confidence is below ``REVIEW_CONFIDENCE_THRESHOLD``;
- ``rated_down``: the visitor rated the answer to it down (:mod:`hub_web.feedback`);
- ``unsupported_language``: the language detector found a language the bot does not speak;
- ``abandoned_form``: the last message of a lead form that ended (or was left open for
  ``REVIEW_FORM_IDLE_MINUTES``) without the visitor's consent.

The first, second and fourth leave out the visitor's answers to the lead form (a name, a
company, ...), which the form reads as they are. An item stays ``open`` until staff decide
(:mod:`hub_web.review.decisions`), then it is ``done``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from hub_web.events.messages import (
    NLU_FALLBACK_INTENT,
    USER,
    ConversationMessage,
    LeadFormRun,
)
from hub_web.feedback.store import DOWN, AnswerFeedback
from hub_web.review.decisions import ReviewDecision

REASONS = ("fallback", "low_confidence", "rated_down", "unsupported_language", "abandoned_form")
OPEN: Final = "open"
DONE: Final = "done"
CONTEXT_BEFORE, CONTEXT_AFTER = 4, 3


@dataclass(frozen=True)
class QueueRules:
    """When a message needs a person.

    Attributes:
        confidence_threshold: Intents below this confidence are reviewed.
        form_idle: A lead form open this long without consent counts as abandoned.
        now: The present moment (for the idle forms).
    """

    confidence_threshold: float
    form_idle: timedelta
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class ReviewItem:
    """One message of the queue, with what is needed to judge it."""

    message: ConversationMessage
    reasons: list[str]
    #: The visitor's ratings of the answers to this message: ``[{"rating", "comment", "answer"}]``.
    ratings: list[dict[str, Any]]
    #: The messages around it, oldest first: ``[{"kind", "text", "at", "is_item", "rating"}]``.
    context: list[dict[str, Any]]
    decision: ReviewDecision | None


def _conditions(rules: QueueRules) -> dict[str, ColumnElement[bool]]:
    message = ConversationMessage
    rated_down = select(AnswerFeedback.user_message_id).where(
        AnswerFeedback.rating == DOWN, AnswerFeedback.user_message_id.is_not(None)
    )
    idle_since = (rules.now - rules.form_idle).astimezone(UTC)
    abandoned = select(LeadFormRun.last_user_message_id).where(
        LeadFormRun.consent_given.is_(False),
        LeadFormRun.last_user_message_id.is_not(None),
        or_(LeadFormRun.ended_at.is_not(None), LeadFormRun.last_activity_at < idle_since),
    )
    # Answers to the lead form (names, companies, ...) are not questions the NLU should learn.
    asked = message.in_form.is_(False)
    return {
        "fallback": and_(asked, message.fallback.is_(True)),
        "low_confidence": and_(
            asked,
            message.intent != NLU_FALLBACK_INTENT,
            message.confidence < rules.confidence_threshold,
        ),
        "rated_down": message.id.in_(rated_down),
        "unsupported_language": and_(asked, message.unsupported_language.is_not(None)),
        "abandoned_form": message.id.in_(abandoned),
    }


def _where(rules: QueueRules, status: str, reason: str | None) -> list[ColumnElement[bool]]:
    conditions = _conditions(rules)
    decided = ConversationMessage.id.in_(select(ReviewDecision.message_id))
    wanted = conditions.get(reason, false()) if reason else or_(*conditions.values())
    return [ConversationMessage.kind == USER, wanted, decided if status == DONE else ~decided]


def queue_counts(engine: Engine, rules: QueueRules, status: str = OPEN) -> dict[str, int]:
    """How many messages the queue holds per reason, and in all (``""``)."""
    with Session(engine) as session:
        counts = {
            reason: session.scalar(select(func.count()).where(*_where(rules, status, reason)))
            for reason in ("", *REASONS)
        }
    return {reason: count or 0 for reason, count in counts.items()}


def review_items(
    engine: Engine,
    rules: QueueRules,
    *,
    status: str = OPEN,
    reason: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ReviewItem]:
    """The queue's messages, newest first, each with its reasons, ratings and context.

    Args:
        engine: The console's database.
        rules: When a message needs a person.
        status: ``open`` (not decided yet) or ``done``.
        reason: Only the messages with this reason (one of :data:`REASONS`).
        limit: At most this many items.
        offset: Skip this many first.
    """
    conditions = _conditions(rules)
    flags = [condition.label(name) for name, condition in conditions.items()]
    query = (
        select(ConversationMessage, *flags)
        .where(*_where(rules, status, reason))
        .order_by(ConversationMessage.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with Session(engine, expire_on_commit=False) as session:
        rows = session.execute(query).all()
        items = []
        for row in rows:
            message = row[0]
            items.append(
                ReviewItem(
                    message=message,
                    reasons=[name for name in conditions if getattr(row, name)],
                    ratings=_ratings(session, message.id),
                    context=_context(session, message),
                    decision=session.scalar(
                        select(ReviewDecision).where(ReviewDecision.message_id == message.id)
                    ),
                )
            )
        session.expunge_all()
    return items


def _ratings(session: Session, message_id: int) -> list[dict[str, Any]]:
    query = (
        select(AnswerFeedback, ConversationMessage.text)
        .join(ConversationMessage, AnswerFeedback.message_id == ConversationMessage.id)
        .where(AnswerFeedback.user_message_id == message_id)
        .order_by(AnswerFeedback.id)
    )
    return [
        {"rating": rated.rating, "comment": rated.comment, "answer": answer}
        for rated, answer in session.execute(query)
    ]


def _context(session: Session, item: ConversationMessage) -> list[dict[str, Any]]:
    same = ConversationMessage.sender_id == item.sender_id
    before = session.scalars(
        select(ConversationMessage)
        .where(same, ConversationMessage.id < item.id)
        .order_by(ConversationMessage.id.desc())
        .limit(CONTEXT_BEFORE)
    ).all()
    after = session.scalars(
        select(ConversationMessage)
        .where(same, ConversationMessage.id > item.id)
        .order_by(ConversationMessage.id)
        .limit(CONTEXT_AFTER)
    ).all()
    messages = [*reversed(before), item, *after]
    ratings = dict(
        session.execute(
            select(AnswerFeedback.message_id, AnswerFeedback.rating).where(
                AnswerFeedback.message_id.in_([message.id for message in messages])
            )
        ).all()
    )
    return [
        {
            "kind": message.kind,
            "text": message.text or "",
            "at": message.at,
            "is_item": message.id == item.id,
            "rating": ratings.get(message.id),
        }
        for message in messages
    ]
