"""Helpers of the console database's migration tests: the baseline, snapshots, rows to keep."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hub_web import migrate
from hub_web.migrations.models import CONSOLE_METADATA

WHEN = datetime(2024, 5, 6, 10, 30, tzinfo=UTC)


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
