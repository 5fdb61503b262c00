"""Rasa's SQL event broker, read by row id: exactly once, the offset stored with the rows."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from hub_web.events.consumers.payload import read_event
from hub_web.events.consumers.protocol import RETRY_SECONDS
from hub_web.events.skipped import skipped_entry
from hub_web.events.store import ConsoleStore, sqlite_file

logger = logging.getLogger(__name__)

SQL_BATCH_SIZE = 500
#: How a skipped row's source is shown (never the broker's URL: it may hold a password).
SQL_SOURCE_LABEL = "sql broker"

#: The SQL event broker's table (``rasa.core.brokers.sql.SQLEventBroker.SQLBrokerEvent``).
_broker_metadata = MetaData()
BROKER_EVENTS = Table(
    "events",
    _broker_metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("data", Text),
)


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
