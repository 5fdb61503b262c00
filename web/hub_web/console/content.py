"""Console content editor: the hub's services, contacts and dated facts in en, zh and ru.

The catalogue API validates and stores (``/staff/services``, ``/staff/contacts``,
``/staff/hub-facts``): a missing translation comes back as a field error shown next to its
field, never filled in from another language. "Preview" asks the catalogue how visitors would
get the item, saving nothing; "Save" stores it with its source (a document's title and date, or
the hub's staff and the date) and the signed-in user, and the console's audit log records who
changed what. The bot reads these from the catalogue, which lets its answers be reused for
`CATALOGUE_CACHE_MAX_AGE_SECONDS` (30 s by default), so answers have the change within that.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from hub_vocabulary import LANGUAGES
from hub_web.console.deps import CsrfField, StaffUser, catalogue, render
from hub_web.console.projects import changed_fields, field_errors, record_edit
from hub_web.labels import hub_zone
from hub_web.security import check_csrf
from hub_web.staff_labels import CONTENT_KINDS, FIELD_LABELS

router = APIRouter(prefix="/console")

PREVIEW, SAVE = "preview", "save"


@dataclass(frozen=True)
class Kind:
    """One kind of content: its path in the console and the staff API, and its fields."""

    slug: str
    #: The staff API's preview of a stored item (``{id}``: the item's id).
    preview: str
    #: The preview's query parameter naming the stored item, if the id is not in its path.
    id_param: str | None
    texts: tuple[str, str]
    values: tuple[str, ...]
    can_add: bool = False


KINDS = {
    kind.slug: kind
    for kind in (
        Kind(
            "services",
            "services/{id}/preview",
            None,
            ("name", "description"),
            ("provider_id",),
        ),
        Kind(
            "contacts",
            "contacts/{id}/preview",
            None,
            ("name", "description"),
            ("website", "email", "phone", "is_placeholder"),
        ),
        Kind("hub-facts", "hub-fact-preview", "fact_id", ("title", "summary"), ("date",), True),
    )
}


def _kind(slug: str) -> Kind:
    if slug not in KINDS:
        raise HTTPException(status_code=404, detail="no such content")
    return KINDS[slug]


def form_values(kind: Kind, item: dict[str, Any] | None) -> dict[str, Any]:
    """The form's fields filled from a stored item; the source defaults to hub staff, today."""
    values: dict[str, Any] = {"id": "", "source_title": ""}
    values["source_date"] = datetime.now(hub_zone()).date().isoformat()
    for stem in kind.texts:
        for lang in LANGUAGES:
            values[f"{stem}_{lang}"] = ((item or {}).get(stem) or {}).get(lang) or ""
    for name in kind.values:
        value = (item or {}).get(name)
        values[name] = bool(value) if name == "is_placeholder" else value or ""
    if item is not None:
        values["id"] = item["id"]
    return values


def parse_form(kind: Kind, form: FormData) -> dict[str, Any]:
    """The submitted form's fields, as the form shows them again."""
    values = form_values(kind, None)
    for name in values:
        values[name] = str(form.get(name) or "").strip()
    if "is_placeholder" in values:
        values["is_placeholder"] = form.get("is_placeholder") == "on"
    return values


def api_body(kind: Kind, values: dict[str, Any], user: str, *, new: bool) -> dict[str, Any]:
    """The staff API's body for the form's values (validation is the catalogue's)."""
    body: dict[str, Any] = {
        stem: {lang: values[f"{stem}_{lang}"] for lang in LANGUAGES} for stem in kind.texts
    }
    for name in kind.values:
        body[name] = values[name] if name == "is_placeholder" else values[name] or None
    body["changed_by"] = user
    body["source"] = {"title": values["source_title"] or None, "date": values["source_date"]}
    if new:
        body["id"] = values["id"]
    return body


async def _page(
    request: Request,
    kind: Kind,
    values: dict[str, Any],
    *,
    item: dict[str, Any] | None = None,
    preview: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    detail: str | None = None,
    status_code: int = 200,
) -> Response:
    providers = (
        await catalogue(request).staff_content("contacts") if kind.slug == "services" else []
    )
    return render(
        request,
        "console/content_edit.html",
        {
            "kind": kind,
            "kind_label": CONTENT_KINDS[kind.slug],
            "field_labels": FIELD_LABELS,
            "values": values,
            "item": item,
            "providers": providers,
            "preview": preview,
            "errors": errors or {},
            "detail": detail,
            "languages": LANGUAGES,
            "notice": request.query_params.get("notice"),
        },
        status_code=status_code,
    )


@router.get("/content", name="content_list")
async def content_list(request: Request, user: StaffUser) -> Response:
    """Services, contacts and hub facts, each with its name in en, zh and ru and its source."""
    client = catalogue(request)
    services, contacts, facts = await asyncio.gather(
        *(client.staff_content(slug) for slug in KINDS)
    )
    return render(
        request,
        "console/content.html",
        {"services": services, "contacts": contacts, "facts": facts, "languages": LANGUAGES},
    )


@router.get("/content/{slug}/new", name="content_new")
async def content_new(request: Request, slug: str, user: StaffUser) -> Response:
    """An empty form for a new hub fact."""
    kind = _kind(slug)
    if not kind.can_add:
        raise HTTPException(status_code=404, detail="this content cannot be added here")
    return await _page(request, kind, form_values(kind, None))


@router.get("/content/{slug}/{item_id}", name="content_edit")
async def content_edit(request: Request, slug: str, item_id: str, user: StaffUser) -> Response:
    """The form of a stored item, its preview as visitors get it, and its change log."""
    kind = _kind(slug)
    client = catalogue(request)
    item = await client.staff_content_item(kind.slug, item_id)
    values = form_values(kind, item)
    body = api_body(kind, values, user, new=False)
    del body["source"]  # the preview of the stored item keeps its stored source
    preview, _errors, _detail = await client.write_content(
        kind.slug, body, item_id, preview=kind.preview, id_param=kind.id_param
    )
    return await _page(request, kind, values, item=item, preview=preview)


async def _submit(request: Request, user: str, kind: Kind, item_id: str | None) -> Response:
    form = await request.form()
    values = parse_form(kind, form)
    client = catalogue(request)
    item = await client.staff_content_item(kind.slug, item_id) if item_id else None
    if item is not None:
        values["id"] = item["id"]
    body = api_body(kind, values, user, new=item_id is None)
    shown = {name: value for name, value in body.items() if name != "id"}
    preview, errors, detail = await client.write_content(
        kind.slug, shown, item_id, preview=kind.preview, id_param=kind.id_param
    )
    if errors or detail or form.get("action") == PREVIEW:
        return await _page(
            request,
            kind,
            values,
            item=item,
            preview=preview,
            errors=field_errors(errors),
            detail=detail,
            status_code=422 if errors else 200,
        )
    saved, errors, detail = await client.write_content(kind.slug, body, item_id)
    if saved is None:
        return await _page(
            request,
            kind,
            values,
            item=item,
            preview=preview,
            errors=field_errors(errors),
            detail=detail,
            status_code=422,
        )
    name = ((saved.get(kind.texts[0]) or {}).get("en")) or saved["id"]
    await asyncio.to_thread(
        record_edit, request, user, kind.slug, saved["id"], name, changed_fields(item, saved)
    )
    target = request.url_for("content_edit", slug=kind.slug, item_id=saved["id"])
    return RedirectResponse(target.include_query_params(notice="saved"), status_code=303)


@router.post("/content/{slug}/new", name="content_create")
async def content_create(request: Request, slug: str, user: StaffUser, csrf: CsrfField) -> Response:
    """Preview or add a hub fact (the catalogue validates it)."""
    check_csrf(request, csrf)
    kind = _kind(slug)
    if not kind.can_add:
        raise HTTPException(status_code=404, detail="this content cannot be added here")
    return await _submit(request, user, kind, None)


@router.post("/content/{slug}/{item_id}", name="content_update")
async def content_update(
    request: Request, slug: str, item_id: str, user: StaffUser, csrf: CsrfField
) -> Response:
    """Preview or save a stored item's new content."""
    check_csrf(request, csrf)
    return await _submit(request, user, _kind(slug), item_id)
