"""Visitors' ratings of the bot's answers, stored in the console's database.

One row of ``console_feedback`` per rated answer: the conversation (``sender_id``), the rated
bot message (``message_id``, a row of :class:`~hub_web.events.messages.ConversationMessage`,
whose ``event_time`` is the bot event's timestamp in Rasa's event stream), ``rating``
(``"up"`` or ``"down"``), the visitor's optional comment, and the visitor's message the answer
replied to. A unique constraint on the rated message makes a second rating impossible.

Reading, e.g. for an "answer satisfaction" chart: :func:`read_ratings` (one
:class:`Rating` per rated answer, oldest first) and :func:`rating_counts`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from hub_web.events.messages import BOT, USER, ConversationMessage, MessageBase

UP, DOWN = "up", "down"
RATINGS = (UP, DOWN)
RatingValue = Literal["up", "down"]
MAX_COMMENT_CHARS = 300
#: How far apart two timestamps of one bot event may be after a trip through JSON (seconds).
TIMESTAMP_TOLERANCE = 1e-6


class AnswerFeedback(MessageBase):
    """A visitor's rating of one bot message."""

    __tablename__ = "console_feedback"
    # Ids are never given again, on SQLite too (migration 0002).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    #: The rated bot message; one rating per message.
    message_id: Mapped[int] = mapped_column(ForeignKey("console_messages.id"), unique=True)
    #: The visitor's message the rated answer replied to, if there was one.
    user_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("console_messages.id"), index=True
    )
    rating: Mapped[str] = mapped_column(String(4), index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FeedbackError(Exception):
    """A rating that cannot be stored; ``status_code`` says why (404 or 409)."""

    status_code = 400


class UnknownAnswerError(FeedbackError):
    """The conversation has no bot message with that id (yet)."""

    status_code = 404


class AlreadyRatedError(FeedbackError):
    """The answer has been rated before."""

    status_code = 409


@dataclass(frozen=True)
class Rating:
    """One stored rating, with the answer it rates.

    Attributes:
        sender_id: The conversation.
        message_id: The rated bot event's timestamp in Rasa's event stream.
        rating: ``"up"`` or ``"down"``.
        comment: What the visitor said was wrong, if anything.
        rated_at: When the rating was stored (UTC).
        answer_text: The rated answer's text.
        answer_action: The response that produced it (``utter_…``), if known.
        language: The conversation's language when the answer was given.
    """

    sender_id: str
    message_id: float
    rating: str
    comment: str | None
    rated_at: datetime
    answer_text: str | None
    answer_action: str | None
    language: str | None


def clean_comment(comment: str | None) -> str | None:
    """The comment on one line, whitespace collapsed; ``None`` when empty."""
    if comment is None:
        return None
    return " ".join(comment.split())[:MAX_COMMENT_CHARS] or None


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def store_rating(
    engine: Engine, sender_id: str, message_id: float, rating: str, comment: str | None
) -> Rating:
    """Store a visitor's rating of one bot message of their conversation.

    Args:
        engine: The console's database.
        sender_id: The conversation (the widget's session id).
        message_id: The bot event's timestamp, as the widget received it.
        rating: ``"up"`` or ``"down"``.
        comment: The visitor's optional comment (cut to one line of 300 characters).

    Returns:
        The stored rating.

    Raises:
        UnknownAnswerError: The conversation has no bot message with that id.
        AlreadyRatedError: The message was rated before.
        ValueError: ``rating`` is not ``"up"`` or ``"down"``, or ``message_id`` not finite.
    """
    if rating not in RATINGS or not math.isfinite(message_id):
        raise ValueError("rating must be 'up' or 'down' and message_id a finite number")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        answer = session.scalars(
            select(ConversationMessage).where(
                ConversationMessage.sender_id == sender_id,
                ConversationMessage.kind == BOT,
                ConversationMessage.event_time.between(
                    message_id - TIMESTAMP_TOLERANCE, message_id + TIMESTAMP_TOLERANCE
                ),
            )
        ).first()
        if answer is None:
            raise UnknownAnswerError("This conversation has no such answer.")
        if session.scalar(select(AnswerFeedback.id).where(AnswerFeedback.message_id == answer.id)):
            raise AlreadyRatedError("This answer has already been rated.")
        question = session.scalar(
            select(func.max(ConversationMessage.id)).where(
                ConversationMessage.sender_id == sender_id,
                ConversationMessage.kind == USER,
                ConversationMessage.id < answer.id,
            )
        )
        row = AnswerFeedback(
            sender_id=sender_id,
            message_id=answer.id,
            user_message_id=question,
            rating=rating,
            comment=clean_comment(comment),
            created_at=datetime.now(UTC),
        )
        session.add(row)
        try:
            session.flush()
        except IntegrityError:  # rated at the same moment by another request
            raise AlreadyRatedError("This answer has already been rated.") from None
        return _rating(row, answer)


def _rating(row: AnswerFeedback, answer: ConversationMessage) -> Rating:
    return Rating(
        sender_id=row.sender_id,
        message_id=answer.event_time,
        rating=row.rating,
        comment=row.comment,
        rated_at=_utc(row.created_at),
        answer_text=answer.text,
        answer_action=answer.action,
        language=answer.language,
    )


def read_ratings(engine: Engine, since: datetime | None = None) -> list[Rating]:
    """Every stored rating, oldest first, with the answer it rates.

    Args:
        engine: The console's database.
        since: Only ratings stored at or after this time.

    Returns:
        One :class:`Rating` per rated answer.
    """
    query = (
        select(AnswerFeedback, ConversationMessage)
        .join(ConversationMessage, AnswerFeedback.message_id == ConversationMessage.id)
        .order_by(AnswerFeedback.id)
    )
    if since is not None:
        query = query.where(AnswerFeedback.created_at >= _utc(since))
    with Session(engine) as session:
        return [_rating(row, answer) for row, answer in session.execute(query)]


def rating_counts(engine: Engine, since: datetime | None = None) -> dict[str, int]:
    """How many answers were rated up and down: ``{"up": n, "down": m}``."""
    query = select(AnswerFeedback.rating, func.count()).group_by(AnswerFeedback.rating)
    if since is not None:
        query = query.where(AnswerFeedback.created_at >= _utc(since))
    with Session(engine) as session:
        return {**dict.fromkeys(RATINGS, 0), **dict(session.execute(query).all())}
