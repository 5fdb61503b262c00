"""Rasa's events from a durable RabbitMQ queue: acknowledged once written, at least once."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.exc import OperationalError

from hub_web.events.consumers.payload import read_event
from hub_web.events.consumers.protocol import RETRY_SECONDS
from hub_web.events.skipped import skipped_entry
from hub_web.events.store import ConsoleStore

logger = logging.getLogger(__name__)

#: Rasa's ``PikaEventBroker`` default exchange (fanout, not durable in Rasa 3.6).
RASA_EXCHANGE = "rasa-exchange"
#: How a skipped message's source is shown (never the broker's URL: it may hold a password).
RABBITMQ_SOURCE_LABEL = "rabbitmq"


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
