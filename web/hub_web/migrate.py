"""Schema migrations of the console's database (Alembic), run at start-up.

The scripts live in ``hub_web/migrations/versions``: ``0001`` is the schema the console's
``create_all`` calls made before migrations existed, ``0002`` makes numeric ids never reused
on SQLite. Alembic is configured in code; ``migrations/env.py`` calls :func:`prepare` before
migrating:

- concurrent start-ups wait for each other (SQLite: ``BEGIN IMMEDIATE``, which also makes the
  SQLite run one real transaction; PostgreSQL: a transaction-level advisory lock; within one
  process, :func:`upgrade_database` takes a lock too, as Alembic's state is global);
- a database made before migrations (console tables, no version table) has the columns of
  each of its tables checked against ``0001``'s; ``0001`` then adds only the tables it lacks,
  and its rows are kept.
"""

from __future__ import annotations

import logging
import threading

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

logger = logging.getLogger(__name__)

SCRIPT_LOCATION = "hub_web:migrations"
VERSION_TABLE = "alembic_version"
#: The revision whose schema ``create_all`` made before migrations existed.
BASELINE_REVISION = "0001"
#: Every console table's name starts so (the SQL broker's ``events`` table is Rasa's).
TABLE_PREFIX = "console_"
#: Key of the PostgreSQL advisory lock held while migrating ("console" in ASCII).
POSTGRES_LOCK_KEY = 0x636F6E736F6C65
#: How long a SQLite migration run waits for another process's run to finish.
MIGRATION_WAIT_SECONDS = 120

#: Alembic's ``context`` is module-global: one migration run per process at a time.
_PROCESS_LOCK = threading.Lock()


class MigrationError(RuntimeError):
    """Raised when the console's database cannot be brought to the newest schema safely."""


def make_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the console (no ``.ini`` file).

    Args:
        connection: Connection the migrations run on, inside its transaction.

    Returns:
        The configuration.
    """
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """The migration scripts."""
    return ScriptDirectory.from_config(make_config())


def head_revision() -> str:
    """The newest revision id."""
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - packaging error
        raise MigrationError(f"no migration scripts found in {SCRIPT_LOCATION}")
    return head


def lock(connection: Connection) -> None:
    """Make concurrent migration runs on one database wait for each other.

    Must come first in the connection's transaction.

    Args:
        connection: The connection the migrations will run on.
    """
    backend = connection.dialect.name
    if backend == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY})
    elif backend == "sqlite":
        dbapi_connection = connection.connection.dbapi_connection
        if dbapi_connection is not None and not dbapi_connection.in_transaction:
            # Wait as long as another run may take, not the connection's usual busy timeout;
            # once the lock is held, the connection waits as it did before.
            usual_wait_ms = connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one()
            connection.exec_driver_sql(f"PRAGMA busy_timeout={MIGRATION_WAIT_SECONDS * 1000}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            connection.exec_driver_sql(f"PRAGMA busy_timeout={int(usual_wait_ms)}")


def adopt_unversioned_database(connection: Connection, scripts: ScriptDirectory) -> bool:
    """Check a console database made before migrations before ``0001`` runs on it.

    Each console table it has must have exactly the columns ``0001`` gives that table; the
    tables it lacks (areas added after it was made) are then created by ``0001``, as
    ``create_all`` did at every start. No row is written.

    Args:
        connection: Connection inside the migration's transaction.
        scripts: The migration scripts.

    Returns:
        True if the database holds console tables and no version table.

    Raises:
        MigrationError: If a table differs from the baseline or is not the console's
            (nothing is changed).
    """
    inspector = inspect(connection)
    tables = {name for name in inspector.get_table_names() if name.startswith(TABLE_PREFIX)}
    if VERSION_TABLE in inspector.get_table_names() or not tables:
        return False
    baseline = scripts.get_revision(BASELINE_REVISION)
    if baseline is None:  # pragma: no cover - packaging error
        raise MigrationError("the console's baseline migration is missing")
    expected = baseline.module.BASELINE.tables
    problems = [name for name in sorted(tables) if name not in expected]
    for name in sorted(tables & set(expected)):
        columns = {column["name"] for column in inspector.get_columns(name)}
        if columns != {column.name for column in expected[name].columns}:
            problems.append(f"{name} ({', '.join(sorted(columns))})")
    if problems:
        raise MigrationError(
            "the console database has no alembic_version table and tables unlike those it "
            f"made: {'; '.join(problems)}; nothing was changed"
        )
    logger.warning(
        "console database created before migrations existed: adopted at revision %s",
        BASELINE_REVISION,
    )
    return True


def prepare(connection: Connection, scripts: ScriptDirectory) -> None:
    """Lock, then check an unversioned database: ``env.py`` runs this before migrating.

    Args:
        connection: Connection inside the migration's transaction.
        scripts: The migration scripts.
    """
    lock(connection)
    adopt_unversioned_database(connection, scripts)


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    """Bring the console's schema to ``revision`` (``alembic upgrade head``) in one transaction.

    Args:
        engine: The console's engine.
        revision: Target revision.
    """
    with _PROCESS_LOCK, engine.begin() as connection:
        command.upgrade(make_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None``: not versioned)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()
