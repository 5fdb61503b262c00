"""Schema migrations (Alembic): what start-up runs instead of ``create_all``.

The scripts live in ``catalogue_api/migrations/versions`` (``0001`` is the schema that
``create_all`` made before migrations existed). Alembic is configured in code, without an
``alembic.ini``; the ``alembic`` command works too, from ``catalogue/`` (it reads
``[tool.alembic]`` in ``pyproject.toml``, and ``DATABASE_URL`` through the settings).

Every migration run, from start-up or from the ``alembic`` command, goes through
``migrations/env.py``, which calls :func:`prepare` first:

- concurrent runs wait for each other (PostgreSQL: a transaction-level advisory lock;
  SQLite: ``BEGIN IMMEDIATE``, which also makes the SQLite run one real transaction; within
  one process, :func:`upgrade_database` takes a lock too, as Alembic's state is global);
- a database created by ``create_all`` (catalogue tables, no ``alembic_version`` table) is
  stamped at ``0001`` without touching its rows, so ``upgrade head`` continues from there.

``python -m catalogue_api migrate`` upgrades the database named by ``DATABASE_URL``.
"""

from __future__ import annotations

import logging
import threading

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

logger = logging.getLogger("catalogue_api")

SCRIPT_LOCATION = "catalogue_api:migrations"
VERSION_TABLE = "alembic_version"
#: The revision whose schema ``create_all`` made before migrations existed.
BASELINE_REVISION = "0001"
#: The tables of :data:`BASELINE_REVISION`.
BASELINE_TABLES = frozenset(
    {
        "contacts",
        "events",
        "figures",
        "hub",
        "lead_history",
        "lead_projects",
        "lead_services",
        "leads",
        "project_sectors",
        "projects",
        "services",
    }
)
#: Key of the PostgreSQL advisory lock held while migrating ("catalogu" in ASCII).
POSTGRES_LOCK_KEY = 0x636174616C6F6775
#: How long a SQLite migration run waits for another process's run to finish.
MIGRATION_WAIT_SECONDS = 120

#: Alembic's ``context`` is module-global: one migration run per process at a time.
_PROCESS_LOCK = threading.Lock()


class MigrationError(RuntimeError):
    """Raised when a database cannot be brought to the newest schema safely."""


def make_config(connection: Connection | None = None) -> Config:
    """Return the Alembic configuration of the catalogue.

    Args:
        connection: Connection the migrations run on, inside its transaction (``env.py``
            uses it instead of opening its own).

    Returns:
        The configuration (no ``.ini`` file involved).
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

    Must come first in the connection's transaction. PostgreSQL: an advisory lock released at
    commit or rollback. SQLite: ``BEGIN IMMEDIATE`` (Python's sqlite3 does not open a
    transaction before DDL, so this also makes the whole run one transaction).

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
    """Stamp a database made by ``create_all`` (no version table) at :data:`BASELINE_REVISION`.

    Only the version table is written; the rows stay as they are.

    Args:
        connection: Connection inside the migration's transaction.
        scripts: The migration scripts.

    Returns:
        True if the database was stamped.

    Raises:
        MigrationError: If some catalogue tables exist but not all of them (not a database
            this service made; nothing is changed).
    """
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE in tables or not tables & BASELINE_TABLES:
        return False
    missing = sorted(BASELINE_TABLES - tables)
    if missing:
        raise MigrationError(
            "the database has catalogue tables but no alembic_version table, and lacks "
            f"{', '.join(missing)}: not a schema this service created; nothing was changed"
        )
    MigrationContext.configure(connection).stamp(scripts, BASELINE_REVISION)
    logger.warning(
        "database created before migrations existed: stamped at revision %s", BASELINE_REVISION
    )
    return True


def prepare(connection: Connection, scripts: ScriptDirectory) -> None:
    """Lock, then adopt an unversioned database: ``env.py`` runs this before migrating.

    Args:
        connection: Connection inside the migration's transaction.
        scripts: The migration scripts.
    """
    lock(connection)
    adopt_unversioned_database(connection, scripts)


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (``alembic upgrade head``) in one transaction.

    A database made by ``create_all`` before migrations existed is stamped at ``0001`` first.

    Args:
        engine: Target engine (SQLite or PostgreSQL).
        revision: Target revision.
    """
    with _PROCESS_LOCK, engine.begin() as connection:
        command.upgrade(make_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None``: not versioned)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()
