"""Console project editor: the project list, and a form with en, zh and ru side by side.

The catalogue API validates and stores (``/staff/projects``): a missing translation comes back
as a field error shown next to the field, never filled in from another language. "Preview"
asks the catalogue how visitors would get the project (``/staff/project-preview``) without
saving; "Save" creates or updates it, and the catalogue logs who changed which field. The bot
learns a new name from the catalogue within a minute (``bot/entities/catalogue_names.py``).
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from hub_vocabulary import DISTRICTS, LANGUAGES, PROJECT_STATUSES, SECTORS
from hub_web.console.deps import CsrfField, StaffUser, catalogue, render
from hub_web.console.privacy import personal_data
from hub_web.labels import hub_zone, humanise
from hub_web.security import check_csrf
from hub_web.staff_labels import content_change_detail

router = APIRouter(prefix="/console")

#: The form's text fields per language (``name_en``, ``summary_zh``, ...).
TEXT_FIELDS = ("name", "summary")
#: The form's action buttons.
PREVIEW, SAVE = "preview", "save"
#: The audit log's action for a change staff save to the hub's content.
EDIT = "edit"


def form_values(project: dict[str, Any] | None) -> dict[str, Any]:
    """The form's fields filled from a stored project (``GET /staff/projects/{id}``)."""
    values: dict[str, Any] = {
        "id": "",
        "sectors": [],
        "district": "",
        "status": "",
        "investment_cny": "",
        "source_title": "",
        "source_date": "",
    }
    for field in TEXT_FIELDS:
        for lang in LANGUAGES:
            values[f"{field}_{lang}"] = ""
    if project is None:
        values["source_date"] = datetime.now(hub_zone()).date().isoformat()
        return values
    for field in TEXT_FIELDS:
        for lang in LANGUAGES:
            values[f"{field}_{lang}"] = (project.get(field) or {}).get(lang) or ""
    investment = project.get("investment_cny")
    values.update(
        id=project["id"],
        sectors=list(project.get("sectors") or []),
        district=project.get("district") or "",
        status=project.get("status") or "",
        investment_cny="" if investment is None else f"{investment:g}",
    )
    return values


def parse_form(form: FormData) -> dict[str, Any]:
    """The submitted form's fields, as the form shows them again."""
    values = form_values(None)
    for name in values:
        if name != "sectors":
            values[name] = str(form.get(name) or "").strip()
    values["sectors"] = [str(v) for v in form.getlist("sectors")]
    return values


def api_body(values: dict[str, Any], user: str, *, new: bool) -> dict[str, Any]:
    """The staff API's body for the form's values (validation is the catalogue's)."""
    body: dict[str, Any] = {
        field: {lang: values[f"{field}_{lang}"] for lang in LANGUAGES} for field in TEXT_FIELDS
    }
    investment: Any = values["investment_cny"].replace(",", "").replace(" ", "") or None
    if investment is not None:
        # Not a number: sent as typed, and the catalogue names the field in its error.
        with suppress(ValueError):
            investment = float(investment)
    body.update(
        sectors=values["sectors"],
        district=values["district"] or None,
        status=values["status"],
        investment_cny=investment,
        changed_by=user,
    )
    if new:
        body["id"] = values["id"]
    if values["source_date"] or values["source_title"]:
        body["source"] = {"title": values["source_title"] or None, "date": values["source_date"]}
    return body


def field_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Map the catalogue's field errors (``loc`` ``["body", "name", "zh"]``) to form fields."""
    by_field: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc") or []]
        if loc[:1] == ["body"]:
            loc = loc[1:]
        name = "_".join(part for part in loc[:2] if not part.isdigit()) or "form"
        by_field.setdefault(name, []).append(str(error.get("msg") or "invalid"))
    return by_field


def _page(
    request: Request,
    values: dict[str, Any],
    *,
    project: dict[str, Any] | None = None,
    preview: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    detail: str | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "console/project_edit.html",
        {
            "values": values,
            "project": project,
            "preview": preview,
            "errors": errors or {},
            "detail": detail,
            "languages": LANGUAGES,
            "sectors": SECTORS,
            "districts": DISTRICTS,
            "statuses": PROJECT_STATUSES,
            "humanise": humanise,
            "notice": request.query_params.get("notice"),
        },
        status_code=status_code,
    )


@router.get("/projects", name="project_list")
async def project_list(request: Request, user: StaffUser) -> Response:
    """List every project with its name in en, zh and ru."""
    projects = await catalogue(request).staff_projects()
    return render(request, "console/projects.html", {"projects": projects, "languages": LANGUAGES})


@router.get("/projects/new", name="project_new")
async def project_new(request: Request, user: StaffUser) -> Response:
    """An empty form for a new project."""
    return _page(request, form_values(None))


@router.get("/projects/{project_id}", name="project_edit")
async def project_edit(request: Request, project_id: str, user: StaffUser) -> Response:
    """The form of a stored project, its preview as visitors get it, and its change log."""
    project = await catalogue(request).staff_project(project_id)
    values = form_values(project)
    preview, _errors, _detail = await catalogue(request).write_project(
        api_body(values, user, new=False), project_id, preview=True
    )
    return _page(request, values, project=project, preview=preview)


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    """The fields of the changes a save added to the item's log."""
    known = len((before or {}).get("history") or [])
    return [str(change["field"]) for change in (after.get("history") or [])[known:]]


def record_edit(
    request: Request, user: str, what: str, item_id: str, name: str, fields: list[str]
) -> None:
    """Add one row to the console's audit log: who changed which fields of which item."""
    if fields:
        detail = content_change_detail(what, item_id, name, fields)
        personal_data(request).audit_log.record(user, EDIT, "done", detail=detail)


async def _submit(request: Request, user: str, project_id: str | None) -> Response:
    form = await request.form()
    values = parse_form(form)
    client = catalogue(request)
    project = await client.staff_project(project_id) if project_id else None
    if project is not None:
        values["id"] = project["id"]
    body = api_body(values, user, new=project_id is None)
    action = str(form.get("action") or SAVE)
    shown = {name: value for name, value in body.items() if name != "id"}
    preview, errors, detail = await client.write_project(shown, project_id, preview=True)
    if errors or detail or action == PREVIEW:
        status = 422 if errors or detail else 200
        return _page(
            request,
            values,
            project=project,
            preview=preview,
            errors=field_errors(errors),
            detail=detail,
            status_code=status,
        )
    saved, errors, detail = await client.write_project(body, project_id)
    if saved is None:
        return _page(
            request,
            values,
            project=project,
            preview=preview,
            errors=field_errors(errors),
            detail=detail,
            status_code=422,
        )
    name = (saved.get("name") or {}).get("en") or saved["id"]
    fields = changed_fields(project, saved)
    await asyncio.to_thread(record_edit, request, user, "projects", saved["id"], name, fields)
    target = request.url_for("project_edit", project_id=saved["id"])
    return RedirectResponse(target.include_query_params(notice="saved"), status_code=303)


@router.post("/projects/new", name="project_create")
async def project_create(request: Request, user: StaffUser, csrf: CsrfField) -> Response:
    """Preview or create a project (the catalogue validates it)."""
    check_csrf(request, csrf)
    return await _submit(request, user, None)


@router.post("/projects/{project_id}", name="project_update")
async def project_update(
    request: Request, project_id: str, user: StaffUser, csrf: CsrfField
) -> Response:
    """Preview or save a stored project's new content."""
    check_csrf(request, csrf)
    return await _submit(request, user, project_id)
