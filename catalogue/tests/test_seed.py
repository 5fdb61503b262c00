"""Seeding: idempotent, per section, never duplicating; the hub's real seed file loads."""

from __future__ import annotations

from conftest import TEST_CATALOGUE, TEST_SOURCES
from sqlalchemy import delete, func, select

from catalogue_api import cli
from catalogue_api.db import make_engine, make_session_factory
from catalogue_api.migrate import upgrade_database
from catalogue_api.models import Contact, Event, Figure, Hub, Project, ProjectSector, Service
from catalogue_api.seed import load_seed_document, seed_if_empty

MODELS = (Contact, Service, Project, ProjectSector, Hub, Figure, Event)


def counts(factory) -> dict[str, int]:
    """Rows per catalogue table."""
    with factory() as session:
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
            for m in MODELS
        }


def test_seed_document_matches_architecture() -> None:
    """The hub's seed file has the projects and contacts of docs/architecture.md."""
    document = load_seed_document()
    assert len(document.projects) == 12
    assert [c.id for c in document.contacts] == [
        "hub-development-company",
        "qingdao-sco-hr",
        "scoda-administrative-committee",
    ]
    assert all(p.investment_cny is None for p in document.projects)
    assert all(c.phone is None and c.is_placeholder for c in document.contacts)
    assert all(c.email.endswith("@example.org") for c in document.contacts if c.email)


def test_seeding_a_seeded_database_adds_nothing(db) -> None:
    """Seeding a seeded database adds nothing."""
    before = counts(db.factory)
    assert before == {
        "contacts": 3,
        "services": 5,
        "projects": 7,
        "project_sectors": 16,
        "hub": 1,
        "figures": 7,
        "events": 5,
    }
    assert seed_if_empty(db.factory, TEST_CATALOGUE, TEST_SOURCES) == {}
    assert counts(db.factory) == before


def test_only_empty_sections_are_seeded(db) -> None:
    """Only the sections whose tables are empty are seeded."""
    before = counts(db.factory)
    with db.factory() as session, session.begin():
        session.execute(delete(Figure))
        session.execute(delete(Event))
    assert seed_if_empty(db.factory, TEST_CATALOGUE, TEST_SOURCES) == {"figures": 7, "events": 5}
    assert counts(db.factory) == before


def test_fresh_sqlite_file_in_new_directory(tmp_path) -> None:
    """The hub's real seed file loads whole into a new database (whatever its content)."""
    document = load_seed_document()
    engine = make_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'fresh.db'}")
    try:
        upgrade_database(engine)
        factory = make_session_factory(engine)
        first = seed_if_empty(factory)
        assert first == {
            "contacts": len(document.contacts),
            "services": len(document.services),
            "projects": len(document.projects),
            "hub": 1,
            "figures": len(document.figures),
            "events": len(document.events),
        }
        assert seed_if_empty(factory) == {}
        assert counts(factory)["projects"] == len(document.projects)
    finally:
        engine.dispose()


def test_seed_command(tmp_path, monkeypatch, capsys) -> None:
    """``python -m catalogue_api seed``: migrates and seeds once, then finds nothing to do."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'seeded.db'}")
    assert cli.main(["seed"]) == 0
    assert f"'projects': {len(load_seed_document().projects)}" in capsys.readouterr().out
    assert cli.main(["seed"]) == 0
    assert capsys.readouterr().out.strip() == "already seeded: nothing to do"
    monkeypatch.setenv("CATALOGUE_PORT", "http")
    assert cli.main(["seed"]) == 2
    assert "CATALOGUE_PORT" in capsys.readouterr().err
