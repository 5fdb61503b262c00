"""The console database's Alembic migrations (SQLite, as the console runs).

``0001`` is the schema the console's ``create_all`` calls made before migrations existed;
``0002`` makes numeric ids never reused. How the console adopts a database at start-up is in
``test_console_start_up.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from alembic import command
from migration_support import (
    autoincrement_tables,
    baseline,
    fill,
    new_engine,
    rows,
    schema_diff,
    snapshot,
    value_for,
)
from sqlalchemy.orm import DeclarativeBase

import hub_web
from hub_web import migrate
from hub_web.events import ConsoleStore
from hub_web.migrations.models import CONSOLE_METADATA

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
