"""Writing validated catalogue entries: their ORM rows, and replacing the project catalogue.

The replacement runs in one transaction, so a failed write leaves the old catalogue in place.
Leads keep their project ids as plain strings: ids that leads mention but the new catalogue
lacks are reported, and the leads are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from catalogue_api.file_models import (
    ContactIn,
    EventIn,
    FigureIn,
    HubIn,
    LongTranslated,
    ProjectIn,
    ServiceIn,
    Translated,
)
from catalogue_api.models import (
    Contact,
    Event,
    Figure,
    Hub,
    LeadProject,
    Project,
    ProjectSector,
    Service,
)
from hub_vocabulary import LANGUAGES


def _texts(prefix: str, value: Translated | LongTranslated | None) -> dict[str, str | None]:
    return {
        f"{prefix}_{lang}": (getattr(value, lang) if value is not None else None) or None
        for lang in LANGUAGES
    }


def project_row(project: ProjectIn, position: int) -> Project:
    """Build the ORM row (with its sectors) of a validated project."""
    row = Project(
        id=project.id,
        position=position,
        district=project.district.value if project.district else None,
        status=project.status.value,
        investment_cny=project.investment_cny,
        source=project.source,
        **_texts("name", project.name),
        **_texts("summary", project.summary),
    )
    row.sectors = [
        ProjectSector(sector=sector.value, position=index)
        for index, sector in enumerate(project.sectors)
    ]
    return row


def contact_row(contact: ContactIn, position: int) -> Contact:
    """Build the ORM row of a validated contact."""
    return Contact(
        id=contact.id,
        position=position,
        website=contact.website,
        email=contact.email,
        phone=contact.phone,
        is_placeholder=contact.is_placeholder,
        source=contact.source,
        **_texts("name", contact.name),
        **_texts("description", contact.description),
    )


def service_row(service: ServiceIn, position: int) -> Service:
    """Build the ORM row of a validated service."""
    return Service(
        id=service.id,
        position=position,
        type=service.type.value,
        provider_id=service.provider_id,
        source=service.source,
        **_texts("name", service.name),
        **_texts("description", service.description),
    )


def hub_row(hub: HubIn) -> Hub:
    """Build the ORM row of the hub."""
    return Hub(
        id=1, source=hub.source, **_texts("name", hub.name), **_texts("summary", hub.summary)
    )


def figure_row(figure: FigureIn, position: int) -> Figure:
    """Build the ORM row of a validated figure."""
    return Figure(
        key=figure.key,
        position=position,
        value=figure.value,
        unit=figure.unit,
        qualifier=figure.qualifier,
        source=figure.source,
        **_texts("label", figure.label),
    )


def event_row(event: EventIn, position: int) -> Event:
    """Build the ORM row of a validated event."""
    return Event(
        id=event.id,
        position=position,
        date=event.date,
        source=event.source,
        **_texts("title", event.title),
        **_texts("summary", event.summary),
    )


@dataclass(frozen=True)
class ReplaceResult:
    """Outcome of a catalogue replacement.

    Attributes:
        previous: Number of projects before.
        loaded: Number of projects now.
        orphaned_lead_projects: Project ids that stored leads mention but the new catalogue
            lacks (the leads keep them as plain strings).
    """

    previous: int
    loaded: int
    orphaned_lead_projects: list[str]


def insert_projects(session: Session, projects: list[ProjectIn]) -> None:
    """Add validated projects to ``session`` (no commit).

    Args:
        session: An open session inside a transaction.
        projects: Validated projects, in catalogue order.
    """
    session.add_all(project_row(project, index) for index, project in enumerate(projects))


def replace_projects(factory: sessionmaker[Session], projects: list[ProjectIn]) -> ReplaceResult:
    """Replace the whole project catalogue in one transaction.

    Args:
        factory: Session factory.
        projects: Validated projects (at least one).

    Returns:
        Counts and the lead project ids that the new catalogue no longer has.

    Raises:
        ValueError: If ``projects`` is empty.
        sqlalchemy.exc.SQLAlchemyError: If the write fails; nothing is changed then.
    """
    if not projects:
        raise ValueError("refusing to replace the catalogue with no projects")
    with factory() as session, session.begin():
        previous = session.scalar(select(func.count()).select_from(Project)) or 0
        session.execute(delete(ProjectSector))
        session.execute(delete(Project))
        insert_projects(session, projects)
        session.flush()
        referenced = set(session.scalars(select(LeadProject.project_id).distinct()))
        orphans = sorted(referenced - {project.id for project in projects})
    return ReplaceResult(previous=previous, loaded=len(projects), orphaned_lead_projects=orphans)
