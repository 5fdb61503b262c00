"""Helpers of the migration tests: schema comparisons and the rows of a pre-migration database.

:data:`LEGACY` is the schema as ``create_all`` made it before migrations existed
(``legacy_schema.py``); :func:`insert_legacy_rows` fills it the way an old database was filled.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from legacy_schema import metadata as legacy_metadata
from sqlalchemy import Engine, MetaData, inspect, select, text

from catalogue_api import migrate

LEGACY = legacy_metadata.tables
WHEN = datetime(2024, 5, 6, 10, 30, tzinfo=UTC)


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
