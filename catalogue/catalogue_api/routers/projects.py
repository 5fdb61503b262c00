"""Project catalogue: list, filter, search, get one."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import select

from catalogue_api import i18n, search, sources
from catalogue_api.codes import District, ProjectStatus, Sector
from catalogue_api.deps import LangDep, SessionDep, SourcesDep, public_cache_control
from catalogue_api.errors import error_responses
from catalogue_api.field_types import PROJECT_ID_RE
from catalogue_api.file_models import SourceFiles
from catalogue_api.models import Project, ProjectSector
from catalogue_api.schemas import AppliedFilter, ProjectOut, ProjectPage

router = APIRouter(tags=["projects"], dependencies=[Depends(public_cache_control)])


def project_out(project: Project, lang: str, known: SourceFiles) -> ProjectOut:
    """Render a project in ``lang``.

    Args:
        project: ORM row (sectors loaded).
        lang: Answer language.
        known: The seed files, for ``source_label``.

    Returns:
        The project as the API returns it.
    """
    sectors = [s.sector for s in project.sectors]
    return ProjectOut(
        id=project.id,
        name=i18n.pick(project, "name", lang) or project.id,
        sectors=sectors,
        sector_labels=[i18n.label("sector", s, lang) or s for s in sectors],
        district=project.district,
        district_label=(
            (i18n.label("district", project.district, lang) or project.district)
            if project.district
            else i18n.text("not_disclosed", lang)
        ),
        status=project.status,
        status_label=i18n.label("project_status", project.status, lang) or project.status,
        investment_cny=project.investment_cny,
        investment_label=i18n.investment_label(project.investment_cny, lang),
        summary=i18n.pick(project, "summary", lang),
        source=project.source,
        source_label=sources.source_label(project.source, lang, known)
        or sources.staff_source_label(project.source_date, project.source_title, lang),
    )


@router.get("/projects", responses=error_responses(422, 503))
def list_projects(
    session: SessionDep,
    lang: LangDep,
    known: SourcesDep,
    sector: Annotated[Sector | None, Query(description="Sector code")] = None,
    district: Annotated[District | None, Query(description="District code")] = None,
    status: Annotated[ProjectStatus | None, Query(description="Project status code")] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Free text matched against the project names in en, zh and ru "
            "(case-insensitive, tolerant of small typos); best matches first",
        ),
    ] = None,
    page: Annotated[int, Query(ge=1, le=10000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=50)] = 5,
) -> ProjectPage:
    """List projects, filtered by codes and optionally searched by name, one page at a time."""
    statement = select(Project).order_by(Project.position, Project.id)
    if sector is not None:
        statement = statement.where(Project.sectors.any(ProjectSector.sector == sector.value))
    if district is not None:
        statement = statement.where(Project.district == district.value)
    if status is not None:
        statement = statement.where(Project.status == status.value)
    projects = list(session.scalars(statement).all())
    if q is not None and q.strip():
        scored = []
        for index, project in enumerate(projects):
            names = [project.name_en, project.name_zh, project.name_ru, project.id]
            value = search.matches(q, names)
            if value is not None:
                scored.append((-value, index, project))
        scored.sort(key=lambda item: (item[0], item[1]))
        projects = [project for _, _, project in scored]
    start = (page - 1) * page_size
    filters: tuple[tuple[Literal["sector", "district", "status"], str, StrEnum | None], ...] = (
        ("sector", "sector", sector),
        ("district", "district", district),
        ("status", "project_status", status),
    )
    applied = [
        AppliedFilter(
            name=name, value=code.value, label=i18n.label(kind, code.value, lang) or code.value
        )
        for name, kind, code in filters
        if code is not None
    ]
    return ProjectPage(
        items=[project_out(p, lang, known) for p in projects[start : start + page_size]],
        total=len(projects),
        page=page,
        page_size=page_size,
        filters=applied,
    )


@router.get(
    "/projects/{project_id}",
    responses=error_responses(404, 422, 503, s404="No project with this id"),
)
def get_project(
    project_id: str, session: SessionDep, lang: LangDep, known: SourcesDep
) -> ProjectOut:
    """Return one project by id (404 if unknown)."""
    project = session.get(Project, project_id) if PROJECT_ID_RE.match(project_id) else None
    if project is None:
        shown = project_id if len(project_id) <= 80 else project_id[:80] + "..."
        raise HTTPException(
            status_code=404, detail=f"project {shown!r} not found; see GET /projects"
        )
    return project_out(project, lang, known)
