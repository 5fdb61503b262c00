"""`AtomicRedisLockStore`: Rasa's Redis ticket lock, safe for several Rasa servers at once.

Rasa 3.6's `RedisLockStore` has two flaws once several servers share it:

- It changes a conversation's lock by reading it, changing it in the process and writing
  it back. Two servers that take a ticket for one conversation at the same moment both
  read the same lock, both issue ticket 0 and both believe they hold the lock: the two
  messages are processed at once and the tracker store keeps the events of only one
  (RasaHQ/rasa#9213; the fix, `ConcurrentRedisLockStore` of RasaHQ/rasa#11256, was reverted
  from the open-source edition in RasaHQ/rasa#11428). Releasing has the same flaw: a
  server can delete a lock in which another has just taken a ticket, whose message then
  fails with a `LockError`.
- A ticket's lifetime runs from the moment it is issued, waiting included. When a server
  dies holding a conversation, the message waiting behind it (HAProxy sends it to another
  server) has a ticket that expires about when the dead one's does, and fails with a
  `LockError` instead of being served.

This subclass keeps Rasa's lock format and ticket algorithm (`rasa.core.lock.TicketLock`),
makes every change of a lock one Redis transaction (`WATCH`, then `MULTI`/`EXEC`, retried
when another server changed the key in between), and renews the tickets of a live server
every third of their lifetime while it waits and while it holds the lock: only a dead
server's ticket expires (`TICKET_LOCK_LIFETIME` after its last renewal). Registered in
`endpoints.scaled.yml` as `type: bot.server.lock_store.AtomicRedisLockStore`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.server.channels.sessions import short_id

logger = logging.getLogger(__name__)

Result = TypeVar("Result")


class AtomicRedisLockStore(RedisLockStore):
    """A `RedisLockStore` whose tickets are issued and returned atomically."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Connects to Redis.

        Args:
            endpoint_config: The `lock_store` section of the endpoints file (`url` is the
                host; `port`, `db`, `password`, `key_prefix`, ... as for `type: redis`).
            **kwargs: The arguments of `RedisLockStore` when no endpoint config is given.
        """
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def _change(
        self,
        conversation_id: str,
        change: Callable[[TicketLock | None], tuple[Result, TicketLock | None]],
    ) -> tuple[Result, TicketLock | None]:
        """Applies `change` to the stored lock in one transaction (retried on conflict).

        `change` may alter the lock it gets, or return a new one in the result's second
        place; the lock left is written, or the key deleted when it has no tickets.
        """
        key = self._key(conversation_id)
        outcome: dict[str, Any] = {}

        def transaction(pipe: Any) -> None:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            outcome["result"], outcome["lock"] = change(lock)
            pipe.multi()
            kept = outcome["lock"]
            if kept is not None and kept.is_someone_waiting():
                pipe.set(key, kept.dumps())
            else:
                pipe.delete(key)

        self.red.transaction(transaction, key)
        return outcome["result"], outcome["lock"]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issues the next ticket of the conversation's lock, creating the lock if needed.

        Raises:
            LockError: Redis could not be reached.
        """

        def issue(lock: TicketLock | None) -> tuple[int, TicketLock]:
            lock = lock or self.create_lock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        try:
            ticket, _ = self._change(conversation_id, issue)
        except Exception as error:  # Rasa's contract: any failure is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        return ticket

    @contextlib.asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncIterator[TicketLock]:
        """Rasa's `LockStore.lock`, with the ticket renewed until it is returned.

        Raises:
            LockError: The ticket was lost (Redis unreachable for a whole lifetime).
        """
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        renewal = asyncio.create_task(self._renew(conversation_id, ticket, lock_lifetime))
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewal
            self.cleanup(conversation_id, ticket)

    async def _renew(self, conversation_id: str, ticket: int, lifetime: float) -> None:
        while True:
            await asyncio.sleep(lifetime / 3)
            try:
                self.renew_ticket(conversation_id, ticket, lifetime)
            except Exception:  # Redis away for a moment: the next renewal may succeed
                logger.warning(
                    "could not renew lock ticket %s of %s", ticket, short_id(conversation_id)
                )

    def renew_ticket(self, conversation_id: str, ticket_number: int, lifetime: float) -> None:
        """Moves a ticket's expiry to `lifetime` seconds from now (if it still exists)."""

        def renew(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            for ticket in lock.tickets if lock is not None else ():
                if ticket.number == ticket_number:
                    ticket.expires = time.time() + lifetime
            return None, lock

        self._change(conversation_id, renew)

    def update_lock(self, conversation_id: str) -> None:
        """Removes the lock's expired tickets (a dead server's, for instance)."""

        def drop_expired(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return None, lock

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Returns a ticket; the lock is deleted when no other ticket is left."""

        def remove(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return None, lock

        self._change(conversation_id, remove)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Returns a ticket (one transaction: never deletes a lock someone waits for)."""
        self.finish_serving(conversation_id, ticket_number)
