"""Staff project editor (header ``X-API-Key``): list, read, create and update projects.

Projects are sent whole in en, zh and ru; every change is logged per field with who made it
(:mod:`catalogue_api.project_edits`). The bot reads the catalogue on every question and learns
project names from ``GET /projects``, so a change reaches visitors without a restart.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import AfterValidator
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue_api.deps import SessionDep, SourcesDep, require_staff
from catalogue_api.errors import error_responses
from catalogue_api.field_types import PROJECT_ID_RE, trimmed_pattern
from catalogue_api.models import Project, utcnow
from catalogue_api.project_edits import (
    ProjectExistsError,
    SourceRequiredError,
    create_project,
    preview_row,
    staff_detail,
    staff_out,
    update_project,
)
from catalogue_api.project_schemas import (
    ProjectCreate,
    ProjectPreview,
    ProjectPreviewIn,
    ProjectStaffDetail,
    ProjectStaffList,
    ProjectUpdate,
)
from catalogue_api.routers.projects import project_out

logger = logging.getLogger("catalogue_api")

router = APIRouter(
    prefix="/staff",
    tags=["staff"],
    dependencies=[Depends(require_staff)],
    responses=error_responses(
        401,
        503,
        s503="Staff API disabled (no CATALOGUE_API_KEY set), or the database is unavailable",
    ),
)

#: The id a preview of a project not saved yet shows.
PREVIEW_ID = "new-project"

#: A project id in the path. Surrounding whitespace is ignored, as in a request body's ``id``
#: (request texts are trimmed): the id a project was created with also names it here.
ProjectIdPath = Annotated[
    str,
    Path(pattern=trimmed_pattern(PROJECT_ID_RE.pattern.strip("^$")), max_length=64),
    AfterValidator(str.strip),
]


def _get_project(session: Session, project_id: str) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise HTTPException(status_code=404, detail=f"project {project_id!r} not found")
    return project


@router.get("/projects")
def list_staff_projects(session: SessionDep, known: SourcesDep) -> ProjectStaffList:
    """List every project with its texts in en, zh and ru, in catalogue order."""
    projects = session.scalars(select(Project).order_by(Project.position, Project.id)).all()
    return ProjectStaffList(items=[staff_out(project, known) for project in projects])


@router.get(
    "/projects/{project_id}", responses=error_responses(404, 422, s404="No project with this id")
)
def get_staff_project(
    project_id: ProjectIdPath, session: SessionDep, known: SourcesDep
) -> ProjectStaffDetail:
    """Return one project with its texts in every language and its change log."""
    return staff_detail(session, _get_project(session, project_id), known)


@router.post(
    "/projects",
    status_code=201,
    responses=error_responses(400, 409, 413, 422, s409="A project with this id exists already"),
)
def create_staff_project(
    body: ProjectCreate, session: SessionDep, known: SourcesDep
) -> ProjectStaffDetail:
    """Add a project in en, zh and ru with the source of its facts; it is logged as created."""
    with session.begin():
        try:
            project = create_project(session, body, utcnow())
        except ProjectExistsError as exc:
            raise HTTPException(status_code=409, detail=str(exc)) from None
        logger.info("project %s created by staff", project.id)
        answer = staff_detail(session, project, known)
    return answer


@router.put(
    "/projects/{project_id}",
    responses=error_responses(
        400,
        404,
        409,
        413,
        422,
        s404="No project with this id",
        s409="A fact (sectors, district, status, investment) differs from the stored one and "
        "the body names no `source` for it",
    ),
)
def update_staff_project(
    project_id: ProjectIdPath, body: ProjectUpdate, session: SessionDep, known: SourcesDep
) -> ProjectStaffDetail:
    """Replace a project's texts and facts; each changed field is logged.

    A changed fact (sectors, district, status, investment) needs ``source`` (409 otherwise);
    without it the project keeps its source. Sending the same content again changes nothing.
    """
    with session.begin():
        project = _get_project(session, project_id)
        try:
            changed = update_project(session, project, body, utcnow())
        except SourceRequiredError as exc:
            raise HTTPException(status_code=409, detail=f"field 'source': {exc}") from None
        if changed:
            logger.info("project %s changed by staff: %s", project.id, changed)
        answer = staff_detail(session, project, known)
    return answer


@router.post("/project-preview", responses=error_responses(400, 413, 422))
def preview_staff_project(
    body: ProjectPreviewIn,
    session: SessionDep,
    known: SourcesDep,
    project_id: Annotated[
        str | None,
        Query(
            pattern=r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$",
            max_length=64,
            description="The stored project being edited (keeps its source); absent: a new one",
        ),
    ] = None,
) -> ProjectPreview:
    """Show a project as visitors would get it in en, zh and ru, without saving anything."""
    current = session.get(Project, project_id) if project_id else None
    row = preview_row(body, project_id or PREVIEW_ID, current)
    return ProjectPreview(**{lang: project_out(row, lang, known) for lang in ("en", "zh", "ru")})
