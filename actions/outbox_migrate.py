"""Schema migrations of the lead outbox (Alembic), run by every action server at start-up.

The scripts live in `actions/outbox_migrations/versions` (`0001` is the schema that
`create_all` and the hand-written column upgrade of earlier releases left). Alembic is
configured in code; `migrations/env.py` calls :func:`prepare` before migrating:

- concurrent start-ups wait for each other (PostgreSQL: a transaction-level advisory lock;
  SQLite: `BEGIN IMMEDIATE`, which also makes the SQLite run one real transaction; within one
  process, :func:`upgrade_database` takes a lock too, as Alembic's state is global);
- an outbox made before migrations existed (a `lead_outbox` table, no version table) has its
  columns checked, gains those the first release lacked, and is stamped at `0001` with its
  rows kept.

The version table has a name of its own, so that an outbox URL naming a database shared with
another service cannot mix their histories.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from actions.outbox_store import (
    SCRUBBED,
    SETTLED_STATES,
    conversation_index,
    lead_outbox,
    pending_index,
)

logger = logging.getLogger(__name__)

SCRIPT_LOCATION = "actions:outbox_migrations"
VERSION_TABLE = "lead_outbox_version"
#: The revision whose schema the outbox had when migrations came.
BASELINE_REVISION = "0001"
#: The columns of the first release's table.
FIRST_RELEASE_COLUMNS = frozenset(
    {
        "client_reference",
        "payload",
        "state",
        "attempts",
        "last_error",
        "lead_id",
        "created_at",
        "updated_at",
    }
)
#: The columns added by hand-written `ALTER TABLE` before migrations existed.
ADDED_COLUMNS = frozenset({"conversation_id", "claimed_until"})
#: Key of the PostgreSQL advisory lock held while migrating ("outbox" in ASCII).
POSTGRES_LOCK_KEY = 0x6F7574626F78
#: How long a SQLite migration run waits for another process's run to finish.
MIGRATION_WAIT_SECONDS = 120

#: Alembic's `context` is module-global: one migration run per process at a time.
_PROCESS_LOCK = threading.Lock()


class MigrationError(RuntimeError):
    """Raised when an outbox database cannot be brought to the newest schema safely."""


def make_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the outbox (no `.ini` file).

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
    """Bring an outbox made before migrations existed to `0001` and stamp it there.

    Its columns are checked first: those of the first release, with or without the two
    added later. Missing columns and indexes are added, settled leads lose the payload the
    first release kept, and `conversation_id` is filled from the payloads; no row is lost.

    Args:
        connection: Connection inside the migration's transaction.
        scripts: The migration scripts.

    Returns:
        True if the database was stamped.

    Raises:
        MigrationError: If the `lead_outbox` table has other columns than a release made
            (nothing is changed).
    """
    inspector = sa.inspect(connection)
    tables = set(inspector.get_table_names())
    if VERSION_TABLE in tables or lead_outbox.name not in tables:
        return False
    columns = {column["name"] for column in inspector.get_columns(lead_outbox.name)}
    known = FIRST_RELEASE_COLUMNS | ADDED_COLUMNS
    if not columns >= FIRST_RELEASE_COLUMNS or not columns <= known:
        raise MigrationError(
            f"the {lead_outbox.name} table has columns {', '.join(sorted(columns))} and no "
            f"{VERSION_TABLE} table: not a schema the action server made; nothing was changed"
        )
    operations = Operations(MigrationContext.configure(connection))
    if "conversation_id" not in columns:
        operations.add_column(lead_outbox.name, sa.Column("conversation_id", sa.Text()))
    if "claimed_until" not in columns:
        operations.add_column(
            lead_outbox.name,
            sa.Column("claimed_until", sa.Float(), nullable=False, server_default="0"),
        )
    for index in (conversation_index, pending_index):
        index.create(connection, checkfirst=True)
    _settle_first_release_rows(connection, fill_conversations="conversation_id" not in columns)
    MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).stamp(
        scripts, BASELINE_REVISION
    )
    logger.warning(
        "lead outbox created before migrations existed: stamped at revision %s",
        BASELINE_REVISION,
    )
    return True


def _settle_first_release_rows(connection: Connection, *, fill_conversations: bool) -> None:
    """Scrub settled leads kept whole by an earlier release; fill `conversation_id`."""
    connection.execute(
        lead_outbox.update()
        .where(
            lead_outbox.c.state.in_(SETTLED_STATES), lead_outbox.c.payload != SCRUBBED["payload"]
        )
        .values(**SCRUBBED, last_error=None)
    )
    if not fill_conversations:
        return
    rows = connection.execute(sa.select(lead_outbox.c.client_reference, lead_outbox.c.payload))
    for reference, payload in rows.all():
        conversation_id = json.loads(payload).get("conversation_id")
        if conversation_id:
            connection.execute(
                lead_outbox.update()
                .where(lead_outbox.c.client_reference == reference)
                .values(conversation_id=str(conversation_id))
            )


def prepare(connection: Connection, scripts: ScriptDirectory) -> None:
    """Lock, then adopt an unversioned outbox: `env.py` runs this before migrating.

    Args:
        connection: Connection inside the migration's transaction.
        scripts: The migration scripts.
    """
    lock(connection)
    adopt_unversioned_database(connection, scripts)


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    """Bring the outbox's schema to `revision` in one transaction.

    Args:
        engine: Target engine (SQLite or PostgreSQL).
        revision: Target revision.
    """
    with _PROCESS_LOCK, engine.begin() as connection:
        command.upgrade(make_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the outbox is at (`None`: not versioned)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()


def database_url(location: Path | str) -> str:
    """The SQLAlchemy URL of an outbox given as a SQLite file or as a URL.

    Args:
        location: A SQLite file (its folder is created), or a database URL.

    Returns:
        A database URL.
    """
    if isinstance(location, Path):
        location.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{location}"
    return location


def open_database(url: str) -> Engine:
    """Connects to the outbox's database and migrates it to the newest schema.

    Args:
        url: A SQLAlchemy database URL (`sqlite:///…`, `postgresql://…`).

    Returns:
        The engine; connections are checked before use, so a database restart is survived.
    """
    options: dict[str, object] = {"future": True, "pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 10}
    engine = sa.create_engine(url, **options)
    upgrade_database(engine)
    return engine
