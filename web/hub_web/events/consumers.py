"""Consumers of Rasa's event broker that keep the console's tables current.

Two sources behind one interface (:class:`EventConsumer`):

- :class:`SqlBrokerConsumer` reads new rows of the SQL event broker's ``events`` table by id
  (the default profile: SQLite next to the tracker store). The offset is stored in the
  console's database in the same transaction as the rows it produced: exactly once.
- :class:`RabbitMQConsumer` reads a durable queue bound to Rasa's fanout exchange (the
  scaled profile, Rasa's ``pika`` event broker). Messages are acknowledged after they are
  written: at least once, so a redelivery after a crash can count a message twice.

Neither stops on one event: an event that cannot be read or stored is logged (its position
and the kind of error, not its content), set aside in ``console_skipped_events``
(:mod:`hub_web.events.skipped`) and the reader goes on past it. Only a database that cannot
be reached or is busy (``OperationalError``) stops a pass, which is tried again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any, Protocol

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from hub_web.events.skipped import skipped_entry
from hub_web.events.store import ConsoleStore, sqlite_file

logger = logging.getLogger(__name__)

SQL_BATCH_SIZE = 500
#: Rasa's ``PikaEventBroker`` default exchange (fanout, not durable in Rasa 3.6).
RASA_EXCHANGE = "rasa-exchange"
RETRY_SECONDS = 5.0
#: How a skipped event's source is shown (never the broker's URL: it may hold a password).
SQL_SOURCE_LABEL, RABBITMQ_SOURCE_LABEL = "sql broker", "rabbitmq"
NOT_AN_OBJECT = "not a JSON object"

#: The SQL event broker's table (``rasa.core.brokers.sql.SQLEventBroker.SQLBrokerEvent``).
_broker_metadata = MetaData()
BROKER_EVENTS = Table(
    "events",
    _broker_metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("data", Text),
)


class EventConsumer(Protocol):
    """Reads Rasa's events from a broker into the console's store."""

    async def catch_up(self) -> int:
        """Apply the events the broker already has, now; return how many were applied."""
        ...

    async def run(self) -> None:
        """Apply events as they come, until cancelled; failures are logged and retried."""
        ...


def parse_event(raw: str | bytes | None, sender_id: str | None = None) -> dict[str, Any] | None:
    """The event's JSON object, with ``sender_id`` filled from the row if missing.

    Returns:
        The event, or ``None`` when the payload is not a JSON object.
    """
    try:
        event = json.loads(raw or b"")
    except ValueError:
        return None
    if not isinstance(event, dict):
        return None
    if sender_id and not event.get("sender_id"):
        event["sender_id"] = sender_id
    return _storable(event)


def read_event(raw: str | bytes | None, sender_id: str | None = None) -> dict[str, Any] | str:
    """The event of a broker row or message, or why it cannot be read.

    Never raises: a payload nested too deep for ``json`` (``RecursionError``) is a reason
    like any other.

    Returns:
        The event (see :func:`parse_event`), or a short reason without the payload's content.
    """
    try:
        event = parse_event(raw, sender_id)
    except Exception as error:  # RecursionError, MemoryError of a hostile payload, ...
        return type(error).__name__
    return NOT_AN_OBJECT if event is None else event


def _storable(value: Any) -> Any:
    """``value`` with lone surrogates (valid in JSON, not in UTF-8) replaced by ``?``."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


class SqlBrokerConsumer:
    """Reads Rasa's SQL event broker table incrementally by ``id``.

    A SQLite broker is opened read-only and not before Rasa has created it.
    """

    def __init__(
        self,
        broker_url: str,
        store: ConsoleStore,
        *,
        poll_seconds: float = 0.5,
        batch_size: int = SQL_BATCH_SIZE,
    ) -> None:
        self.broker_url = broker_url
        self.store = store
        self.poll_seconds = poll_seconds
        self.batch_size = batch_size
        self.source = f"sql:{broker_url}"
        self._engine: Engine | None = None
        self._lock = asyncio.Lock()

    def _broker(self) -> Engine | None:
        if self._engine is not None:
            return self._engine
        path = sqlite_file(self.broker_url)
        if path is not None:
            if not path.is_file():
                return None  # Rasa has not started yet; never create its file
            self._engine = create_engine(
                f"sqlite:///file:{path.resolve()}?mode=ro&uri=true",
                connect_args={"timeout": 15},
            )
        else:
            self._engine = create_engine(self.broker_url)
        return self._engine

    def close(self) -> None:
        """Release the broker's connections."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def consume_batch(self) -> int:
        """Apply at most one batch of new rows (blocking); return how many rows were read."""
        engine = self._broker()
        if engine is None:
            return 0
        after = self.store.offset(self.source)
        query = (
            select(BROKER_EVENTS.c.id, BROKER_EVENTS.c.sender_id, BROKER_EVENTS.c.data)
            .where(BROKER_EVENTS.c.id > after)
            .order_by(BROKER_EVENTS.c.id)
            .limit(self.batch_size)
        )
        try:
            with engine.connect() as connection:
                rows = connection.execute(query).all()
        except SQLAlchemyError as error:  # no table yet, or the database is busy
            logger.debug("event broker not readable yet: %s", error)
            return 0
        if not rows:
            return 0
        events, skipped = [], []
        for row in rows:
            event = read_event(row.data, row.sender_id)
            if isinstance(event, dict):
                events.append(event)
            else:
                skipped.append(self._set_aside(row.id, event))
        try:
            self.store.apply_events(
                events, source=self.source, position=rows[-1].id, skipped=skipped
            )
        except OperationalError:
            raise  # the console's database is busy or gone: the pass is tried again later
        except Exception:  # an event the console cannot store (ValueError: bad text, ...)
            self._apply_one_by_one(rows)
        return len(rows)

    def _apply_one_by_one(self, rows: Sequence[Any]) -> None:
        """Apply rows singly, setting aside (and logging) any the console cannot store.

        One bad event must not stop the console from reading every later one.
        """
        for row in rows:
            event = read_event(row.data, row.sender_id)
            if isinstance(event, dict):
                try:
                    self.store.apply_events([event], source=self.source, position=row.id)
                    continue
                except OperationalError:
                    raise
                except Exception as error:
                    event = type(error).__name__
            self.store.apply_events(
                [], source=self.source, position=row.id, skipped=[self._set_aside(row.id, event)]
            )

    @staticmethod
    def _set_aside(position: int, reason: str) -> Any:
        """The record of a row set aside; logged with its id and reason, not its content."""
        logger.warning(
            "skipped broker row %s, which the console cannot apply: %s", position, reason
        )
        return skipped_entry(SQL_SOURCE_LABEL, position, reason)

    def consume_available(self) -> int:
        """Apply every new row (blocking); return how many rows were read."""
        total = 0
        while read := self.consume_batch():
            total += read
            if read < self.batch_size:
                break
        return total

    async def catch_up(self) -> int:
        """Apply every row the broker has now (one reader at a time)."""
        async with self._lock:
            return await asyncio.to_thread(self.consume_available)

    async def run(self) -> None:
        """Poll for new rows every ``poll_seconds`` until cancelled."""
        try:
            while True:
                try:
                    await self.catch_up()
                except Exception:  # keep the console up; try again later
                    logger.exception("could not apply Rasa's events")
                    await asyncio.sleep(RETRY_SECONDS)
                await asyncio.sleep(self.poll_seconds)
        finally:
            self.close()


class RabbitMQConsumer:
    """Reads Rasa's events from a durable RabbitMQ queue bound to Rasa's exchange."""

    def __init__(
        self,
        amqp_url: str,
        store: ConsoleStore,
        *,
        queue: str = "hub_console",
        exchange: str = RASA_EXCHANGE,
        prefetch: int = 100,
    ) -> None:
        self.amqp_url = amqp_url
        self.store = store
        self.queue_name = queue
        self.exchange_name = exchange
        self.prefetch = prefetch
        self.ready = asyncio.Event()

    async def _handle(self, message: Any) -> None:
        async with message.process(requeue=True):
            event = read_event(message.body)
            if isinstance(event, dict):
                try:
                    await asyncio.to_thread(self.store.apply_events, [event])
                    return
                except OperationalError:
                    raise  # requeued: the database is busy or gone, not the message bad
                except Exception as error:  # requeued, it would block the queue
                    event = type(error).__name__
            logger.warning("skipped a message the console cannot apply: %s", event)
            skipped = [skipped_entry(RABBITMQ_SOURCE_LABEL, None, event)]
            await asyncio.to_thread(self.store.apply_events, [], skipped=skipped)

    async def catch_up(self) -> int:
        """Messages are pushed to :meth:`run` as they come; nothing to pull here."""
        return 0

    async def _consume(self) -> None:
        import aio_pika

        connection = await aio_pika.connect_robust(self.amqp_url)
        async with connection:
            channel = await connection.channel()
            await channel.set_qos(prefetch_count=self.prefetch)
            # Declared as Rasa declares it, so either side may come first.
            exchange = await channel.declare_exchange(
                self.exchange_name, aio_pika.ExchangeType.FANOUT
            )
            queue = await channel.declare_queue(self.queue_name, durable=True)
            await queue.bind(exchange, "")
            # One message at a time, in the order Rasa published them.
            async with queue.iterator() as messages:
                self.ready.set()
                async for message in messages:
                    await self._handle(message)

    async def run(self) -> None:
        """Consume until cancelled, reconnecting after a failure."""
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("RabbitMQ consumer failed; retrying in %s s", RETRY_SECONDS)
                self.ready.clear()
                await asyncio.sleep(RETRY_SECONDS)


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
