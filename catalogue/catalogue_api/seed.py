"""Seeding the catalogue from ``data/catalogue.yaml`` when the database is empty.

Each section (contacts, services, projects, hub, figures, events) is filled only while its table
is empty, so seeding is idempotent; primary keys make duplicates impossible even when two
processes start at once. ``python -m catalogue_api seed`` migrates the schema and seeds.

Every ``source`` of the seed file must name seed files listed in ``data/sources.yaml`` (see
:mod:`catalogue_api.sources`); projects, figures and events must name one.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources

import yaml
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from catalogue_api.catalogue_writes import (
    contact_row,
    event_row,
    figure_row,
    hub_row,
    insert_projects,
    service_row,
)
from catalogue_api.file_models import SeedDocument, SourceFiles
from catalogue_api.models import Base, Contact, Event, Figure, Hub, Project, Service
from catalogue_api.sources import load_sources, source_problem

logger = logging.getLogger("catalogue_api")

SEED_RESOURCE = "data/catalogue.yaml"
#: Sections whose every entry states facts, so must name the seed file(s) they come from.
SOURCED_SECTIONS = ("projects", "figures", "events")


def source_errors(document: SeedDocument, sources: SourceFiles) -> list[str]:
    """List the seed document's ``source`` fields that are missing or name unknown files.

    Args:
        document: A validated seed document.
        sources: The known seed files.

    Returns:
        One message per bad field, naming the entry (empty when all are right).
    """
    entries: list[tuple[str, str | None, bool]] = [("hub", document.hub.source, False)]
    for section in ("contacts", "services", *SOURCED_SECTIONS):
        for index, entry in enumerate(getattr(document, section)):
            name = entry.key if section == "figures" else entry.id
            required = section in SOURCED_SECTIONS
            entries.append((f"{section}[{index}] ({name})", entry.source, required))
    errors = []
    for where, source, required in entries:
        if source is None:
            if required:
                errors.append(f"{where}: field 'source': missing; name the seed file(s)")
            continue
        problem = source_problem(source, sources)
        if problem:
            errors.append(f"{where}: field 'source': {problem}")
    return errors


def check_sources(document: SeedDocument, sources: SourceFiles, what: str) -> None:
    """Refuse a seed document with a missing or unknown ``source`` (see :func:`source_errors`).

    Args:
        document: A validated seed document.
        sources: The known seed files.
        what: Start of the error message, e.g. ``invalid seed file data/catalogue.yaml``.

    Raises:
        ValueError: Listing every bad ``source`` field.
    """
    errors = source_errors(document, sources)
    if errors:
        raise ValueError(f"{what}: " + "; ".join(errors))


def parse_seed_document(text: str, source: str, sources: SourceFiles | None = None) -> SeedDocument:
    """Validate a whole seed file: hub, contacts, services, projects, figures and events.

    Args:
        text: The YAML text.
        source: What to call the file in errors.
        sources: The seed files its ``source`` fields may name; the packaged
            ``data/sources.yaml`` when omitted.

    Returns:
        The validated seed document.

    Raises:
        ValueError: If the file is invalid, or a ``source`` is missing or names an unknown file.
    """
    try:
        document = SeedDocument.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        raise ValueError(f"invalid seed file {source}: {exc}") from exc
    known = load_sources() if sources is None else sources
    check_sources(document, known, f"invalid seed file {source}")
    return document


@cache
def load_seed_document() -> SeedDocument:
    """Read and validate the packaged seed file (the hub's catalogue).

    Returns:
        The validated seed document.

    Raises:
        ValueError: If the packaged file is invalid (a packaging error).
    """
    text = resources.files("catalogue_api").joinpath(SEED_RESOURCE).read_text("utf-8")
    return parse_seed_document(text, SEED_RESOURCE)


def _is_empty(session: Session, model: type[Base]) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def _seed_once(factory: sessionmaker[Session], document: SeedDocument) -> dict[str, int]:
    inserted: dict[str, int] = {}
    with factory() as session, session.begin():
        if _is_empty(session, Contact):
            session.add_all(contact_row(c, i) for i, c in enumerate(document.contacts))
            inserted["contacts"] = len(document.contacts)
            session.flush()
        if _is_empty(session, Service):
            session.add_all(service_row(s, i) for i, s in enumerate(document.services))
            inserted["services"] = len(document.services)
        if _is_empty(session, Project):
            insert_projects(session, document.projects)
            inserted["projects"] = len(document.projects)
        if _is_empty(session, Hub):
            session.add(hub_row(document.hub))
            inserted["hub"] = 1
        if _is_empty(session, Figure):
            session.add_all(figure_row(f, i) for i, f in enumerate(document.figures))
            inserted["figures"] = len(document.figures)
        if _is_empty(session, Event):
            session.add_all(event_row(e, i) for i, e in enumerate(document.events))
            inserted["events"] = len(document.events)
    return inserted


def seed_if_empty(
    factory: sessionmaker[Session],
    document: SeedDocument | None = None,
    sources: SourceFiles | None = None,
) -> dict[str, int]:
    """Fill every empty catalogue table from the seed file, in one transaction.

    The document's ``source`` fields are checked against ``sources`` first, also when every
    table is seeded already, so a service never starts with sources it cannot label.

    Args:
        factory: Session factory.
        document: What to seed; the packaged seed file when omitted.
        sources: The seed files ``source`` fields may name; the packaged list when omitted.

    Returns:
        Rows inserted per section (empty when everything was already seeded).

    Raises:
        ValueError: If a ``source`` of the document is missing or names an unknown file.
    """
    document = document or load_seed_document()
    known = load_sources() if sources is None else sources
    check_sources(document, known, "invalid seed catalogue")
    try:
        inserted = _seed_once(factory, document)
    except IntegrityError:
        # Another process seeded at the same time; its rows won. Check again once.
        logger.info("seeding raced with another process; checking again")
        inserted = _seed_once(factory, document)
    if inserted:
        logger.info("seeded catalogue: %s", inserted)
    return inserted
