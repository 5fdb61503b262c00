"""Each message of each conversation, and each run of the lead form, from Rasa's events.

:func:`record_event` is called by :meth:`hub_web.events.store.ConsoleStore.apply_events` for
every event, in the same transaction as the conversation's row. It keeps:

- :class:`ConversationMessage`: the visitor's messages with what the NLU made of them
  (intent, confidence, ranking, entities, reply language, a language the bot does not speak,
  whether the bot fell back, whether the lead form was asking for an answer), the bot's
  answers and staff replies. A message's id in the event stream is its Rasa event's
  ``timestamp`` (``event_time``); the widget gets it with each answer
  (``bot/channels/message_ids.py``) to rate it.
- :class:`LeadFormRun`: when the lead form started and ended and whether the visitor gave
  consent, so the review queue can list forms left without it.

These tables have their own declarative base (:class:`MessageBase`); the console store creates
them with its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

#: Message kinds.
USER, BOT, STAFF = "user", "bot", "staff"
#: Rasa's intent for a message the NLU is not sure about (``FallbackClassifier``).
NLU_FALLBACK_INTENT = "nlu_fallback"
#: Actions that mean the bot did not understand (the project's, Rasa's defaults).
FALLBACK_ACTIONS = frozenset({"action_fallback", "action_default_fallback"})
#: Entities the project's ``bot.language.LanguageDetector`` sets (``bot/language/component.py``).
LANGUAGE_ENTITY = "language"
UNSUPPORTED_LANGUAGE_ENTITY = "unsupported_language"
#: The lead form and the slot its last question fills (``domain.yml``).
LEAD_FORM = "lead_form"
CONSENT_SLOT = "lead_consent"
#: Events after which Rasa has no active form any more.
FORM_ENDING_EVENTS = frozenset({"session_started", "restart"})
MAX_TEXT_CHARS = 2000
RANKING_SIZE = 5
ENTITY_KEYS = ("entity", "value", "start", "end", "extractor", "confidence_entity")


class MessageBase(DeclarativeBase):
    """Declarative base of the per-message tables (made by the console's migrations)."""


class ConversationMessage(MessageBase):
    """One message of a conversation: the visitor's, the bot's or a member of staff's."""

    __tablename__ = "console_messages"
    __table_args__ = (
        Index("ix_console_messages_sender_order", "sender_id", "id"),
        Index("ix_console_messages_event", "sender_id", "kind", "event_time"),
        # Ids are never given again, on SQLite too (migration 0002): staff pages name them.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))
    #: The Rasa event's ``timestamp``: the message's id within its conversation.
    event_time: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    text: Mapped[str | None] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(100), index=True)
    confidence: Mapped[float | None] = mapped_column(Float, index=True)
    #: ``[{"name", "confidence"}]``, best first (at most :data:`RANKING_SIZE`).
    ranking: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    #: ``[{"entity", "value", "start", "end", "extractor"}]`` as the NLU gave them.
    entities: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    #: The reply language decided for a visitor's message, else the conversation's.
    language: Mapped[str | None] = mapped_column(String(16))
    #: A language the bot does not speak, as the language detector named it.
    unsupported_language: Mapped[str | None] = mapped_column(String(16), index=True)
    #: The bot's response name (``utter_…``), for the bot's messages.
    action: Mapped[str | None] = mapped_column(String(100))
    #: For a visitor's message: the NLU or the dialogue fell back.
    fallback: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    #: For a visitor's message: sent while the lead form was asking (a name, a company, ...).
    in_form: Mapped[bool] = mapped_column(Boolean, default=False)


class LeadFormRun(MessageBase):
    """One run of the lead form: from its start to its end, with or without consent."""

    __tablename__ = "console_form_runs"
    # Ids are never given again, on SQLite too (migration 0002).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: ``None`` while the form is active.
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The visitor's last message while the form ran (or the one that started it).
    last_user_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("console_messages.id"), index=True
    )


def _event_time(event: Mapping[str, Any]) -> float | None:
    value = event.get("timestamp")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _moment(seconds: float | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC) if seconds is not None else None
    except (OverflowError, OSError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return value[:MAX_TEXT_CHARS] if isinstance(value, str) else None


def _entities(parse_data: Mapping[str, Any]) -> list[dict[str, Any]]:
    entities = parse_data.get("entities")
    if not isinstance(entities, list):
        return []
    return [
        {key: entity[key] for key in ENTITY_KEYS if key in entity}
        for entity in entities
        if isinstance(entity, Mapping) and isinstance(entity.get("entity"), str)
    ]


def _ranking(parse_data: Mapping[str, Any]) -> list[dict[str, Any]]:
    ranking = parse_data.get("intent_ranking")
    if not isinstance(ranking, list):
        return []
    return [
        {"name": item["name"], "confidence": item.get("confidence")}
        for item in ranking[:RANKING_SIZE]
        if isinstance(item, Mapping) and isinstance(item.get("name"), str)
    ]


def _entity_value(entities: list[dict[str, Any]], entity_type: str) -> str | None:
    for entity in entities:
        if entity["entity"] == entity_type and isinstance(entity.get("value"), str):
            return entity["value"][:16]
    return None


def _user_message(event: Mapping[str, Any], fallback_language: str | None) -> dict[str, Any]:
    parse_data = event.get("parse_data")
    parse_data = parse_data if isinstance(parse_data, Mapping) else {}
    intent = parse_data.get("intent")
    intent = intent if isinstance(intent, Mapping) else {}
    name = intent.get("name") if isinstance(intent.get("name"), str) else None
    confidence = intent.get("confidence")
    entities = _entities(parse_data)
    return {
        "intent": name,
        "confidence": float(confidence) if isinstance(confidence, int | float) else None,
        "ranking": _ranking(parse_data),
        "entities": entities,
        "language": _entity_value(entities, LANGUAGE_ENTITY) or fallback_language,
        "unsupported_language": _entity_value(entities, UNSUPPORTED_LANGUAGE_ENTITY),
        "fallback": name == NLU_FALLBACK_INTENT,
    }


def _latest(session: Session, model: type[Any], *conditions: Any) -> Any:
    return session.scalars(select(model).where(*conditions).order_by(model.id.desc())).first()


def _open_form_run(session: Session, sender_id: str) -> LeadFormRun | None:
    return _latest(
        session, LeadFormRun, LeadFormRun.sender_id == sender_id, LeadFormRun.ended_at.is_(None)
    )


def _add_message(
    session: Session, sender_id: str, kind: str, seconds: float, **fields: Any
) -> ConversationMessage | None:
    """Adds a message unless the same event was recorded before (a redelivery)."""
    known = session.scalar(
        select(ConversationMessage.id).where(
            ConversationMessage.sender_id == sender_id,
            ConversationMessage.kind == kind,
            ConversationMessage.event_time == seconds,
            ConversationMessage.text.is_(None)
            if fields.get("text") is None
            else ConversationMessage.text == fields["text"],
        )
    )
    if known is not None:
        return None
    message = ConversationMessage(
        sender_id=sender_id, kind=kind, event_time=seconds, at=_moment(seconds), **fields
    )
    session.add(message)
    session.flush()
    return message


def record_event(session: Session, language: str | None, event: Mapping[str, Any]) -> None:
    """Record one Rasa event of a conversation, if it is a message or changes the lead form.

    Args:
        session: The console store's transaction.
        language: The conversation's language before this event (its ``language`` slot).
        event: The event's JSON, with its ``sender_id``.
    """
    sender_id, kind, seconds = event.get("sender_id"), event.get("event"), _event_time(event)
    if not isinstance(sender_id, str) or seconds is None:
        return
    if kind == "user":
        run = _open_form_run(session, sender_id)
        fields = _user_message(event, language)
        message = _add_message(
            session,
            sender_id,
            USER,
            seconds,
            text=_text(event.get("text")),
            in_form=run is not None,
            **fields,
        )
        if run is not None and message is not None:
            run.last_user_message_id, run.last_activity_at = message.id, message.at
    elif kind == "bot":
        metadata = event.get("metadata")
        metadata = metadata if isinstance(metadata, Mapping) else {}
        action = metadata.get("utter_action")
        _add_message(
            session,
            sender_id,
            STAFF if metadata.get("from_staff") else BOT,
            seconds,
            text=_text(event.get("text")),
            language=language,
            action=action if isinstance(action, str) else None,
        )
    elif kind == "action" and event.get("name") in FALLBACK_ACTIONS:
        latest = _latest(
            session,
            ConversationMessage,
            ConversationMessage.sender_id == sender_id,
            ConversationMessage.kind == USER,
        )
        if latest is not None:
            latest.fallback = True
    else:
        _record_form_event(session, sender_id, kind, seconds, event)


def _record_form_event(
    session: Session, sender_id: str, kind: Any, seconds: float, event: Mapping[str, Any]
) -> None:
    moment = _moment(seconds)
    run = _open_form_run(session, sender_id)
    if kind == "active_loop" and event.get("name") == LEAD_FORM and run is None:
        latest = _latest(
            session,
            ConversationMessage,
            ConversationMessage.sender_id == sender_id,
            ConversationMessage.kind == USER,
        )
        session.add(
            LeadFormRun(
                sender_id=sender_id,
                started_at=moment,
                last_activity_at=moment,
                consent_given=False,
                last_user_message_id=latest.id if latest else None,
            )
        )
    elif run is None:
        return
    elif (kind == "active_loop" and event.get("name") is None) or kind in FORM_ENDING_EVENTS:
        run.ended_at = moment
    elif kind == "slot" and event.get("name") == CONSENT_SLOT and event.get("value") is True:
        run.consent_given = True
