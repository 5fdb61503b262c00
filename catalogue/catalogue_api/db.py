"""Database engine and sessions (SQLite or PostgreSQL through SQLAlchemy 2)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

#: How long a SQLite connection waits for another's write lock before giving up (the sqlite3
#: module's default, which the bot's own SQLite stores use too). In WAL mode readers never
#: wait, and a writer waits only for another writer's short transaction.
BUSY_TIMEOUT_SECONDS = 5
#: Pause between two tries of the switch to WAL while another connection makes the same switch.
WAL_SWITCH_RETRY_SECONDS = 0.05


def make_engine(database_url: str) -> Engine:
    """Create an engine; for a SQLite file, create its parent directory first.

    Args:
        database_url: SQLAlchemy URL.

    Returns:
        The engine. SQLite connections enforce foreign keys, wait at most
        :data:`BUSY_TIMEOUT_SECONDS` for a lock, and put a file in WAL mode (as the bot's stores
        do): a long read no longer blocks a staff change, nor reads queued behind it. The
        ``synchronous`` setting stays SQLite's default (FULL): a stored lead survives a power cut.
    """
    url = make_url(database_url)
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    is_sqlite = url.get_backend_name() == "sqlite"
    is_file = is_sqlite and bool(url.database) and url.database != ":memory:"
    if is_file and url.database:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite:
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_SECONDS}
    engine = create_engine(url, **kwargs)
    if is_sqlite:

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
            if is_file:
                _switch_to_wal(cursor)
            cursor.close()

    return engine


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Put the connection's file in WAL mode, waiting while another connection does the same.

    SQLite does not wait its busy timeout for a change of journal mode: two processes opening
    one new file at once would see "database is locked" at once, so the switch is tried again
    for up to :data:`BUSY_TIMEOUT_SECONDS`.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(WAL_SWITCH_RETRY_SECONDS)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return a session factory bound to ``engine``.

    Args:
        engine: Target engine.

    Returns:
        A ``sessionmaker`` whose sessions keep loaded objects usable after commit.
    """
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session and one transaction: committed on success, rolled back on any error.

    Args:
        factory: Session factory.

    Yields:
        The session.
    """
    with factory() as session, session.begin():
        yield session
