"""Live handoff: the conversations waiting for a person, staff replies and handing back.

A conversation's id is its visitor's socket.io session: whoever holds it can ask for the
conversation. The console's URLs (form actions, links, fragments) therefore name a waiting
conversation by a handle (:func:`hub_web.console.deps.conversation_handle`, a keyed hash),
never by its id, which URLs would carry into browser histories and access logs.
"""

from __future__ import annotations

import asyncio
import hmac
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
from hub_web.leads import LANGUAGE_LABELS, transcript_from_events
from hub_web.security import check_csrf
from hub_web.upstream import UpstreamError

router = APIRouter(prefix="/console")
MAX_REPLY_CHARS = 2000
TRANSCRIPT_LIMIT = 200


async def waiting_conversations(request: Request) -> list[dict[str, Any]]:
    """Conversations waiting for a human, with their transcripts.

    A conversation waits when a lead with ``handoff=true`` that is not closed names it and the
    console's tables (Rasa's event stream) say it is paused. Only those trackers are asked
    from Rasa's HTTP API, for the transcript; one Rasa cannot give is left out.
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
    trackers = await asyncio.gather(
        *(rasa(request).get_tracker(conversation_id) for conversation_id in conversation_ids),
        return_exceptions=True,
    )
    waiting = []
    for conversation_id, tracker in zip(conversation_ids, trackers, strict=True):
        if isinstance(tracker, UpstreamError):
            continue
        if isinstance(tracker, BaseException):
            raise tracker
        lead = latest_lead_by_conversation[conversation_id]
        waiting.append(
            {
                "conversation_id": conversation_id,
                "handle": conversation_handle(request, conversation_id),
                "lead": lead,
                "language": LANGUAGE_LABELS.get(lead.get("language") or "unknown", "Unknown"),
                "transcript": transcript_from_events(tracker.get("events") or [], TRANSCRIPT_LIMIT),
            }
        )
    return waiting


async def _waiting_conversation(request: Request, handle: str) -> str:
    """The id of the waiting conversation with this handle; a 409 when none waits."""
    for item in await waiting_conversations(request):
        if hmac.compare_digest(item["handle"].encode(), handle.encode("utf-8")):
            return item["conversation_id"]
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
    return render(
        request,
        "console/handoffs.html",
        {
            "waiting": waiting,
            "skipped": await asyncio.to_thread(store.skipped_events),
            "notice": request.query_params.get("notice"),
            "max_reply_chars": MAX_REPLY_CHARS,
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
