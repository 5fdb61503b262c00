"""Live handoff: which conversations wait, transcripts, staff replies and handing back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import respx
from lead_fakes import lead
from web_support import CATALOGUE_URL, RASA_JWT_SECRET, RASA_URL, assert_rasa_auth, publish

from hub_web.console.deps import conversation_handle

WAITING_ID = "5f1c0ffee"
EVENTS = [
    {"event": "action", "name": "action_session_start", "timestamp": 1715000000.0},
    {"event": "user", "text": "/greet", "timestamp": 1715000001.0},
    {"event": "bot", "text": "您好！", "timestamp": 1715000002.0},
    {"event": "user", "text": "有医疗项目吗?", "timestamp": 1715000003.0},
    {"event": "bot", "text": "Xinhong 医疗产业投资项目", "timestamp": 1715000004.0},
    {"event": "user", "text": "转人工", "timestamp": 1715000005.0},
    {"event": "pause", "timestamp": 1715000006.0},
    {
        "event": "bot",
        "text": "Hello from staff",
        "timestamp": 1715000007.0,
        "metadata": {"from_staff": "bob"},
    },
]


def _handle(client, conversation_id: str = WAITING_ID) -> str:
    """The conversation's name in the console's pages and URLs."""
    return conversation_handle(SimpleNamespace(app=client.app), conversation_id)


def _events(sender_id: str, *kinds: str) -> list[dict[str, object]]:
    return [{"sender_id": sender_id, "event": kind, "timestamp": 1715000000.0} for kind in kinds]


def _publish_pauses(events_db: Path) -> None:
    """Rasa's event stream: the waiting conversation paused, the others paused and resumed."""
    publish(
        events_db,
        [{"sender_id": WAITING_ID, **event} for event in EVENTS]
        + _events("resumed-one", "user", "pause", "resume")
        + _events("closed-one", "user", "pause")
        + _events("no-lead", "user", "pause"),
    )


def _mock_waiting(upstream: respx.MockRouter, events_db: Path) -> dict[str, respx.Route]:
    _publish_pauses(events_db)
    leads = [
        lead(5, handoff=True, conversation_id=WAITING_ID, language="zh", channel="telegram"),
        lead(4, handoff=True, conversation_id="resumed-one"),
        lead(3, handoff=True, conversation_id="closed-one", status="closed"),
        lead(2, handoff=True, conversation_id=None),
    ]
    return {
        "leads": upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(
            json={"items": leads, "total": len(leads)}
        ),
        "waiting": upstream.get(f"{RASA_URL}/conversations/{WAITING_ID}/tracker").respond(
            json={"sender_id": WAITING_ID, "paused": True, "events": EVENTS}
        ),
        "resumed": upstream.get(f"{RASA_URL}/conversations/resumed-one/tracker").respond(
            json={"sender_id": "resumed-one", "paused": False, "events": []}
        ),
    }


def test_waiting_conversations_are_paused_open_handoff_leads(
    staff_client, upstream, tmp_path: Path
) -> None:
    client, _ = staff_client
    routes = _mock_waiting(upstream, tmp_path / "events.db")
    body = client.get("/console/api/handoffs").json()
    assert [item["conversation_id"] for item in body["items"]] == [WAITING_ID]
    assert routes["leads"].calls.last.request.url.params["handoff"] == "true"
    # The transcripts come from the console's own tables: Rasa is not asked.
    assert not routes["waiting"].called and not routes["resumed"].called
    transcript = body["items"][0]["transcript"]
    assert [line["kind"] for line in transcript] == [
        "user",
        "bot",
        "user",
        "bot",
        "user",
        "system",
        "staff",
    ]
    assert transcript[0]["is_payload"] is True and transcript[0]["text"] == "Hello"
    assert transcript[-1] == {
        "kind": "staff",
        "text": "Hello from staff",
        "time": "2024-05-06 20:53:27",  # Qingdao time (12:53:27 UTC)
        "author": "Staff",
        "is_payload": False,
    }


def test_handoff_page_shows_transcript_and_forms(staff_client, upstream, tmp_path: Path) -> None:
    client, _ = staff_client
    _mock_waiting(upstream, tmp_path / "events.db")
    response = client.get("/console/handoffs")
    assert response.status_code == 200
    text = response.text
    handle = _handle(client)
    assert f'data-conversation-id="{WAITING_ID}"' in text
    assert "有医疗项目吗?" in text and "Hello from staff" in text
    assert '<span data-testid="handoff-channel">Telegram</span>' in text  # issue 24
    assert f'action="/console/handoffs/{handle}/reply"' in text
    assert f'action="/console/handoffs/{handle}/resume"' in text
    assert RASA_JWT_SECRET not in text
    # The conversation's id is its visitor's session: no URL of the page names it.
    assert not re.search(rf'(href|action)="[^"]*{WAITING_ID}', text)
    assert 'data-conversation-id="resumed-one"' not in text


def test_empty_handoff_page(staff_client, upstream) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(json={"items": [], "total": 0})
    assert "No conversation is waiting for a person." in client.get("/console/handoffs").text


def test_a_reply_reads_only_the_conversation_answered(
    staff_client, upstream, tmp_path: Path
) -> None:
    """A reply neither lists the catalogue's handoff leads nor asks Rasa for any tracker."""
    client, token = staff_client
    routes = _mock_waiting(upstream, tmp_path / "events.db")
    post = upstream.post(f"{RASA_URL}/conversations/{WAITING_ID}/tracker/events").respond(json={})
    response = client.post(
        f"/console/handoffs/{_handle(client)}/reply",
        data={"csrf_token": token, "text": "hello"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and post.called
    assert not routes["leads"].called
    assert not routes["waiting"].called and not routes["resumed"].called


def test_staff_reply_is_appended_as_a_bot_event(staff_client, upstream, tmp_path: Path) -> None:
    client, token = staff_client
    _mock_waiting(upstream, tmp_path / "events.db")
    route = upstream.post(f"{RASA_URL}/conversations/{WAITING_ID}/tracker/events").respond(json={})
    response = client.post(
        f"/console/handoffs/{_handle(client)}/reply",
        data={"csrf_token": token, "text": "  我们会在今天联系您。 "},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"notice=sent#conversation-{_handle(client)}")
    request = route.calls.last.request
    assert dict(request.url.params) == {
        "output_channel": "latest",
        "execute_side_effects": "true",
    }
    assert_rasa_auth(request)
    assert json.loads(request.content) == [
        {
            "event": "bot",
            "text": "我们会在今天联系您。",
            "data": {"custom": {"data": {"type": "staff_reply", "text": "我们会在今天联系您。"}}},
            "metadata": {"from_staff": "alice"},
        }
    ]


def test_reply_to_a_conversation_that_is_not_waiting_is_refused(
    staff_client, upstream, tmp_path: Path
) -> None:
    client, token = staff_client
    _mock_waiting(upstream, tmp_path / "events.db")
    route = upstream.post(f"{RASA_URL}/conversations/resumed-one/tracker/events")
    response = client.post(
        f"/console/handoffs/{_handle(client, 'resumed-one')}/reply",
        data={"csrf_token": token, "text": "hello"},
    )
    assert response.status_code == 409
    assert not route.called


def test_empty_reply_is_refused(staff_client, upstream) -> None:
    client, token = staff_client
    response = client.post(
        f"/console/handoffs/{_handle(client)}/reply", data={"csrf_token": token, "text": "   "}
    )
    assert response.status_code == 422
    assert not upstream.calls


def test_reply_needs_the_csrf_token(staff_client, upstream) -> None:
    client, _ = staff_client
    response = client.post(
        f"/console/handoffs/{_handle(client)}/reply", data={"csrf_token": "nope", "text": "hello"}
    )
    assert response.status_code == 403
    assert not upstream.calls


def test_hand_back_resumes_and_listens(staff_client, upstream, tmp_path: Path) -> None:
    client, token = staff_client
    _mock_waiting(upstream, tmp_path / "events.db")
    route = upstream.post(f"{RASA_URL}/conversations/{WAITING_ID}/tracker/events").respond(json={})
    back = upstream.post(f"{RASA_URL}/conversations/{WAITING_ID}/execute").respond(json={})
    response = client.post(
        f"/console/handoffs/{_handle(client)}/resume",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith("/console/handoffs?notice=resumed")
    request = route.calls.last.request
    assert_rasa_auth(request)
    assert request.url.params["execute_side_effects"] == "true"
    assert json.loads(request.content) == [
        {"event": "resume"},
        {"event": "action", "name": "action_listen"},
    ]
    # The visitor is told first that the bot is back (issue 21, item 9), in their language.
    assert json.loads(back.calls.last.request.content) == {"name": "utter_handoff_ended"}
    assert back.calls.last.request.url.params["output_channel"] == "latest"


def test_rasa_failure_on_reply_is_a_502(staff_client, upstream, tmp_path: Path) -> None:
    client, token = staff_client
    _mock_waiting(upstream, tmp_path / "events.db")
    upstream.post(f"{RASA_URL}/conversations/{WAITING_ID}/tracker/events").respond(
        500, json={"message": "boom"}
    )
    response = client.post(
        f"/console/handoffs/{_handle(client)}/reply", data={"csrf_token": token, "text": "hello"}
    )
    assert response.status_code == 502
    assert "rasa" in response.json()["detail"]


def test_a_conversation_leaves_the_list_once_its_resume_event_arrives(
    staff_client, upstream, tmp_path: Path
) -> None:
    client, _ = staff_client
    _mock_waiting(upstream, tmp_path / "events.db")
    assert len(client.get("/console/api/handoffs").json()["items"]) == 1
    publish(tmp_path / "events.db", _events(WAITING_ID, "resume", "action"))
    assert client.get("/console/api/handoffs").json() == {"items": []}
    store = client.app.state.console_store
    assert store.conversation(WAITING_ID)["paused"] is False


def test_paused_without_a_handoff_lead_is_not_listed(staff_client, upstream) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(json={"items": [], "total": 0})
    client.app.state.console_store.apply_events(_events("no-lead", "user", "pause"))
    assert client.get("/console/api/handoffs").json() == {"items": []}


def test_a_reply_to_a_conversation_id_instead_of_its_handle_is_refused(
    staff_client, upstream, tmp_path: Path
) -> None:
    client, token = staff_client
    _mock_waiting(upstream, tmp_path / "events.db")
    route = upstream.post(f"{RASA_URL}/conversations/{WAITING_ID}/tracker/events")
    for name in [WAITING_ID, "é"]:
        response = client.post(
            f"/console/handoffs/{name}/reply", data={"csrf_token": token, "text": "hello"}
        )
        assert response.status_code == 409
    assert not route.called
