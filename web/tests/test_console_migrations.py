"""The console database's Alembic migrations (SQLite, as the console runs).

``0001`` is the schema the console's ``create_all`` calls made before migrations existed;
``0002`` makes numeric ids never reused. A console database made before migrations, whole or
made by a release that had fewer areas, is adopted at start-up with its rows kept.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.orm import DeclarativeBase

import hub_web
from hub_web import migrate
from hub_web.events import ConsoleStore
from hub_web.migrations.models import CONSOLE_METADATA

WEB_DIR = Path(__file__).resolve().parents[1]
WHEN = datetime(2024, 5, 6, 10, 30, tzinfo=UTC)
NUMBERED_TABLES = {
    "console_messages",
    "console_feedback",
    "console_form_runs",
    "console_review_decisions",
    "console_event_log",
    "console_skipped_events",
    "console_audit_log",
    "console_staff_alerts",
}


def baseline() -> sa.MetaData:
    """The frozen schema of revision 0001."""
    script = migrate.script_directory().get_revision(migrate.BASELINE_REVISION)
    assert script is not None
    metadata: sa.MetaData = script.module.BASELINE
    return metadata


def new_engine(tmp_path: Path, name: str = "console.db") -> sa.Engine:
    return sa.create_engine(f"sqlite:///{tmp_path / name}")


def schema_diff(engine: sa.Engine) -> list[Any]:
    """What autogenerate would change to make the database match the console's models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, CONSOLE_METADATA))


def snapshot(engine: sa.Engine) -> dict[str, Any]:
    """Every console table as the database reports it (columns, keys, indexes)."""
    inspector = sa.inspect(engine)
    return {
        table: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (tuple(fk["constrained_columns"]), fk["referred_table"])
                for fk in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "unique": sorted(
                tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)
            ),
        }
        for table in sorted(inspector.get_table_names())
        if table != migrate.VERSION_TABLE
    }


def autoincrement_tables(engine: sa.Engine) -> set[str]:
    """The tables SQLite declares with ``AUTOINCREMENT``."""
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type='table'")
        return {name for name, sql in rows if "AUTOINCREMENT" in (sql or "")}


def value_for(column: sa.Column[Any], number: int) -> Any:
    """A value of the column's type (``number`` for integers, so keys and ids differ)."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return number % 2 == 0
    if isinstance(kind, sa.Integer):
        return number
    if isinstance(kind, sa.Float):
        return number + 0.5
    if isinstance(kind, sa.DateTime):
        return WHEN
    if isinstance(kind, sa.JSON):
        return {"n": number}
    length = getattr(kind, "length", None) or 40
    return f"{column.name}-{number}"[:length]


def fill(engine: sa.Engine, metadata: sa.MetaData, tables: set[str] | None = None) -> None:
    """Three rows in each (chosen) table of ``metadata``, ids 1 to 3."""
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if tables is None or table.name in tables:
                connection.execute(
                    table.insert(),
                    [{c.name: value_for(c, n) for c in table.columns} for n in (1, 2, 3)],
                )


def rows(engine: sa.Engine, tables: set[str] | None = None) -> dict[str, list[Any]]:
    """Every row of every (chosen) baseline table, in key order."""
    with engine.connect() as connection:
        return {
            table.name: connection.execute(sa.select(table).order_by(*table.primary_key)).all()
            for table in baseline().sorted_tables
            if tables is None or table.name in tables
        }


# ---------------------------------------------------------------- scripts and schema


def test_the_history_is_0001_then_0002() -> None:
    revisions = list(migrate.script_directory().walk_revisions())
    assert [(r.revision, r.down_revision) for r in revisions] == [("0002", "0001"), ("0001", None)]
    assert migrate.head_revision() == "0002"
    assert all(r.doc for r in revisions)


def test_the_baseline_has_every_console_table() -> None:
    models = {name for metadata in CONSOLE_METADATA for name in metadata.tables}
    assert set(baseline().tables) == models
    assert all(name.startswith(migrate.TABLE_PREFIX) for name in models)


def test_every_declarative_base_of_the_website_is_migrated() -> None:
    """A new area's tables (a new base) must join ``migrations/models.py``, else none is made."""
    skipped = ("hub_web.__main__", "hub_web.migrations.env", "hub_web.migrations.versions.")
    for module in pkgutil.walk_packages(hub_web.__path__, "hub_web."):
        if not module.name.startswith(skipped):
            importlib.import_module(module.name)
    bases = [
        base for base in DeclarativeBase.__subclasses__() if base.__module__.startswith("hub_web.")
    ]
    assert bases and all(base.metadata in CONSOLE_METADATA for base in bases)
    tables = {name for base in bases for name in base.metadata.tables}
    assert tables == set(baseline().tables)


def test_upgrade_head_gives_the_models_with_ids_never_reused(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    migrate.upgrade_database(engine)
    assert migrate.current_revision(engine) == "0002"
    assert schema_diff(engine) == []
    assert autoincrement_tables(engine) == NUMBERED_TABLES


def test_revision_0001_is_the_create_all_schema(tmp_path: Path) -> None:
    made = new_engine(tmp_path, "create_all.db")
    for metadata in CONSOLE_METADATA:
        metadata.create_all(made)
    migrated = new_engine(tmp_path)
    migrate.upgrade_database(migrated, "0001")
    assert snapshot(migrated) == snapshot(made)
    assert autoincrement_tables(migrated) == set()


def test_downgrade_to_0001_and_back_keeps_the_rows(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    migrate.upgrade_database(engine, "0001")
    fill(engine, baseline())
    before = rows(engine)
    migrate.upgrade_database(engine)
    assert rows(engine) == before

    with engine.begin() as connection:
        command.downgrade(migrate.make_config(connection), "0001")
    assert autoincrement_tables(engine) == set()
    assert rows(engine) == before


# ---------------------------------------------------------------- start-up


def test_start_up_adopts_a_console_db_made_before_migrations(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    baseline().create_all(engine)
    fill(engine, baseline())
    before = rows(engine)
    assert migrate.VERSION_TABLE not in sa.inspect(engine).get_table_names()
    store = ConsoleStore(str(engine.url))
    store.close()
    assert migrate.current_revision(engine) == "0002"
    assert schema_diff(engine) == []
    assert rows(engine) == before


def test_an_older_console_db_gains_the_tables_it_lacks(tmp_path: Path) -> None:
    """A release with fewer areas: its tables kept with their rows, the others created."""
    engine = new_engine(tmp_path)
    kept = {"console_conversations", "console_messages", "console_consumer_offsets"}
    baseline().create_all(engine, tables=[baseline().tables[name] for name in kept])
    fill(engine, baseline(), kept)
    before = rows(engine, kept)
    ConsoleStore(str(engine.url)).close()
    assert migrate.current_revision(engine) == "0002"
    assert schema_diff(engine) == []
    assert rows(engine, kept) == before


def test_a_table_unlike_the_consoles_is_refused_unchanged(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE console_messages (id INTEGER, other TEXT)")
    with pytest.raises(migrate.MigrationError, match=r"console_messages \(id, other\)"):
        migrate.upgrade_database(engine)
    assert sa.inspect(engine).get_table_names() == ["console_messages"]


def test_message_ids_are_never_given_again(tmp_path: Path) -> None:
    """The newest message deleted (retention, erasure): the next one gets a new id."""
    engine = new_engine(tmp_path)
    baseline().create_all(engine)  # made before migrations: ids were reused then
    fill(engine, baseline(), {"console_messages"})
    ConsoleStore(str(engine.url)).close()
    messages = baseline().tables["console_messages"]
    with engine.begin() as connection:
        connection.execute(messages.delete().where(messages.c.id == 3))
        row = {c.name: value_for(c, 9) for c in messages.columns if c.name != "id"}
        new_id = connection.execute(messages.insert().values(row)).inserted_primary_key[0]
    assert new_id == 4


def test_a_second_start_up_changes_nothing(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    ConsoleStore(str(engine.url)).close()
    fill(engine, baseline())
    before = (snapshot(engine), rows(engine))
    ConsoleStore(str(engine.url)).close()
    assert (snapshot(engine), rows(engine)) == before


def test_concurrent_start_ups_both_succeed(tmp_path: Path) -> None:
    """Two website processes open one new console database at once: one waits."""
    url = f"sqlite:///{tmp_path / 'console.db'}"
    program = (
        "import sys; from hub_web.events import ConsoleStore; ConsoleStore(sys.argv[1]).close()"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", program, url],
            cwd=WEB_DIR,
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    engine = sa.create_engine(url)
    assert migrate.current_revision(engine) == "0002"
    assert schema_diff(engine) == []


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    engines = [new_engine(tmp_path) for _ in range(3)]
    barrier = threading.Barrier(len(engines))
    errors: list[BaseException] = []

    def start(engine: sa.Engine) -> None:
        barrier.wait()
        try:
            migrate.upgrade_database(engine)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert migrate.current_revision(engines[0]) == "0002"
