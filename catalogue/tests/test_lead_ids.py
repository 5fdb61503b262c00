"""Lead ids are never given twice, not even after the newest lead is erased (issue 18, 5).

Staff and the console's audit log name leads by id ("erase lead 62"), and the README calls a
retried erasure safe: a reused id would make both name another person. SQLite needs
``AUTOINCREMENT`` for that (revision 0004); PostgreSQL's sequence never reuses a number.
"""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from conftest import API_KEY, INTAKE, INTAKE_KEY, EmptyDatabases
from fastapi.testclient import TestClient
from migration_support import LEGACY, insert_legacy_rows, legacy_rows, revision, schema_diff
from sqlalchemy import delete, insert, select, text

from catalogue_api import migrate
from catalogue_api.app import create_app
from catalogue_api.models import Base, Lead
from catalogue_api.settings import Settings


def erase(client: TestClient, staff: dict, lead_id: int) -> int:
    """Erase the person behind a lead; the status code."""
    return client.delete(f"/staff/leads/{lead_id}/personal-data", headers=staff).status_code


def test_the_newest_leads_id_is_not_reused_after_erasure(
    client: TestClient, staff: dict, make_lead: Callable[..., dict]
) -> None:
    """Erase the newest lead, store another: it gets a new id; the retried erase is a 404."""
    older = make_lead(name="Older", conversation_id="conv-older")
    newest = make_lead(name="Newest", conversation_id="conv-newest")
    assert erase(client, staff, newest["id"]) == 200
    after = make_lead(name="After", conversation_id="conv-after")
    assert after["id"] > newest["id"] > older["id"]
    assert erase(client, staff, newest["id"]) == 404  # the retry removes nobody else
    assert client.get(f"/staff/leads/{after['id']}", headers=staff).json()["name"] == "After"


def test_ids_keep_growing_when_every_lead_was_deleted(
    client: TestClient, staff: dict, make_lead: Callable[..., dict]
) -> None:
    """Even an emptied table does not start again at 1 (retention may delete every lead)."""
    first = make_lead(conversation_id="conv-1")
    assert erase(client, staff, first["id"]) == 200
    assert make_lead(conversation_id="conv-2")["id"] > first["id"]


def test_upgrade_to_0004_keeps_the_leads_and_stops_reuse(empty_databases: EmptyDatabases) -> None:
    """A database at 0003 with leads: 0004 keeps every row and reference; ids are not reused."""
    url = empty_databases.new()
    engine = empty_databases.engine(url)
    migrate.upgrade_database(engine, "0003")
    kept_id = insert_legacy_rows(engine)
    with engine.begin() as connection:  # a second, newer lead of another person
        newest_id = connection.execute(
            insert(LEGACY["leads"])
            .values(
                name="Newest",
                email="n@example.com",
                consent=True,
                language="en",
                handoff=False,
                status="new",
                created_at=text("CURRENT_TIMESTAMP"),
                updated_at=text("CURRENT_TIMESTAMP"),
            )
            .returning(LEGACY["leads"].c.id)
        ).scalar_one()
    before = legacy_rows(engine)

    migrate.upgrade_database(engine)

    assert revision(engine) == migrate.head_revision()  # 0004, and the revisions after it
    assert schema_diff(engine, Base.metadata) == []
    assert legacy_rows(engine) == before  # leads, their projects, services and history
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            sql = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'leads'")
            ).scalar_one()
            assert "AUTOINCREMENT" in sql
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    with engine.begin() as connection:
        connection.execute(delete(LEGACY["leads"]).where(LEGACY["leads"].c.id == newest_id))
    app = create_app(Settings(database_url=url, api_key=API_KEY, lead_intake_key=INTAKE_KEY))
    with TestClient(app, headers=INTAKE) as client:
        new = client.post("/leads", json={"name": "New", "phone": "+7 700 1", "consent": True})
        old = client.get(f"/staff/leads/{kept_id}", headers={"X-API-Key": API_KEY}).json()
    assert new.status_code == 201, new.text
    assert new.json()["id"] > newest_id
    assert [h["to_value"] for h in old["history"]] == ["new", "contacted"]
    with engine.begin() as connection:  # the cascade to the referring rows still works
        connection.execute(delete(Lead).where(Lead.id == kept_id))
        history = LEGACY["lead_history"]
        assert connection.execute(select(history).where(history.c.lead_id == kept_id)).all() == []


def test_downgrade_from_0004_keeps_the_leads(empty_databases: EmptyDatabases) -> None:
    """Going back to 0003 keeps every row too."""
    engine = empty_databases.engine(empty_databases.new())
    migrate.upgrade_database(engine, "0003")
    insert_legacy_rows(engine)
    before = legacy_rows(engine)
    migrate.upgrade_database(engine)
    with engine.begin() as connection:
        command.downgrade(migrate.make_config(connection), "0003")
    assert revision(engine) == "0003"
    assert legacy_rows(engine) == before
