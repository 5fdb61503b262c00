"""Database engine and sessions (SQLite or PostgreSQL through SQLAlchemy 2)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from catalogue_api.migrate import upgrade_database


def make_engine(database_url: str) -> Engine:
    """Create an engine; for a SQLite file, create its parent directory first.

    Args:
        database_url: SQLAlchemy URL.

    Returns:
        The engine. SQLite connections enforce foreign keys.
    """
    url = make_url(database_url)
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
    engine = create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def create_tables(engine: Engine) -> None:
    """Bring the schema up to date: ``alembic upgrade head`` (see :mod:`catalogue_api.migrate`).

    Former name of :func:`catalogue_api.migrate.upgrade_database`, which start-up calls: it
    creates every table on an empty database, and stamps a database made by ``create_all``
    before migrations existed at revision 0001 first, keeping its rows.

    Args:
        engine: Target engine.
    """
    upgrade_database(engine)


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
