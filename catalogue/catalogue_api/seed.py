"""Seeding the catalogue from ``data/catalogue.yaml`` when the database is empty.

Each section (contacts, services, projects, hub, figures, events) is filled only while its table
is empty, so seeding is idempotent; primary keys make duplicates impossible even when two
processes start at once. ``python -m catalogue_api.seed`` migrates the schema and seeds.
"""

from __future__ import annotations

import logging
import sys
from functools import cache
from importlib import resources

import yaml
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from catalogue_api import loader
from catalogue_api.models import Base, Contact, Event, Figure, Hub, Project, Service

logger = logging.getLogger("catalogue_api")

SEED_RESOURCE = "data/catalogue.yaml"


@cache
def load_seed_document() -> loader.SeedDocument:
    """Read and validate the packaged seed file.

    Returns:
        The validated seed document.

    Raises:
        ValueError: If the packaged file is invalid (a packaging error).
    """
    text = resources.files("catalogue_api").joinpath(SEED_RESOURCE).read_text("utf-8")
    try:
        return loader.SeedDocument.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        raise ValueError(f"invalid seed file {SEED_RESOURCE}: {exc}") from exc


def _is_empty(session: Session, model: type[Base]) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def _seed_once(factory: sessionmaker[Session], document: loader.SeedDocument) -> dict[str, int]:
    inserted: dict[str, int] = {}
    with factory() as session, session.begin():
        if _is_empty(session, Contact):
            session.add_all(loader.contact_row(c, i) for i, c in enumerate(document.contacts))
            inserted["contacts"] = len(document.contacts)
            session.flush()
        if _is_empty(session, Service):
            session.add_all(loader.service_row(s, i) for i, s in enumerate(document.services))
            inserted["services"] = len(document.services)
        if _is_empty(session, Project):
            loader.insert_projects(session, document.projects)
            inserted["projects"] = len(document.projects)
        if _is_empty(session, Hub):
            session.add(loader.hub_row(document.hub))
            inserted["hub"] = 1
        if _is_empty(session, Figure):
            session.add_all(loader.figure_row(f, i) for i, f in enumerate(document.figures))
            inserted["figures"] = len(document.figures)
        if _is_empty(session, Event):
            session.add_all(loader.event_row(e, i) for i, e in enumerate(document.events))
            inserted["events"] = len(document.events)
    return inserted


def seed_if_empty(factory: sessionmaker[Session]) -> dict[str, int]:
    """Fill every empty catalogue table from the seed file, in one transaction.

    Args:
        factory: Session factory.

    Returns:
        Rows inserted per section (empty when everything was already seeded).
    """
    document = load_seed_document()
    try:
        inserted = _seed_once(factory, document)
    except IntegrityError:
        # Another process seeded at the same time; its rows won. Check again once.
        logger.info("seeding raced with another process; checking again")
        inserted = _seed_once(factory, document)
    if inserted:
        logger.info("seeded catalogue: %s", inserted)
    return inserted


def main() -> int:
    """Migrate the schema (``upgrade head``) and seed the database named by ``DATABASE_URL``.

    Returns:
        Process exit code.
    """
    from catalogue_api.db import make_engine, make_session_factory
    from catalogue_api.migrate import upgrade_database
    from catalogue_api.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    try:
        upgrade_database(engine)
        inserted = seed_if_empty(make_session_factory(engine))
    finally:
        engine.dispose()
    print(f"seeded: {inserted}" if inserted else "already seeded: nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
