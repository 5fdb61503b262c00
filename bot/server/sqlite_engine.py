"""SQLite for Rasa's SQL tracker store and event broker: kept connections, WAL, NORMAL sync.

Rasa 3.6 runs SQLAlchemy 1.4, which opens a SQLite file with `NullPool`: every session
opens a connection and closes it again, and closing the last connection to a database in
WAL mode checkpoints the log back into the file, syncing it to disk, on every turn.
`keep_connections` gives the store an engine with a small pool instead (SQLAlchemy 2.0's
own default for SQLite files), on which each new connection is put in WAL mode with
`synchronous=NORMAL`: a commit appends to the log without waiting for the disk, and a
committed turn survives a crash or `kill -9` of the process (not a power cut of the
machine, which may lose the last turns; SQLite's documentation, "Write-Ahead Logging").
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

#: Connections kept open per engine: Rasa uses its stores from the event loop's thread.
POOL_SIZE = 2


def _tune(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def keep_connections(engine: Engine) -> Engine:
    """A pooled, tuned engine for the same SQLite file; any other engine is returned as is.

    Args:
        engine: The engine Rasa created (it is disposed of when replaced).

    Returns:
        The engine to use.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return engine
    tuned = sa.create_engine(
        engine.url,
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        connect_args={"check_same_thread": False},
    )
    sa.event.listen(tuned, "connect", _tune)
    engine.dispose()
    return tuned
