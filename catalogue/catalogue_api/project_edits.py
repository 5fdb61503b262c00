"""Staff edits of projects: create and update a project, and log every change.

Every field staff change is recorded in ``project_changes`` (who, when, from what to what):
the catalogue is where projects are written, so its log holds every change whoever sends it
(the console, a script). A fact (sectors, district, status, investment) changes only with a
source, so a seed project's press release never vouches for a figure staff typed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue_api import sources
from catalogue_api.file_models import SourceFiles
from catalogue_api.lead_service import as_utc
from catalogue_api.models import Project, ProjectChange, ProjectSector
from catalogue_api.project_schemas import (
    FACT_FIELDS,
    ProjectBase,
    ProjectChangeOut,
    ProjectCreate,
    ProjectPreviewIn,
    ProjectStaffDetail,
    ProjectStaffOut,
    ProjectUpdate,
    StaffSource,
    Texts,
)
from hub_vocabulary import LANGUAGES

#: Separates the sector codes of ``sectors`` in the change log.
SECTOR_SEPARATOR = ", "


class ProjectExistsError(Exception):
    """A project with this id exists already."""


class SourceRequiredError(Exception):
    """A fact changes but the update names no source for it."""


def _texts(project: Project, stem: str) -> Texts:
    return Texts(**{lang: getattr(project, f"{stem}_{lang}") for lang in LANGUAGES})


def staff_out(project: Project, known: SourceFiles) -> ProjectStaffOut:
    """Render a project with its texts in every language, for the staff editor.

    Args:
        project: ORM row (sectors loaded).
        known: The seed files, for ``source_label``.

    Returns:
        The project as the staff API returns it (``source_label`` in English).
    """
    return ProjectStaffOut(
        id=project.id,
        name=_texts(project, "name"),
        summary=_texts(project, "summary"),
        sectors=[s.sector for s in project.sectors],
        district=project.district,
        status=project.status,
        investment_cny=project.investment_cny,
        source=project.source,
        source_date=project.source_date,
        source_title=project.source_title,
        source_label=sources.source_label(project.source, "en", known)
        or sources.staff_source_label(project.source_date, project.source_title, "en"),
    )


def staff_detail(session: Session, project: Project, known: SourceFiles) -> ProjectStaffDetail:
    """Render a project with its change log, oldest change first."""
    changes = session.scalars(
        select(ProjectChange)
        .where(ProjectChange.project_id == project.id)
        .order_by(ProjectChange.id)
    ).all()
    history = [
        ProjectChangeOut(
            changed_at=as_utc(c.changed_at),
            changed_by=c.changed_by,
            field=c.field,
            from_value=c.from_value,
            to_value=c.to_value,
        )
        for c in changes
    ]
    return ProjectStaffDetail(**staff_out(project, known).model_dump(), history=history)


def _snapshot(project: Project) -> dict[str, str | None]:
    """The project's editable fields as strings, keyed by the change log's field names."""
    values: dict[str, str | None] = {}
    for stem in ("name", "summary"):
        for lang in LANGUAGES:
            values[f"{stem}.{lang}"] = getattr(project, f"{stem}_{lang}")
    values["sectors"] = SECTOR_SEPARATOR.join(s.sector for s in project.sectors)
    values["district"] = project.district
    values["status"] = project.status
    values["investment_cny"] = (
        None if project.investment_cny is None else repr(project.investment_cny)
    )
    values["source"] = project.source
    values["source_date"] = project.source_date.isoformat() if project.source_date else None
    values["source_title"] = project.source_title
    return values


def _apply(project: Project, body: ProjectBase, source: StaffSource | None) -> None:
    """Write the body's content (and a new staff source, if given) into the row."""
    for lang in LANGUAGES:
        setattr(project, f"name_{lang}", getattr(body.name, lang))
        setattr(project, f"summary_{lang}", getattr(body.summary, lang))
    wanted = [sector.value for sector in body.sectors]
    if [s.sector for s in project.sectors] != wanted:
        project.sectors = [
            ProjectSector(sector=sector, position=index) for index, sector in enumerate(wanted)
        ]
    project.district = body.district.value if body.district else None
    project.status = body.status.value
    project.investment_cny = body.investment_cny
    if source is not None:
        project.source = None
        project.source_date = source.date
        project.source_title = source.title


def _log(
    session: Session,
    project_id: str,
    before: dict[str, str | None],
    after: dict[str, str | None],
    who: str,
    now: datetime,
) -> list[str]:
    changed = [name for name, value in after.items() if before.get(name) != value]
    session.add_all(
        ProjectChange(
            project_id=project_id,
            changed_at=now,
            changed_by=who,
            field=name,
            from_value=before.get(name),
            to_value=after[name],
        )
        for name in changed
    )
    return changed


def create_project(session: Session, body: ProjectCreate, now: datetime) -> Project:
    """Add a new project at the end of the catalogue and log its fields (no commit).

    Args:
        session: An open session inside a transaction.
        body: The validated project.
        now: The time of the change.

    Returns:
        The new row.

    Raises:
        ProjectExistsError: If a project has this id.
    """
    if session.get(Project, body.id) is not None:
        raise ProjectExistsError(f"project {body.id!r} exists already; update it with PUT")
    position = (session.scalar(select(func.max(Project.position))) or 0) + 1
    project = Project(id=body.id, position=position, sectors=[])
    _apply(project, body, body.source)
    session.add(project)
    session.flush()
    _log(session, project.id, {}, _snapshot(project), body.changed_by, now)
    return project


def preview_row(body: ProjectPreviewIn, project_id: str, current: Project | None) -> Project:
    """A detached row holding the body's content, for showing it unsaved.

    Args:
        body: The content as the editor holds it.
        project_id: The id to show.
        current: The stored project, whose source stays when the body names none.

    Returns:
        A row that is not added to any session.
    """
    row = Project(id=project_id, position=0, sectors=[])
    if current is not None:
        row.source = current.source
        row.source_date = current.source_date
        row.source_title = current.source_title
    _apply(row, body, body.source)
    return row


def update_project(
    session: Session, project: Project, body: ProjectUpdate, now: datetime
) -> list[str]:
    """Change a project to the body's content and log each changed field (no commit).

    Args:
        session: An open session inside a transaction.
        project: The row to change (sectors loaded).
        body: The validated new content.
        now: The time of the change.

    Returns:
        The names of the changed fields (empty: nothing changed).

    Raises:
        SourceRequiredError: If a fact changes and ``body.source`` is missing.
    """
    before = _snapshot(project)
    _apply(project, body, body.source)
    session.flush()
    after = _snapshot(project)
    facts_changed = [name for name in FACT_FIELDS if before[name] != after[name]]
    if facts_changed and body.source is None:
        raise SourceRequiredError(
            f"{', '.join(facts_changed)} changed: give the source of the new facts "
            "(a document's title and date, or the date alone for the hub's staff)"
        )
    return _log(session, project.id, before, after, body.changed_by, now)
