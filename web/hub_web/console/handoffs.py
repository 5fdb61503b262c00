"""Live handoff: the conversations waiting for a person, staff replies and handing back.

A conversation's id is its visitor's socket.io session: whoever holds it can ask for the
conversation. The console's URLs (form actions, links, fragments) therefore name a waiting
conversation by a handle (:func:`hub_web.console.deps.conversation_handle`, a keyed hash),
never by its id, which URLs would carry into browser histories and access logs.
"""

from __future__ import annotations

import asyncio
import hmac
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hub_web.console.deps import (
    CsrfField,
    StaffUser,
    catalogue,
    conversation_handle,
    fresh_console_store,
    rasa,
    render,
)
from hub_web.console.transcripts import conversation_transcript, paused_conversations
from hub_web.labels import zone_of
from hub_web.security import check_csrf
from hub_web.staff_alerts.store import waiting_since
from hub_web.staff_labels import LANGUAGE_LABELS

router = APIRouter(prefix="/console")
MAX_REPLY_CHARS = 2000
TRANSCRIPT_LIMIT = 200


async def waiting_conversations(request: Request) -> list[dict[str, Any]]:
    """Conversations waiting for a human, with their transcripts.

    A conversation waits when a lead with ``handoff=true`` that is not closed names it and the
    console's tables (Rasa's event stream) say it is paused. The transcripts come from the
    console's tables too (:mod:`hub_web.console.transcripts`): no call to Rasa.
    """
    leads = await catalogue(request).all_leads({"handoff": "true"})
    latest_lead_by_conversation: dict[str, dict[str, Any]] = {}
    for lead in leads:
        conversation_id = lead.get("conversation_id")
        if conversation_id and lead.get("status") != "closed":
            latest_lead_by_conversation.setdefault(conversation_id, lead)
    store = await fresh_console_store(request)
    paused = await asyncio.to_thread(store.paused_among, latest_lead_by_conversation)
    conversation_ids = [item for item in latest_lead_by_conversation if item in paused]
    zone = zone_of(request.app.state.settings)
    waiting = []
    for conversation_id in conversation_ids:
        lead = latest_lead_by_conversation[conversation_id]
        transcript = await asyncio.to_thread(
            conversation_transcript, store.engine, conversation_id, TRANSCRIPT_LIMIT, None, zone
        )
        waiting.append(
            {
                "conversation_id": conversation_id,
                "handle": conversation_handle(request, conversation_id),
                "lead": lead,
                "language": LANGUAGE_LABELS.get(lead.get("language") or "unknown", "Unknown"),
                "transcript": transcript,
            }
        )
    return waiting


async def _waiting_conversation(request: Request, handle: str) -> str:
    """The id of the paused conversation with this handle; a 409 when none waits.

    Only the console's own table of conversations is read: not the catalogue's leads, not
    Rasa's trackers.
    """
    store = await fresh_console_store(request)
    for conversation_id in await asyncio.to_thread(paused_conversations, store.engine):
        candidate = conversation_handle(request, conversation_id)
        if hmac.compare_digest(candidate.encode(), handle.encode("utf-8")):
            return conversation_id
    raise HTTPException(
        status_code=409, detail="This conversation is not waiting for a member of staff."
    )


@router.get("/handoffs", name="handoff_list")
async def handoff_list(request: Request, user: StaffUser) -> Response:
    """Show the conversations waiting for a human, with reply and hand-back forms.

    Also says how many of Rasa's events the console had to set aside
    (:mod:`hub_web.events.skipped`): a conversation or handoff may be missing from the list.
    """
    waiting = await waiting_conversations(request)
    store = await fresh_console_store(request)
    since = await asyncio.to_thread(
        waiting_since, store.engine, [item["handle"] for item in waiting]
    )
    now = datetime.now(UTC)
    schedule = request.app.state.settings.office_schedule
    for item in waiting:
        if (moment := since.get(item["handle"])) is not None:
            item["waiting_since"] = moment.isoformat()
            item["waiting_since_local"] = schedule.local(moment).strftime("%H:%M")
            item["waited_minutes"] = max(0, int((now - moment).total_seconds() // 60))
    return render(
        request,
        "console/handoffs.html",
        {
            "waiting": waiting,
            "skipped": await asyncio.to_thread(store.skipped_events),
            "notice": request.query_params.get("notice"),
            "max_reply_chars": MAX_REPLY_CHARS,
            "office_hours": schedule.label("en"),
            "office_open": schedule.is_open(now),
        },
    )


@router.post("/handoffs/{handle}/reply", name="handoff_reply")
async def handoff_reply(
    request: Request,
    handle: str,
    user: StaffUser,
    csrf: CsrfField,
    text: Annotated[str, Form(max_length=MAX_REPLY_CHARS)],
) -> Response:
    """Say something into the live conversation as the signed-in member of staff."""
    check_csrf(request, csrf)
    text = text.strip()
    if not text:
        raise HTTPException(status_code=422, detail="Write a reply first.")
    conversation_id = await _waiting_conversation(request, handle)
    await rasa(request).send_staff_reply(conversation_id, text, user)
    target = request.url_for("handoff_list").include_query_params(notice="sent")
    return RedirectResponse(f"{target}#conversation-{handle}", status_code=303)


@router.post("/handoffs/{handle}/resume", name="handoff_resume")
async def handoff_resume(
    request: Request, handle: str, user: StaffUser, csrf: CsrfField
) -> Response:
    """Hand the conversation back to the bot."""
    check_csrf(request, csrf)
    conversation_id = await _waiting_conversation(request, handle)
    await rasa(request).resume(conversation_id)
    target = request.url_for("handoff_list").include_query_params(notice="resumed")
    return RedirectResponse(target, status_code=303)
