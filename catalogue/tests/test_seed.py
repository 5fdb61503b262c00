"""Seeding: idempotent, per section, never duplicating."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from catalogue_api.db import create_tables, make_engine, make_session_factory
from catalogue_api.models import Contact, Event, Figure, Hub, Project, ProjectSector, Service
from catalogue_api.seed import load_seed_document, seed_if_empty

MODELS = (Contact, Service, Project, ProjectSector, Hub, Figure, Event)


def counts(factory) -> dict[str, int]:
    with factory() as session:
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
            for m in MODELS
        }


def test_seed_document_matches_architecture() -> None:
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
    before = counts(db.factory)
    assert before == {
        "contacts": 3,
        "services": 11,
        "projects": 12,
        "project_sectors": 23,
        "hub": 1,
        "figures": 16,
        "events": 5,
    }
    assert seed_if_empty(db.factory) == {}
    assert counts(db.factory) == before


def test_only_empty_sections_are_seeded(db) -> None:
    before = counts(db.factory)
    with db.factory() as session, session.begin():
        session.execute(delete(Figure))
        session.execute(delete(Event))
    assert seed_if_empty(db.factory) == {"figures": 16, "events": 5}
    assert counts(db.factory) == before


def test_fresh_sqlite_file_in_new_directory(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'fresh.db'}")
    try:
        create_tables(engine)
        factory = make_session_factory(engine)
        first = seed_if_empty(factory)
        assert first == {
            "contacts": 3,
            "services": 11,
            "projects": 12,
            "hub": 1,
            "figures": 16,
            "events": 5,
        }
        assert seed_if_empty(factory) == {}
        assert counts(factory)["projects"] == 12
    finally:
        engine.dispose()
