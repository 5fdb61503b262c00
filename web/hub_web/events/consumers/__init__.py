"""Consumers of Rasa's event broker that keep the console's tables current.

Two sources behind one interface (:class:`EventConsumer`):

- :class:`SqlBrokerConsumer` (:mod:`~hub_web.events.consumers.sql_broker`) reads new rows of
  the SQL event broker's ``events`` table by id (the default profile: SQLite next to the
  tracker store). The offset is stored in the console's database in the same transaction as
  the rows it produced: exactly once.
- :class:`RabbitMQConsumer` (:mod:`~hub_web.events.consumers.rabbitmq`) reads a durable queue
  bound to Rasa's fanout exchange (the scaled profile, Rasa's ``pika`` event broker). Messages
  are acknowledged after they are written: at least once, so a redelivery after a crash can
  count a message twice.

Neither stops on one event: an event that cannot be read (see
:mod:`~hub_web.events.consumers.payload`) or stored is logged (its position and the kind of
error, not its content), set aside in ``console_skipped_events`` (:mod:`hub_web.events.skipped`)
and the reader goes on past it. Only a database that cannot be reached or is busy
(``OperationalError``) stops a pass, which is tried again later.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from hub_web.events.consumers.payload import NOT_AN_OBJECT, parse_event, read_event
from hub_web.events.consumers.protocol import RETRY_SECONDS, EventConsumer
from hub_web.events.consumers.rabbitmq import RABBITMQ_SOURCE_LABEL, RASA_EXCHANGE, RabbitMQConsumer
from hub_web.events.consumers.sql_broker import (
    BROKER_EVENTS,
    SQL_BATCH_SIZE,
    SQL_SOURCE_LABEL,
    SqlBrokerConsumer,
)
from hub_web.events.store import ConsoleStore


def make_consumer(settings: Any, store: ConsoleStore) -> EventConsumer | None:
    """The consumer the settings ask for (``EVENT_BROKER``), or ``None`` for ``none``."""
    if settings.event_broker == "sql":
        return SqlBrokerConsumer(
            settings.event_broker_url, store, poll_seconds=settings.event_poll_seconds
        )
    if settings.event_broker == "rabbitmq":
        return RabbitMQConsumer(settings.event_broker_url, store, queue=settings.event_queue)
    return None


@contextlib.asynccontextmanager
async def running(consumer: EventConsumer | None) -> AsyncIterator[None]:
    """Run ``consumer`` as a background task for the duration of the block."""
    if consumer is None:
        yield
        return
    task = asyncio.create_task(consumer.run(), name="rasa-event-consumer")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


__all__ = [
    "BROKER_EVENTS",
    "NOT_AN_OBJECT",
    "RABBITMQ_SOURCE_LABEL",
    "RASA_EXCHANGE",
    "RETRY_SECONDS",
    "SQL_BATCH_SIZE",
    "SQL_SOURCE_LABEL",
    "EventConsumer",
    "RabbitMQConsumer",
    "SqlBrokerConsumer",
    "make_consumer",
    "parse_event",
    "read_event",
    "running",
]
