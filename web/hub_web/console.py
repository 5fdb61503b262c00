"""Staff console: sign-in, leads, live handoff and charts, plus its JSON API.

Every route except sign-in depends on :func:`require_staff`, so nothing here is reachable
without a staff session (pages redirect to sign-in, ``/console/api/`` answers 401).
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hub_web.leads import (
    LANGUAGE_LABELS,
    LEAD_STATUSES,
    NEXT_STATUSES,
    SERVICE_TYPES,
    assignee_label,
    assignment_choices,
    leads_by_country,
    leads_by_interest,
    leads_per_week,
    transcript_from_events,
)
from hub_web.leads import chart as chart_data
from hub_web.security import (
    SESSION_USER_KEY,
    check_csrf,
    csrf_token,
    require_staff,
    safe_next_path,
    signed_in_user,
)
from hub_web.tracker_stats import conversations_per_language
from hub_web.upstream import CatalogueClient, RasaClient, UpstreamError, clean_lead_filters

router = APIRouter(prefix="/console")
StaffUser = Annotated[str, Depends(require_staff)]
CsrfField = Annotated[str, Form(alias="csrf_token")]
MAX_REPLY_CHARS = 2000
TRANSCRIPT_LIMIT = 200


def _catalogue(request: Request) -> CatalogueClient:
    return request.app.state.catalogue


def _rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


def _render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    base = {
        "staff_user": signed_in_user(request),
        "csrf_token": csrf_token(request),
        "assignee_label": assignee_label,
    }
    return request.app.state.templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )


def _upstream_failure(error: UpstreamError) -> HTTPException:
    """Map an upstream failure onto the status staff should see."""
    if error.status_code == 404:
        return HTTPException(status_code=404, detail=error.detail)
    if error.status_code in {409, 422}:
        return HTTPException(status_code=error.status_code, detail=error.detail)
    return HTTPException(
        status_code=502, detail=f"The {error.service} service failed: {error.detail}"
    )


def _client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# --- sign-in ------------------------------------------------------------------------------


@router.get("/login", name="login_form")
async def login_form(request: Request, next: str | None = None) -> Response:  # noqa: A002
    """Show the sign-in form (or a notice that sign-in is disabled)."""
    if signed_in_user(request):
        return RedirectResponse(safe_next_path(next), status_code=303)
    return _render(
        request,
        "console/login.html",
        {
            "next_path": safe_next_path(next),
            "error": None,
            "disabled_reason": request.app.state.sign_in_disabled_reason,
        },
    )


@router.post("/login", name="login")
async def login(
    request: Request,
    csrf: CsrfField,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next_path: Annotated[str, Form(alias="next", max_length=2000)] = "",
) -> Response:
    """Check the credentials and start a staff session."""
    check_csrf(request, csrf)
    disabled_reason = request.app.state.sign_in_disabled_reason
    context = {"next_path": safe_next_path(next_path), "disabled_reason": disabled_reason}
    if disabled_reason:
        return _render(
            request, "console/login.html", {**context, "error": disabled_reason}, status_code=503
        )
    throttle = request.app.state.sign_in_throttle
    client = _client_key(request)
    if throttle.is_blocked(client):
        return _render(
            request,
            "console/login.html",
            {**context, "error": "Too many failed attempts. Wait a few minutes."},
            status_code=429,
        )
    directory = request.app.state.staff_directory
    username = username.strip()
    if not directory.verify(username, password):
        throttle.record_failure(client)
        return _render(
            request,
            "console/login.html",
            {**context, "error": "Wrong user name or password."},
            status_code=401,
        )
    throttle.reset(client)
    request.session.clear()
    request.session[SESSION_USER_KEY] = username
    csrf_token(request)
    return RedirectResponse(safe_next_path(next_path), status_code=303)


@router.post("/logout", name="logout")
async def logout(request: Request, csrf: CsrfField) -> Response:
    """End the staff session."""
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse(request.url_for("login_form"), status_code=303)


@router.get("", include_in_schema=False)
@router.get("/", name="console_home")
async def console_home(request: Request, user: StaffUser) -> Response:
    """Send staff to the lead list."""
    return RedirectResponse(request.url_for("lead_list"), status_code=303)


# --- leads --------------------------------------------------------------------------------


@router.get("/leads", name="lead_list")
async def lead_list(request: Request, user: StaffUser) -> Response:
    """List leads with filters."""
    filters = clean_lead_filters(request.query_params)
    catalogue = _catalogue(request)
    try:
        leads = await catalogue.all_leads(filters)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    return _render(
        request,
        "console/leads.html",
        {
            "leads": leads,
            "project_names": await catalogue.project_names(),
            "filters": filters,
            "export_query": request.url.query,
            "statuses": LEAD_STATUSES,
            "languages": LANGUAGE_LABELS,
            "service_types": SERVICE_TYPES,
        },
    )


@router.get("/leads.csv", name="lead_csv")
async def lead_csv(request: Request, user: StaffUser) -> Response:
    """Download the catalogue's CSV export with the same filters as the list."""
    filters = clean_lead_filters(request.query_params)
    try:
        upstream = await _catalogue(request).export_leads_csv(filters)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    disposition = upstream.headers.get("content-disposition", 'attachment; filename="leads.csv"')
    return Response(
        content=upstream.content,
        media_type=upstream.headers.get("content-type", "text/csv; charset=utf-8"),
        headers={"Content-Disposition": disposition},
    )


@router.get("/leads/{lead_id}", name="lead_detail")
async def lead_detail(request: Request, lead_id: int, user: StaffUser) -> Response:
    """Show one lead, its history and the forms to assign it and move its status."""
    catalogue = _catalogue(request)
    try:
        lead = await catalogue.get_lead(lead_id)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    return _render(
        request,
        "console/lead.html",
        {
            "lead": lead,
            "project_names": await catalogue.project_names(),
            "next_statuses": NEXT_STATUSES.get(lead.get("status", ""), ()),
            "assignment_choices": assignment_choices(request.app.state.staff_directory.usernames),
            "languages": LANGUAGE_LABELS,
            "notice": request.query_params.get("notice"),
        },
    )


async def _update_lead(request: Request, lead_id: int, changes: dict[str, Any]) -> Response:
    try:
        await _catalogue(request).update_lead(lead_id, changes)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    target = request.url_for("lead_detail", lead_id=lead_id).include_query_params(notice="saved")
    return RedirectResponse(target, status_code=303)


@router.post("/leads/{lead_id}/status", name="lead_status")
async def lead_status(
    request: Request,
    lead_id: int,
    user: StaffUser,
    csrf: CsrfField,
    status: Annotated[str, Form()],
) -> Response:
    """Move a lead to its next status, recording who did it."""
    check_csrf(request, csrf)
    if status not in LEAD_STATUSES:
        raise HTTPException(status_code=422, detail=f"Unknown status {status!r}.")
    return await _update_lead(request, lead_id, {"status": status, "changed_by": user})


@router.post("/leads/{lead_id}/assign", name="lead_assign")
async def lead_assign(
    request: Request,
    lead_id: int,
    user: StaffUser,
    csrf: CsrfField,
    assigned_to: Annotated[str, Form()] = "",
) -> Response:
    """Assign a lead to a colleague or a team (empty unassigns), recording who did it."""
    check_csrf(request, csrf)
    choices = assignment_choices(request.app.state.staff_directory.usernames)
    allowed = {value for value, _ in choices}
    if assigned_to and assigned_to not in allowed:
        raise HTTPException(status_code=422, detail="Choose a colleague or a team from the list.")
    return await _update_lead(
        request, lead_id, {"assigned_to": assigned_to or None, "changed_by": user}
    )


# --- live handoff -------------------------------------------------------------------------


async def waiting_conversations(request: Request) -> list[dict[str, Any]]:
    """Conversations waiting for a human, with their transcripts.

    A conversation waits when a lead with ``handoff=true`` that is not closed names it and its
    Rasa tracker is paused.
    """
    catalogue, rasa = _catalogue(request), _rasa(request)
    leads = await catalogue.all_leads({"handoff": "true"})
    latest_lead_by_conversation: dict[str, dict[str, Any]] = {}
    for lead in leads:
        conversation_id = lead.get("conversation_id")
        if conversation_id and lead.get("status") != "closed":
            latest_lead_by_conversation.setdefault(conversation_id, lead)
    conversation_ids = list(latest_lead_by_conversation)
    trackers = await asyncio.gather(
        *(rasa.get_tracker(conversation_id) for conversation_id in conversation_ids),
        return_exceptions=True,
    )
    waiting = []
    for conversation_id, tracker in zip(conversation_ids, trackers, strict=True):
        if isinstance(tracker, UpstreamError):
            continue
        if isinstance(tracker, BaseException):
            raise tracker
        if not tracker.get("paused"):
            continue
        lead = latest_lead_by_conversation[conversation_id]
        waiting.append(
            {
                "conversation_id": conversation_id,
                "lead": lead,
                "language": LANGUAGE_LABELS.get(lead.get("language") or "unknown", "Unknown"),
                "transcript": transcript_from_events(tracker.get("events") or [], TRANSCRIPT_LIMIT),
            }
        )
    return waiting


async def _require_waiting(request: Request, conversation_id: str) -> None:
    try:
        waiting = await waiting_conversations(request)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    if conversation_id not in {item["conversation_id"] for item in waiting}:
        raise HTTPException(
            status_code=409, detail="This conversation is not waiting for a member of staff."
        )


@router.get("/handoffs", name="handoff_list")
async def handoff_list(request: Request, user: StaffUser) -> Response:
    """Show the conversations waiting for a human, with reply and hand-back forms."""
    try:
        waiting = await waiting_conversations(request)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    return _render(
        request,
        "console/handoffs.html",
        {
            "waiting": waiting,
            "notice": request.query_params.get("notice"),
            "max_reply_chars": MAX_REPLY_CHARS,
        },
    )


@router.post("/handoffs/{conversation_id}/reply", name="handoff_reply")
async def handoff_reply(
    request: Request,
    conversation_id: str,
    user: StaffUser,
    csrf: CsrfField,
    text: Annotated[str, Form(max_length=MAX_REPLY_CHARS)],
) -> Response:
    """Say something into the live conversation as the signed-in member of staff."""
    check_csrf(request, csrf)
    text = text.strip()
    if not text:
        raise HTTPException(status_code=422, detail="Write a reply first.")
    await _require_waiting(request, conversation_id)
    try:
        await _rasa(request).send_staff_reply(conversation_id, text, user)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    target = request.url_for("handoff_list").include_query_params(notice="sent")
    return RedirectResponse(f"{target}#conversation-{conversation_id}", status_code=303)


@router.post("/handoffs/{conversation_id}/resume", name="handoff_resume")
async def handoff_resume(
    request: Request, conversation_id: str, user: StaffUser, csrf: CsrfField
) -> Response:
    """Hand the conversation back to the bot."""
    check_csrf(request, csrf)
    await _require_waiting(request, conversation_id)
    try:
        await _rasa(request).resume(conversation_id)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    target = request.url_for("handoff_list").include_query_params(notice="resumed")
    return RedirectResponse(target, status_code=303)


# --- charts -------------------------------------------------------------------------------


@router.get("/charts", name="charts")
async def charts(request: Request, user: StaffUser) -> Response:
    """Show the charts page (the data comes from the JSON API)."""
    return _render(request, "console/charts.html", {})


# --- JSON API -----------------------------------------------------------------------------


@router.get("/api/me", name="api_me")
async def api_me(user: StaffUser) -> dict[str, str]:
    """Return the signed-in staff user."""
    return {"user": user}


@router.get("/api/leads", name="api_leads")
async def api_leads(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads matching the filters of the query string."""
    try:
        leads = await _catalogue(request).all_leads(clean_lead_filters(request.query_params))
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    return {"items": leads, "total": len(leads)}


@router.get("/api/handoffs", name="api_handoffs")
async def api_handoffs(request: Request, user: StaffUser) -> dict[str, Any]:
    """Conversations waiting for a human, with transcripts (polled by the handoff page)."""
    try:
        waiting = await waiting_conversations(request)
    except UpstreamError as error:
        raise _upstream_failure(error) from None
    return {
        "items": [
            {
                "conversation_id": item["conversation_id"],
                "lead_id": item["lead"].get("id"),
                "transcript": item["transcript"],
            }
            for item in waiting
        ]
    }


async def _all_leads_or_502(request: Request) -> list[dict[str, Any]]:
    try:
        return await _catalogue(request).all_leads()
    except UpstreamError as error:
        raise _upstream_failure(error) from None


@router.get("/api/charts/leads-per-week", name="chart_leads_per_week")
async def chart_leads_per_week(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads per week."""
    return leads_per_week(await _all_leads_or_502(request))


@router.get("/api/charts/leads-by-country", name="chart_leads_by_country")
async def chart_leads_by_country(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads per country."""
    return leads_by_country(await _all_leads_or_502(request))


@router.get("/api/charts/leads-by-interest", name="chart_leads_by_interest")
async def chart_leads_by_interest(request: Request, user: StaffUser) -> dict[str, Any]:
    """Leads per project or service of interest."""
    leads = await _all_leads_or_502(request)
    return leads_by_interest(leads, await _catalogue(request).project_names())


@router.get("/api/charts/conversations-per-language", name="chart_conversations_per_language")
async def chart_conversations_per_language(request: Request, user: StaffUser) -> dict[str, Any]:
    """Conversations per language, from Rasa's tracker store (read-only)."""
    result = await asyncio.to_thread(
        conversations_per_language, request.app.state.settings.tracker_db_url
    )
    labels = [LANGUAGE_LABELS.get(code, code) for code in result.counts]
    return chart_data(
        labels, list(result.counts.values()), result.note if not result.available else ""
    )
