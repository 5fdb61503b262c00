"""PostgreSQL, Redis and RabbitMQ made ready for the scaled profile.

The three databases and RabbitMQ's virtual host are created when missing; with `fresh`,
the databases are dropped first, the console's queue deleted and the lock keys removed
(what the tests want). Runs in the Rasa environment (`.venv`: psycopg2, redis, aio-pika).
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess

from stack.profiles.scaled.config import Backing

CONNECT_TIMEOUT_SECONDS = 3


class BackingUnavailable(RuntimeError):
    """A backing service cannot be reached or prepared; the message says which and why."""


def unreachable(backing: Backing) -> list[str]:
    """The backing services that do not accept a TCP connection (empty: all do)."""
    problems = []
    for what, host, port in (
        ("PostgreSQL", backing.pg_host, backing.pg_port),
        ("Redis", backing.redis_host, backing.redis_port),
        ("RabbitMQ", backing.amqp_host, backing.amqp_port),
    ):
        try:
            socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_SECONDS).close()
        except OSError as error:
            problems.append(f"{what} at {host}:{port} ({error})")
    return problems


def prepare(backing: Backing, *, fresh: bool = False) -> None:
    """Creates what is missing (databases, virtual host); with `fresh`, empties them first.

    Raises:
        BackingUnavailable: A service is unreachable or refused a step.
    """
    problems = unreachable(backing)
    if problems:
        raise BackingUnavailable("not reachable: " + "; ".join(problems))
    _prepare_postgres(backing, fresh=fresh)
    _prepare_rabbitmq(backing, fresh=fresh)
    if fresh:
        _clear_locks(backing)


def _prepare_postgres(backing: Backing, *, fresh: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    try:
        connection = psycopg2.connect(
            backing.postgres_url("postgres"), connect_timeout=CONNECT_TIMEOUT_SECONDS
        )
    except psycopg2.Error as error:
        raise BackingUnavailable(f"PostgreSQL refused the connection: {error}") from error
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for database in (backing.pg_db, backing.catalogue_db, backing.outbox_db):
                name = sql.Identifier(database)
                if fresh:
                    cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
                if cursor.fetchone() is None:
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    except psycopg2.Error as error:
        raise BackingUnavailable(f"PostgreSQL: {error}") from error
    finally:
        connection.close()


def _prepare_rabbitmq(backing: Backing, *, fresh: bool) -> None:
    error = asyncio.run(_amqp_check(backing, delete_queue=fresh))
    if error is None:
        return
    if shutil.which("rabbitmqctl") is None:
        raise BackingUnavailable(
            f"RabbitMQ refused virtual host {backing.amqp_vhost!r} ({error}); create it "
            f"(rabbitmqctl add_vhost {backing.amqp_vhost}) or set SCALED_AMQP_VHOST"
        )
    for command in (
        ["add_vhost", backing.amqp_vhost],
        ["set_permissions", "-p", backing.amqp_vhost, backing.amqp_user, ".*", ".*", ".*"],
    ):
        result = subprocess.run(
            ["rabbitmqctl", "-q", *command], capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0 and "already" not in result.stderr:
            raise BackingUnavailable(f"rabbitmqctl {' '.join(command)}: {result.stderr.strip()}")
    error = asyncio.run(_amqp_check(backing, delete_queue=fresh))
    if error is not None:
        raise BackingUnavailable(f"RabbitMQ virtual host {backing.amqp_vhost!r}: {error}")


async def _amqp_check(backing: Backing, *, delete_queue: bool) -> str | None:
    """None when the virtual host takes a connection, else why not."""
    import aio_pika

    try:
        connection = await aio_pika.connect(backing.amqp_url, timeout=CONNECT_TIMEOUT_SECONDS)
    except Exception as error:  # aio-pika raises many kinds; each means "not usable"
        return f"{type(error).__name__}: {error}"
    async with connection:
        if delete_queue:
            channel = await connection.channel()
            await channel.queue_delete(backing.event_queue)
    return None


def _clear_locks(backing: Backing) -> None:
    import redis

    client = redis.Redis.from_url(backing.redis_url, socket_timeout=CONNECT_TIMEOUT_SECONDS)
    try:
        keys = list(client.scan_iter(f"{backing.lock_prefix}:*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
