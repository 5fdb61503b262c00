"""PostgreSQL and Redis for the tests that need them: created if missing, else skipped.

`HUB_TEST_POSTGRES_URL` names the PostgreSQL server (default: trust auth on this machine),
`HUB_TEST_DB_PREFIX` starts every test database's name (default `hub`: `hub_test`,
`hub_tracker`, ...), so that two test runs on one server can keep apart, and
`HUB_TEST_REDIS_URL` names the Redis server.
"""

from __future__ import annotations

import contextlib
import os

import psycopg2
import psycopg2.errors
import pytest
import redis
from psycopg2 import sql

POSTGRES_URL = os.environ.get("HUB_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
DB_PREFIX = os.environ.get("HUB_TEST_DB_PREFIX", "hub")
REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def postgres_database(suffix: str) -> str:
    """The URL of the test database `<prefix>_<suffix>`, created if missing.

    Skips the test when the PostgreSQL server cannot be reached.
    """
    name = f"{DB_PREFIX}_{suffix}"
    server = POSTGRES_URL.rstrip("/")
    try:
        connection = psycopg2.connect(f"{server}/postgres", connect_timeout=3)
    except psycopg2.OperationalError as error:
        pytest.skip(f"no PostgreSQL at {server}: {error}")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if cursor.fetchone() is None:
                # Another test run may create it at the same moment.
                with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()
    return f"{server}/{name}"


def redis_url() -> str:
    """The test Redis server's URL; skips the test when it cannot be reached."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    return REDIS_URL
