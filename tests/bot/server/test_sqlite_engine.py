"""Rasa's SQLite stores keep their connections, in WAL mode with synchronous=NORMAL."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from sqlalchemy.pool import NullPool, QueuePool

from bot.server.event_broker import SQLBatchEventBroker
from bot.server.sqlite_engine import keep_connections
from bot.server.tracker_store import ErasableSQLTrackerStore


def pragmas(engine: sa.engine.Engine) -> tuple[str, int]:
    with engine.connect() as connection:
        journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar()
    return journal, synchronous


def test_a_sqlite_file_gets_a_pool_wal_and_normal_sync(tmp_path: Path) -> None:
    rasa_engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    assert isinstance(rasa_engine.pool, NullPool)  # what Rasa's SQLAlchemy 1.4 gives
    engine = keep_connections(rasa_engine)
    assert isinstance(engine.pool, QueuePool)
    assert pragmas(engine) == ("wal", 1)


def test_other_databases_are_left_alone() -> None:
    memory = sa.create_engine("sqlite://")
    assert keep_connections(memory) is memory


def test_the_tracker_store_and_the_broker_use_kept_connections(tmp_path: Path) -> None:
    store = ErasableSQLTrackerStore(
        domain=Domain.empty(), host=None, dialect="sqlite", db=str(tmp_path / "tracker.db")
    )
    broker = SQLBatchEventBroker(db=str(tmp_path / "events.db"))
    for engine in (store.engine, broker.engine):
        assert isinstance(engine.pool, QueuePool)
        assert pragmas(engine) == ("wal", 1)
    broker.publish_many([{"sender_id": "v", "event": "user"}])
    with store.session_scope() as session:
        assert session.bind is store.engine
