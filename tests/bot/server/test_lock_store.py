"""The conversation lock of several Rasa servers: Rasa's race, and the atomic store.

Against the test Redis server (tests/backing_services.py), in keys of their own; skipped
when no Redis answers there.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from rasa.core.lock_store import LockError, RedisLockStore

from bot.server.lock_store import AtomicRedisLockStore
from tests.backing_services import redis_url

PREFIX = "hublocktest"


def _redis_kwargs() -> dict[str, object]:
    url = urlparse(redis_url())
    return {
        "host": url.hostname or "127.0.0.1",
        "port": url.port or 6379,
        "db": int(url.path.strip("/") or 0),
        "key_prefix": PREFIX,
        "socket_timeout": 2,
    }


@pytest.fixture
def conversation() -> Iterator[str]:
    store = RedisLockStore(**_redis_kwargs())
    conversation_id = f"conv-{uuid.uuid4().hex[:8]}"
    yield conversation_id
    store.delete_lock(conversation_id)


def test_rasa_redis_lock_store_gives_two_servers_the_same_ticket(conversation: str) -> None:
    """Rasa's issue_ticket, interleaved as two servers can run it: both hold the lock."""
    server_a, server_b = RedisLockStore(**_redis_kwargs()), RedisLockStore(**_redis_kwargs())
    lock_a = server_a.get_or_create_lock(conversation)  # A reads: no lock yet
    ticket_b = server_b.issue_ticket(conversation)  # B reads, issues and writes
    ticket_a = lock_a.issue_ticket(60)  # A issues on what it read ...
    server_a.save_lock(lock_a)  # ... and overwrites B's ticket

    assert ticket_a == ticket_b == 0
    assert not server_a.get_lock(conversation).is_locked(ticket_a)
    assert not server_b.get_lock(conversation).is_locked(ticket_b)


def test_atomic_store_issues_tickets_in_order_and_releases(conversation: str) -> None:
    store = AtomicRedisLockStore(**_redis_kwargs())
    first, second = store.issue_ticket(conversation), store.issue_ticket(conversation)
    assert (first, second) == (0, 1)
    assert store.get_lock(conversation).is_locked(second)
    store.cleanup(conversation, first)
    assert not store.get_lock(conversation).is_locked(second)
    store.cleanup(conversation, second)
    assert store.get_lock(conversation) is None


def test_atomic_store_keeps_a_lock_someone_waits_for(conversation: str) -> None:
    """Rasa's cleanup deletes the lock when it saw no waiter, even if one came since."""
    holder = AtomicRedisLockStore(**_redis_kwargs())
    ticket = holder.issue_ticket(conversation)
    waiter_ticket = AtomicRedisLockStore(**_redis_kwargs()).issue_ticket(conversation)
    holder.cleanup(conversation, ticket)
    lock = holder.get_lock(conversation)
    assert lock is not None and not lock.is_locked(waiter_ticket)


def test_atomic_store_reads_an_endpoint_config(conversation: str) -> None:
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    kwargs = _redis_kwargs()
    config = EndpointConfig(
        url=str(kwargs.pop("host")), type="bot.server.lock_store.AtomicRedisLockStore", **kwargs
    )
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == f"{PREFIX}:lock:"


async def _wait_behind_a_dead_holder(store_class: type[RedisLockStore], conversation: str) -> None:
    """A server died holding the lock (its ticket is never returned); another waits."""
    store_class(**_redis_kwargs()).issue_ticket(conversation, lock_lifetime=1.5)
    waiter = store_class(**_redis_kwargs())
    async with waiter.lock(conversation, lock_lifetime=0.9, wait_time_in_seconds=0.1):
        pass


# Rasa's store can wait without end here; the mark fails the test instead of CI hanging.
@pytest.mark.timeout(60)
def test_rasa_redis_lock_store_fails_the_message_waiting_behind_a_dead_server(
    conversation: str,
) -> None:
    """The waiting ticket's lifetime runs out while it waits: a LockError, or (when the
    emptied lock stays stored) a wait without end."""
    waiting = _wait_behind_a_dead_holder(RedisLockStore, conversation)
    with pytest.raises((LockError, TimeoutError)):
        asyncio.run(asyncio.wait_for(waiting, timeout=4))


def test_atomic_store_serves_the_message_waiting_behind_a_dead_server(conversation: str) -> None:
    asyncio.run(_wait_behind_a_dead_holder(AtomicRedisLockStore, conversation))


def test_atomic_store_renews_a_held_ticket(conversation: str) -> None:
    store = AtomicRedisLockStore(**_redis_kwargs())

    async def hold_longer_than_the_lifetime() -> None:
        async with store.lock(conversation, lock_lifetime=0.6, wait_time_in_seconds=0.1):
            await asyncio.sleep(1.5)
            lock = store.get_lock(conversation)
            assert lock is not None and not lock.is_locked(0)

    asyncio.run(hold_longer_than_the_lifetime())
    assert store.get_lock(conversation) is None


def _holders_at_once(store_class: type[RedisLockStore], conversation: str) -> tuple[int, int]:
    """Four "servers" (threads, each its own store) take the lock 25 times each.

    Returns:
        The most holders seen at one moment, and the LockErrors raised.
    """
    holders, most, errors = 0, 0, 0
    guard = threading.Lock()

    async def server() -> None:
        nonlocal holders, most, errors
        store = store_class(**_redis_kwargs())
        for _ in range(25):
            try:
                async with store.lock(conversation, wait_time_in_seconds=0.001):
                    with guard:
                        holders += 1
                        most = max(most, holders)
                    await asyncio.sleep(0.002)
                    with guard:
                        holders -= 1
            except LockError:
                with guard:
                    errors += 1

    threads = [threading.Thread(target=asyncio.run, args=(server(),)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return most, errors


def test_atomic_store_lets_one_server_at_a_time_hold_the_lock(conversation: str) -> None:
    most, errors = _holders_at_once(AtomicRedisLockStore, conversation)
    assert (most, errors) == (1, 0)
