"""Migrations at start-up: a ``create_all`` database adopted, concurrent starts, failures.

A database made by ``create_all`` is adopted (stamped at 0001) and upgraded without losing
rows; concurrent start-ups take turns; a failed migration or a partial schema changes nothing.

Every database test runs on SQLite and on PostgreSQL (``empty_databases`` in conftest).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import API_KEY, CATALOGUE_DIR, INTAKE, INTAKE_KEY, STAFF, EmptyDatabases
from fastapi.testclient import TestClient
from migration_support import (
    LEGACY,
    create_legacy_database,
    insert_legacy_rows,
    legacy_rows,
    revision,
    schema_diff,
    schema_snapshot,
    without_lead,
)
from sqlalchemy import Engine, inspect, text

from catalogue_api import migrate
from catalogue_api.app import create_app
from catalogue_api.db import make_engine
from catalogue_api.models import Base
from catalogue_api.settings import Settings


def test_startup_adopts_a_create_all_database_and_keeps_its_rows(
    empty_databases: EmptyDatabases,
) -> None:
    """Start-up stamps a ``create_all`` database, migrates it and keeps its rows."""
    url = empty_databases.new()
    engine = empty_databases.engine(url)
    create_legacy_database(engine)
    lead_id = insert_legacy_rows(engine)
    before = legacy_rows(engine)
    assert migrate.VERSION_TABLE not in inspect(engine).get_table_names()

    app = create_app(Settings(database_url=url, api_key=API_KEY, lead_intake_key=INTAKE_KEY))
    # Start-up: upgrade head, then seed the empty sections.
    with TestClient(app, headers=INTAKE) as client:
        lead = client.get(f"/staff/leads/{lead_id}", headers=STAFF).json()
        project = client.get("/projects/old-project?lang=ru").json()
        listed = client.get("/staff/leads", headers=STAFF, params={"country": "КАЗАХСТАН"})
        new = client.post(
            "/leads",
            json={
                "name": "New",
                "email": "new@example.com",
                "consent": True,
                "country": "Kazakhstan",
                "country_code": "KZ",
            },
        )

    assert revision(engine) == migrate.head_revision()
    assert schema_diff(engine, Base.metadata) == []
    after = legacy_rows(engine)
    new_id = new.json()["id"]
    assert without_lead(after, new_id) == before
    assert lead["name"] == "Айгерим Бекова" and lead["country"] == "Казахстан"
    assert lead["country_code"] is None
    assert lead["status"] == "contacted" and lead["assigned_to"] == "team:legal"
    assert lead["projects"] == ["old-project"] and lead["services"] == ["legal", "visa"]
    assert lead["interest"] == "Cold chain.\nLogistics."
    assert lead["created_at"].startswith("2024-05-06T10:30:00")
    assert [(h["changed_by"], h["to_value"]) for h in lead["history"]] == [
        ("intake", "new"),
        ("anna", "contacted"),
    ]
    assert project["name"] == "Старый проект" and project["sectors"] == ["logistics", "medical"]
    assert project["investment_cny"] == 1.5e9
    assert [item["id"] for item in listed.json()["items"]] == [lead_id]
    assert new.status_code == 201 and new_id > lead_id


def test_startup_twice_changes_nothing(empty_databases: EmptyDatabases) -> None:
    """A second start-up finds nothing to migrate."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine)
    snapshot = schema_snapshot(engine)
    migrate.upgrade_database(engine)
    assert revision(engine) == migrate.head_revision()
    assert schema_snapshot(engine) == snapshot


def test_concurrent_startups_both_succeed(empty_databases: EmptyDatabases) -> None:
    """Two processes migrate one new database at once: one waits for the other."""
    url = empty_databases.new()
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(CATALOGUE_DIR)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "catalogue_api", "migrate"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    head = migrate.head_revision()
    assert [out.strip() for out, _err in outputs] == [f"database at revision {head}"] * 2
    engine = empty_databases.engine(url)
    assert revision(engine) == migrate.head_revision()
    assert schema_diff(engine, Base.metadata) == []


def test_threads_of_one_process_take_turns(empty_databases: EmptyDatabases) -> None:
    """Threads of one process migrating at once take turns."""
    url = empty_databases.new()
    engines = [empty_databases.engine(url) for _ in range(3)]
    barrier = threading.Barrier(len(engines))
    errors: list[BaseException] = []

    def start(engine: Engine) -> None:
        barrier.wait()
        try:
            migrate.upgrade_database(engine)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert revision(engines[0]) == migrate.head_revision()


def test_a_failing_migration_changes_nothing(empty_databases: EmptyDatabases) -> None:
    """0002 fails half-way (its index name is taken): the column, the stamp, all rolled back."""
    engine = empty_databases.engine(empty_databases.new())
    create_legacy_database(engine)
    insert_legacy_rows(engine)
    before = legacy_rows(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE INDEX ix_leads_country_code ON leads (name)"))
    with pytest.raises(Exception, match="ix_leads_country_code"):
        migrate.upgrade_database(engine)
    inspector = inspect(engine)
    assert migrate.VERSION_TABLE not in inspector.get_table_names()
    assert "country_code" not in {c["name"] for c in inspector.get_columns("leads")}
    assert legacy_rows(engine) == before


def test_a_partial_unversioned_schema_is_refused(empty_databases: EmptyDatabases) -> None:
    """A database with only some catalogue tables is refused, unchanged."""
    engine = empty_databases.engine(empty_databases.new())
    LEGACY["projects"].create(engine)
    with pytest.raises(migrate.MigrationError, match="lacks contacts, events"):
        migrate.upgrade_database(engine)
    assert inspect(engine).get_table_names() == ["projects"]


def test_a_migration_waits_for_a_run_longer_than_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: a start-up waits for another process's long run, not just the busy timeout."""
    monkeypatch.setattr("catalogue_api.db.BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "catalogue.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect():
        pass  # the file exists, in WAL mode
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run holds the migration lock
    failures: list[BaseException] = []

    def start_up() -> None:
        try:
            migrate.upgrade_database(engine)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    waiting = threading.Thread(target=start_up)
    waiting.start()
    waiting.join(timeout=1.0)  # five busy timeouts
    assert waiting.is_alive(), failures
    holder.execute("COMMIT")
    holder.close()
    waiting.join(timeout=60)
    assert not waiting.is_alive() and failures == []
    assert revision(engine) == migrate.head_revision()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 200
    engine.dispose()
