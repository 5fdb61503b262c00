"""What visitors asked that the bot could not answer, this week: the review queue's summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine

from hub_web.events.messages import NLU_FALLBACK_INTENT, USER, ConversationMessage

SUMMARY_DAYS = 7
SUMMARY_SIZE = 10


@dataclass(frozen=True)
class Unanswered:
    """One question (the same words, in any case) and how often visitors asked it."""

    text: str
    count: int
    language: str | None


def unanswered_this_week(
    engine: Engine, now: datetime | None = None, size: int = SUMMARY_SIZE
) -> list[Unanswered]:
    """The visitors' messages the bot fell back on in the last seven days, most asked first.

    Button presses (payloads) and answers to the lead form are left out.
    """
    since = (now or datetime.now(UTC)) - timedelta(days=SUMMARY_DAYS)
    message = ConversationMessage
    key = func.lower(func.trim(message.text))
    query = (
        select(func.min(message.text), func.count(), func.max(message.language))
        .where(
            message.kind == USER,
            message.at >= since,
            message.in_form.is_(False),
            message.text.is_not(None),
            ~message.text.startswith("/"),
            or_(message.fallback.is_(True), message.intent == NLU_FALLBACK_INTENT),
        )
        .group_by(key)
        .order_by(func.count().desc(), key)
        .limit(size)
    )
    with engine.connect() as connection:
        return [
            Unanswered(text or "", count, language)
            for text, count, language in connection.execute(query)
        ]
