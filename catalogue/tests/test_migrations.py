"""Alembic migration scripts: one line of revisions, 0001 the old schema, head the models.

0001 is the old ``create_all`` schema and head matches the models; each later revision adds only
its change, and downgrades keep the leads. Start-up: ``test_migration_startup.py``; the
``alembic`` command: ``test_migration_cli.py``.

Every database test runs on SQLite and on PostgreSQL (``empty_databases`` in conftest).
"""

from __future__ import annotations

from alembic import command
from conftest import EmptyDatabases
from legacy_schema import metadata as legacy_metadata
from migration_support import (
    LEGACY,
    create_legacy_database,
    insert_legacy_rows,
    legacy_rows,
    revision,
    schema_diff,
    schema_snapshot,
)
from sqlalchemy import inspect, text

from catalogue_api import migrate
from catalogue_api.models import Base

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
