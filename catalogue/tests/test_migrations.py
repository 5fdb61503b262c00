"""Alembic migrations: 0001 is the old schema, head matches the models, old databases adopted.

0001 is the old ``create_all`` schema, head matches the models, and a database made by
``create_all`` is adopted (stamped at 0001) and upgraded without losing rows.

Every database test runs on SQLite and on PostgreSQL (``empty_databases`` in conftest).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from conftest import API_KEY, INTAKE, INTAKE_KEY, STAFF, EmptyDatabases
from fastapi.testclient import TestClient
from legacy_schema import metadata as legacy_metadata
from sqlalchemy import Engine, MetaData, inspect, select, text

from catalogue_api import migrate
from catalogue_api.app import create_app
from catalogue_api.db import make_engine
from catalogue_api.models import Base
from catalogue_api.settings import Settings

CATALOGUE_DIR = Path(__file__).resolve().parents[1]
LEGACY = legacy_metadata.tables
WHEN = datetime(2024, 5, 6, 10, 30, tzinfo=UTC)


# ---------------------------------------------------------------- helpers


def schema_diff(engine: Engine, metadata: MetaData) -> list[Any]:
    """What autogenerate would change to make the database match ``metadata`` (types too)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, metadata))


def schema_snapshot(engine: Engine) -> dict[str, Any]:
    """Every table as the database reports it (columns, keys, indexes), without alembic's own."""
    inspector = inspect(engine)
    snapshot: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        if table == migrate.VERSION_TABLE:
            continue
        snapshot[table] = {
            "columns": [
                (
                    column["name"],
                    column["type"].compile(dialect=engine.dialect),
                    column["nullable"],
                    column.get("default"),
                    column.get("autoincrement"),
                )
                for column in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    sorted(fk.get("options", {}).items()),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (index["name"], tuple(index["column_names"]), bool(index["unique"]))
                for index in inspector.get_indexes(table)
            ),
            "unique": sorted(
                (constraint["name"], tuple(constraint["column_names"]))
                for constraint in inspector.get_unique_constraints(table)
            ),
        }
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            snapshot["sqlite_master"] = connection.execute(
                text(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master "
                    "WHERE tbl_name != 'alembic_version' ORDER BY type, name"
                )
            ).all()
    return snapshot


def revision(engine: Engine) -> str | None:
    """The revision the database is at."""
    return migrate.current_revision(engine)


def create_legacy_database(engine: Engine) -> None:
    """The old start-up path: ``create_all`` of the schema as it was before migrations."""
    legacy_metadata.create_all(engine)


def insert_legacy_rows(engine: Engine) -> int:
    """A project (with sectors) and a lead (with projects, services, history); the lead's id."""
    with engine.begin() as connection:
        connection.execute(
            LEGACY["projects"].insert(),
            {
                "id": "old-project",
                "position": 0,
                "name_en": "Old project",
                "name_zh": "旧项目",
                "name_ru": "Старый проект",
                "district": "jiaozhou",
                "status": "signed",
                "investment_cny": 1.5e9,
                "summary_en": "Made before migrations.",
                "summary_zh": None,
                "summary_ru": None,
                "source": "seed-x.md",
            },
        )
        connection.execute(
            LEGACY["project_sectors"].insert(),
            [
                {"project_id": "old-project", "sector": "logistics", "position": 0},
                {"project_id": "old-project", "sector": "medical", "position": 1},
            ],
        )
        lead_id = connection.execute(
            LEGACY["leads"]
            .insert()
            .values(
                client_reference="outbox-legacy-1",
                name="Айгерим Бекова",
                company="ТОО «Пример»",
                country="Казахстан",
                country_key="казахстан",
                email="aigerim@example.com",
                phone="+7 700 000 00 00",
                interest="Cold chain.\nLogistics.",
                consent=True,
                conversation_id="conv-legacy",
                language="ru",
                handoff=True,
                status="contacted",
                assigned_to="team:legal",
                created_at=WHEN,
                updated_at=WHEN,
            )
            .returning(LEGACY["leads"].c.id)
        ).scalar_one()
        connection.execute(
            LEGACY["lead_projects"].insert(),
            {"lead_id": lead_id, "project_id": "old-project", "position": 0},
        )
        connection.execute(
            LEGACY["lead_services"].insert(),
            [
                {"lead_id": lead_id, "service_type": "legal", "position": 0},
                {"lead_id": lead_id, "service_type": "visa", "position": 1},
            ],
        )
        connection.execute(
            LEGACY["lead_history"].insert(),
            [
                {
                    "lead_id": lead_id,
                    "changed_at": WHEN,
                    "changed_by": "intake",
                    "field": "status",
                    "from_value": None,
                    "to_value": "new",
                },
                {
                    "lead_id": lead_id,
                    "changed_at": WHEN,
                    "changed_by": "anna",
                    "field": "status",
                    "from_value": "new",
                    "to_value": "contacted",
                },
            ],
        )
    return int(lead_id)


LEAD_TABLES = ("projects", "project_sectors", "leads", "lead_projects", "lead_services")


def without_lead(rows: dict[str, list[Any]], lead_id: int) -> dict[str, list[Any]]:
    """``rows`` (from :func:`legacy_rows`) without those of one lead."""
    return {
        name: [
            row
            for row in table_rows
            if (row.id if name == "leads" else getattr(row, "lead_id", None)) != lead_id
        ]
        for name, table_rows in rows.items()
    }


def legacy_rows(engine: Engine) -> dict[str, list[Any]]:
    """The rows of the tables the legacy test fills, in the columns of the old schema."""
    with engine.connect() as connection:
        return {
            name: sorted(connection.execute(select(LEGACY[name])).all(), key=repr)
            for name in (*LEAD_TABLES, "lead_history")
        }


# ---------------------------------------------------------------- scripts


def test_migration_history_is_linear_0001_to_0008() -> None:
    """The migration scripts form one line: 0001, 0002, ..., then 0008."""
    scripts = migrate.script_directory()
    revisions = list(scripts.walk_revisions())  # newest first
    assert [(r.revision, r.down_revision) for r in revisions] == [
        ("0008", "0007"),
        ("0007", "0006"),
        ("0006", "0005"),
        ("0005", "0004"),
        ("0004", "0003"),
        ("0003", "0002"),
        ("0002", "0001"),
        ("0001", None),
    ]
    assert migrate.head_revision() == "0008"
    assert all(r.doc for r in revisions)


def test_baseline_tables_are_the_legacy_tables() -> None:
    """The baseline tables are exactly those of the old ``create_all`` schema."""
    assert set(LEGACY) == migrate.BASELINE_TABLES
    # 0002-0004 and 0006 added no table; 0005 the project change log, 0007 the content one.
    assert set(Base.metadata.tables) == migrate.BASELINE_TABLES | {
        "project_changes",
        "content_changes",
    }


# ---------------------------------------------------------------- schema


def test_upgrade_head_matches_the_models(empty_databases: EmptyDatabases) -> None:
    """``upgrade head`` gives exactly the schema of ``models.py``."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine)
    assert revision(engine) == migrate.head_revision()
    assert schema_diff(engine, Base.metadata) == []


def test_revision_0001_is_exactly_the_create_all_schema(empty_databases: EmptyDatabases) -> None:
    """Revision 0001 gives exactly the old ``create_all`` schema."""
    old = empty_databases.engine(empty_databases.new())
    create_legacy_database(old)
    migrated = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(migrated, "0001")
    assert revision(migrated) == "0001"
    assert schema_diff(migrated, legacy_metadata) == []
    assert schema_snapshot(migrated) == schema_snapshot(old)


def test_revision_0002_adds_only_the_indexed_country_code(
    empty_databases: EmptyDatabases,
) -> None:
    """Revision 0002 adds only the indexed ``leads.country_code``."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine, "0002")
    diff = schema_diff(engine, legacy_metadata)  # what would take head back to 0001
    assert sorted((d[0][0] if isinstance(d[0], tuple) else d[0]) for d in diff) == [
        "remove_column",
        "remove_index",
    ]
    columns = {c["name"]: c for c in inspect(engine).get_columns("leads")}
    assert columns["country_code"]["nullable"] is True
    assert columns["country_code"]["type"].length == 2
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("leads")}
    assert indexes["ix_leads_country_code"] == ["country_code"]


def test_revision_0003_adds_the_consent_record_and_keeps_the_leads(
    empty_databases: EmptyDatabases,
) -> None:
    """0003 adds three nullable consent columns; leads stored before keep their rows."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine, "0002")
    before_columns = {c["name"] for c in inspect(engine).get_columns("leads")}
    insert_legacy_rows(engine)
    before = legacy_rows(engine)
    migrate.upgrade_database(engine, "0003")
    columns = {c["name"]: c for c in inspect(engine).get_columns("leads")}
    added = set(columns) - before_columns
    assert added == {"consent_text", "consent_language", "consent_version"}
    assert all(columns[name]["nullable"] for name in added)
    assert columns["consent_language"]["type"].length == 2
    assert columns["consent_version"]["type"].length == 32
    assert legacy_rows(engine) == before
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT consent_text, consent_language, consent_version FROM leads")
        ).all()
    assert stored == [(None, None, None)]
    with engine.begin() as connection:
        command.downgrade(migrate.make_config(connection), "0002")
    assert {c["name"] for c in inspect(engine).get_columns("leads")} == before_columns
    assert legacy_rows(engine) == before


def test_revision_0006_adds_the_indexed_channel_and_keeps_the_leads(
    empty_databases: EmptyDatabases,
) -> None:
    """0006 adds the nullable, indexed ``leads.channel``; leads stored before keep their rows."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine, "0005")
    before_columns = {c["name"] for c in inspect(engine).get_columns("leads")}
    insert_legacy_rows(engine)
    before = legacy_rows(engine)
    migrate.upgrade_database(engine, "0006")
    columns = {c["name"]: c for c in inspect(engine).get_columns("leads")}
    assert set(columns) - before_columns == {"channel"}
    assert columns["channel"]["nullable"] is True
    assert columns["channel"]["type"].length == 16
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("leads")}
    assert indexes["ix_leads_channel"] == ["channel"]
    assert legacy_rows(engine) == before
    with engine.connect() as connection:
        assert connection.execute(text("SELECT channel FROM leads")).all() == [(None,)]
    with engine.begin() as connection:
        command.downgrade(migrate.make_config(connection), "0005")
    assert {c["name"] for c in inspect(engine).get_columns("leads")} == before_columns
    assert legacy_rows(engine) == before


def test_revision_0007_adds_staff_sources_and_the_content_log(
    empty_databases: EmptyDatabases,
) -> None:
    """0007 adds a staff source to services, contacts and events, and ``content_changes``."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine, "0006")
    tables = ("services", "contacts", "events")
    before = {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in tables}
    migrate.upgrade_database(engine, "0007")
    for table in tables:
        columns = {c["name"]: c for c in inspect(engine).get_columns(table)}
        assert set(columns) - before[table] == {"source_date", "source_title"}
        assert columns["source_date"]["nullable"] and columns["source_title"]["nullable"]
    assert "content_changes" in inspect(engine).get_table_names()
    with engine.begin() as connection:
        command.downgrade(migrate.make_config(connection), "0006")
    assert {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in tables} == before
    assert "content_changes" not in inspect(engine).get_table_names()


def test_revision_0008_indexes_the_conversation_and_keeps_the_leads(
    empty_databases: EmptyDatabases,
) -> None:
    """0008 adds only the index ``ix_leads_conversation_id``; the leads stay as they were."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine, "0007")
    insert_legacy_rows(engine)
    before = legacy_rows(engine)
    before_indexes = {i["name"] for i in inspect(engine).get_indexes("leads")}
    migrate.upgrade_database(engine, "0008")
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("leads")}
    assert set(indexes) - before_indexes == {"ix_leads_conversation_id"}
    assert indexes["ix_leads_conversation_id"] == ["conversation_id"]
    assert legacy_rows(engine) == before
    with engine.begin() as connection:
        command.downgrade(migrate.make_config(connection), "0007")
    assert {i["name"] for i in inspect(engine).get_indexes("leads")} == before_indexes
    assert legacy_rows(engine) == before


def test_downgrade_to_0001_and_back_keeps_the_leads(empty_databases: EmptyDatabases) -> None:
    """Downgrading to 0001 and upgrading again keeps the leads."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine, "0001")
    insert_legacy_rows(engine)
    before = legacy_rows(engine)
    migrate.upgrade_database(engine)
    with engine.begin() as connection:
        command.downgrade(migrate.make_config(connection), "0001")
    assert revision(engine) == "0001"
    assert schema_diff(engine, legacy_metadata) == []
    migrate.upgrade_database(engine)
    assert revision(engine) == migrate.head_revision()
    assert legacy_rows(engine) == before


# ---------------------------------------------------------------- start-up


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


# ---------------------------------------------------------------- command line


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env={**os.environ, **env, "PYTHONPATH": str(CATALOGUE_DIR)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_alembic_command_and_python_m_migrate(tmp_path: Path) -> None:
    """The ``alembic`` command (pyproject.toml, no .ini) and ``python -m catalogue_api migrate``."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgraded = _run(["-m", "alembic", "-x", f"url={url}", "upgrade", "head"], {}, CATALOGUE_DIR)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Running upgrade 0001 -> 0002" in upgraded.stderr
    assert "Running upgrade 0002 -> 0003" in upgraded.stderr
    assert "Running upgrade 0003 -> 0004" in upgraded.stderr
    assert "Running upgrade 0004 -> 0005" in upgraded.stderr
    assert "Running upgrade 0005 -> 0006" in upgraded.stderr
    assert "Running upgrade 0006 -> 0007" in upgraded.stderr
    assert "Running upgrade 0007 -> 0008" in upgraded.stderr
    check = _run(["-m", "alembic", "-x", f"url={url}", "check"], {}, CATALOGUE_DIR)
    assert check.returncode == 0 and "No new upgrade operations detected" in check.stdout

    legacy_url = f"sqlite:///{tmp_path / 'legacy.db'}"
    engine = make_engine(legacy_url)
    try:
        create_legacy_database(engine)
        insert_legacy_rows(engine)
    finally:
        engine.dispose()
    # From the repository root, naming the configuration; the URL from DATABASE_URL.
    current = _run(
        ["-m", "alembic", "-c", str(CATALOGUE_DIR / "pyproject.toml"), "upgrade", "head"],
        {"DATABASE_URL": legacy_url},
        tmp_path,
    )
    assert current.returncode == 0, current.stderr
    assert "stamped at revision 0001" in current.stderr
    again = _run(["-m", "catalogue_api", "migrate"], {"DATABASE_URL": legacy_url}, tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"database at revision {migrate.head_revision()}"


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
