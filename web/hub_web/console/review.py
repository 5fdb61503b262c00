"""The console's review queue: messages that need a person, their labels, and the export."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from hub_web.console.deps import CsrfField, StaffUser, fresh_console_store, render
from hub_web.labels import payload_label
from hub_web.review.decisions import (
    CorrectionError,
    EntityRow,
    mark_out_of_scope,
    reopen,
    save_label,
    suggested_label,
)
from hub_web.review.domain import domain_lists
from hub_web.review.export import collect, nlu_yaml
from hub_web.review.queue import (
    OPEN,
    REASONS,
    QueueRules,
    ReviewItem,
    queue_counts,
    review_items,
)
from hub_web.review.summary import unanswered_this_week
from hub_web.security import check_csrf
from hub_web.staff_labels import LANGUAGE_LABELS

router = APIRouter(prefix="/console")
PAGE_SIZE = 25
#: Empty entity rows offered under the model's, to add what it missed.
EXTRA_ENTITY_ROWS = 2


def _rules(request: Request) -> QueueRules:
    settings = request.app.state.settings
    return QueueRules(
        confidence_threshold=settings.review_confidence_threshold,
        form_idle=timedelta(minutes=settings.review_form_idle_minutes),
    )


@router.get("/review", name="review_queue")
async def review_queue(
    request: Request,
    user: StaffUser,
    show: Literal["open", "done"] = OPEN,
    reason: Annotated[str, Query(max_length=32)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """List the messages that need a person (or those already reviewed), newest first."""
    if reason and reason not in REASONS:
        raise HTTPException(status_code=422, detail=f"Unknown reason {reason!r}.")
    store = await fresh_console_store(request)
    rules = _rules(request)
    items, counts, export, summary = await asyncio.gather(
        asyncio.to_thread(
            review_items,
            store.engine,
            rules,
            status=show,
            reason=reason or None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        ),
        asyncio.to_thread(queue_counts, store.engine, rules, show),
        asyncio.to_thread(collect, store.engine),
        asyncio.to_thread(unanswered_this_week, store.engine),
    )
    domain = domain_lists(request.app.state.settings.domain_dir)
    return render(
        request,
        "console/review.html",
        {
            "items": items,
            "groups": _grouped(items, reason),
            "summary": summary if show == OPEN and page == 1 and not reason else [],
            "shown": lambda text: payload_label(text or "") or text,
            "counts": counts,
            "show": show,
            "reason": reason,
            "page": page,
            "has_next": len(items) == PAGE_SIZE,
            "reasons": REASONS,
            "domain": domain,
            "suggest": lambda item: suggested_label(item.message, item.decision, domain),
            "extra_rows": EXTRA_ENTITY_ROWS,
            "languages": LANGUAGE_LABELS,
            "threshold": rules.confidence_threshold,
            "export_counts": {
                language: sum(len(examples) for examples in intents.values())
                for language, intents in sorted(export.examples.items())
            },
            "notice": request.query_params.get("notice"),
        },
    )


def _grouped(items: list[ReviewItem], reason: str) -> list[tuple[str, list[ReviewItem]]]:
    """The page's items under their first reason, in the order of :data:`REASONS`."""
    if reason or any(item.reasons[:1] not in [[name] for name in REASONS] for item in items):
        return [(reason, items)]
    return [(name, [item for item in items if item.reasons[:1] == [name]]) for name in REASONS]


def _entity_rows(types: list[str], texts: list[str], starts: list[str]) -> list[EntityRow]:
    if not len(types) == len(texts) == len(starts):
        raise HTTPException(status_code=422, detail="The entity rows are incomplete.")
    return [
        EntityRow(entity=kind, text=text, start=int(start) if start.isdigit() else None)
        for kind, text, start in zip(types, texts, starts, strict=True)
    ]


@router.post("/review/{message_id}", name="review_decide")
async def review_decide(
    request: Request,
    message_id: int,
    user: StaffUser,
    csrf: CsrfField,
    action: Annotated[Literal["save", "out_of_scope", "reopen"], Form()],
    intent: Annotated[str, Form(max_length=100)] = "",
    entity_type: Annotated[list[str], Form(max_length=50)] = [],  # noqa: B006 (FastAPI form)
    entity_text: Annotated[list[str], Form(max_length=50)] = [],  # noqa: B006
    entity_start: Annotated[list[str], Form(max_length=50)] = [],  # noqa: B006
    back: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Confirm or correct the message's intent and entities, mark it out of scope, or reopen it."""
    check_csrf(request, csrf)
    engine = request.app.state.console_store.engine
    domain = domain_lists(request.app.state.settings.domain_dir)
    try:
        if action == "save":
            rows = _entity_rows(entity_type, entity_text, entity_start)
            notice = await asyncio.to_thread(
                save_label, engine, message_id, intent, rows, domain, user
            )
        elif action == "out_of_scope":
            await asyncio.to_thread(mark_out_of_scope, engine, message_id, user)
            notice = "out_of_scope"
        else:
            await asyncio.to_thread(reopen, engine, message_id)
            notice = "reopened"
    except CorrectionError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    target = back if back.startswith("/console/review") and "//" not in back else "/console/review"
    separator = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{separator}notice={notice}", status_code=303)


@router.get("/review/export/nlu_{language}.yml", name="review_export")
async def review_export(request: Request, language: str, user: StaffUser) -> Response:
    """Download one language's labelled messages as Rasa NLU YAML."""
    export = await asyncio.to_thread(collect, request.app.state.console_store.engine)
    if language not in export.examples:
        raise HTTPException(status_code=404, detail="No corrected messages in this language.")
    content = nlu_yaml(export.examples[language], language, datetime.now(UTC))
    return Response(
        content=content,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="nlu_{language}.yml"'},
    )
