"""Lead list, filters, detail with history, status moves, assignment and the CSV export."""

from __future__ import annotations

import json

import httpx
import respx
from fastapi.testclient import TestClient
from lead_fakes import lead
from public_fakes import PROJECTS
from web_support import API_KEY, CATALOGUE_URL


def _mock_projects(upstream: respx.MockRouter) -> None:
    upstream.get(f"{CATALOGUE_URL}/projects").respond(json=PROJECTS)


def test_list_shows_leads_and_sends_the_api_key(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    _mock_projects(upstream)
    route = upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(
        json={"items": [lead(1, projects=["sco-plaza-area"], services=["legal"])], "total": 1}
    )
    response = client.get("/console/leads")
    assert response.status_code == 200
    assert "Lead 1" in response.text and "SCO Plaza Area" in response.text
    request = route.calls.last.request
    assert request.headers["X-API-Key"] == API_KEY
    assert API_KEY not in response.text


def test_filters_are_passed_to_the_catalogue(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    _mock_projects(upstream)
    route = upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(json={"items": [], "total": 0})
    client.get(
        "/console/leads?status=contacted&language=zh&country=Kazakhstan&project=sco-plaza-area"
        "&service=visa&handoff=true&unknown=x&assigned_to="
    )
    params = dict(route.calls.last.request.url.params)
    assert params == {
        "status": "contacted",
        "language": "zh",
        "country": "Kazakhstan",
        "project": "sco-plaza-area",
        "service": "visa",
        "handoff": "true",
        "page": "1",
        "page_size": "500",
    }


def test_list_reads_every_page(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    _mock_projects(upstream)
    first = [lead(i) for i in range(1000, 500, -1)]
    route = upstream.get(f"{CATALOGUE_URL}/staff/leads")
    route.side_effect = [
        httpx.Response(200, json={"items": first, "total": 501}),
        httpx.Response(200, json={"items": [lead(7)], "total": 501}),
    ]
    body = client.get("/console/api/leads").json()
    assert body["total"] == 501
    assert [call.request.url.params["page"] for call in route.calls] == ["1", "2"]


def test_catalogue_failure_is_a_502_page(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/leads").mock(side_effect=httpx.ConnectError("down"))
    response = client.get("/console/leads", headers={"Accept": "text/html"})
    assert response.status_code == 502
    assert "The catalogue service failed" in response.text


def test_detail_shows_history_and_next_statuses(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    _mock_projects(upstream)
    history = [
        {
            "changed_at": "2024-05-07T09:30:00+00:00",
            "changed_by": "bob",
            "field": "status",
            "from_value": "new",
            "to_value": "contacted",
        },
        {
            "changed_at": "2024-05-07T09:31:00+00:00",
            "changed_by": "alice",
            "field": "assigned_to",
            "from_value": None,
            "to_value": "team:legal",
        },
    ]
    upstream.get(f"{CATALOGUE_URL}/staff/leads/3").respond(
        json={**lead(3, status="contacted", assigned_to="team:legal"), "history": history}
    )
    response = client.get("/console/leads/3")
    assert response.status_code == 200
    text = response.text
    assert "2024-05-07 09:30 UTC" in text and "bob" in text and "new → contacted" in text
    assert "Assignee: Unassigned → Legal team" in text
    assert 'value="qualified"' in text and 'value="closed"' in text
    assert 'value="contacted"' not in text


def test_unknown_lead_is_404(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/leads/9").respond(404, json={"detail": "lead 9 not found"})
    response = client.get("/console/leads/9", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "lead 9 not found" in response.text


def test_status_change_records_who_did_it(staff_client, upstream: respx.MockRouter) -> None:
    client, token = staff_client
    route = upstream.patch(f"{CATALOGUE_URL}/staff/leads/3").respond(json=lead(3))
    response = client.post(
        "/console/leads/3/status",
        data={"csrf_token": token, "status": "contacted"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith("/console/leads/3?notice=saved")
    assert json.loads(route.calls.last.request.content) == {
        "status": "contacted",
        "changed_by": "alice",
    }
    assert route.calls.last.request.headers["X-API-Key"] == API_KEY


def test_refused_status_move_is_shown(staff_client, upstream: respx.MockRouter) -> None:
    client, token = staff_client
    upstream.patch(f"{CATALOGUE_URL}/staff/leads/3").respond(
        409, json={"detail": "cannot change status from closed to contacted"}
    )
    response = client.post(
        "/console/leads/3/status",
        data={"csrf_token": token, "status": "contacted"},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 409
    assert "cannot change status from closed to contacted" in response.text


def test_unknown_status_is_422(staff_client, upstream: respx.MockRouter) -> None:
    client, token = staff_client
    response = client.post("/console/leads/3/status", data={"csrf_token": token, "status": "won"})
    assert response.status_code == 422
    assert not upstream.calls


def test_status_change_needs_the_csrf_token(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    response = client.post(
        "/console/leads/3/status", data={"csrf_token": "wrong", "status": "closed"}
    )
    assert response.status_code == 403
    assert not upstream.calls


def test_assign_to_team_colleague_or_nobody(staff_client, upstream: respx.MockRouter) -> None:
    client, token = staff_client
    route = upstream.patch(f"{CATALOGUE_URL}/staff/leads/4").respond(json=lead(4))
    for value, expected in (("team:visa", "team:visa"), ("bob", "bob"), ("", None)):
        response = client.post(
            "/console/leads/4/assign",
            data={"csrf_token": token, "assigned_to": value},
            follow_redirects=False,
        )
        assert response.status_code == 303
        body = json.loads(route.calls.last.request.content)
        assert body == {"assigned_to": expected, "changed_by": "alice"}


def test_assign_refuses_unknown_assignees(staff_client, upstream: respx.MockRouter) -> None:
    client, token = staff_client
    response = client.post(
        "/console/leads/4/assign", data={"csrf_token": token, "assigned_to": "mallory"}
    )
    assert response.status_code == 422
    assert not upstream.calls


def test_csv_export_is_proxied_with_filters(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    csv_body = "\ufeffid,name,country\r\n1,Lead 1,Kazakhstan\r\n".encode()
    route = upstream.get(f"{CATALOGUE_URL}/staff/leads.csv").respond(
        200,
        content=csv_body,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="leads-20240507T000000Z.csv"',
        },
    )
    response = client.get("/console/leads.csv?status=new&country=Kazakhstan")
    assert response.status_code == 200
    assert response.content == csv_body
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == (
        'attachment; filename="leads-20240507T000000Z.csv"'
    )
    request = route.calls.last.request
    assert dict(request.url.params) == {"status": "new", "country": "Kazakhstan"}
    assert request.headers["X-API-Key"] == API_KEY


def test_missing_api_key_setting_is_reported(tmp_path, upstream) -> None:
    from web_support import make_settings, sign_in

    from hub_web.app import create_app

    app = create_app(make_settings(tmp_path, catalogue_api_key=None))
    with TestClient(app) as client:
        sign_in(client)
        response = client.get("/console/api/leads")
    assert response.status_code == 502
    assert "CATALOGUE_API_KEY is not set" in response.json()["detail"]
    assert not upstream.calls


def test_country_filter_is_a_list_of_country_names_sent_as_codes(
    staff_client, upstream: respx.MockRouter
) -> None:
    """Staff pick "Kazakhstan"; the catalogue gets ``country_code=KZ``; the list names it."""
    client, _ = staff_client
    _mock_projects(upstream)
    route = upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(
        json={
            "items": [
                lead(1, country="Қазақстан", country_code="KZ"),
                lead(2, country="哈萨克斯坦", country_code="KZ"),
            ],
            "total": 2,
        }
    )
    response = client.get("/console/leads?country_code=KZ")
    assert route.calls.last.request.url.params["country_code"] == "KZ"
    assert '<option value="KZ" selected>Kazakhstan</option>' in response.text
    assert '<option value="CN">China</option>' in response.text
    assert 'Kazakhstan <span class="typed">(Қазақстан)</span>' in response.text
    assert 'Kazakhstan <span class="typed">(哈萨克斯坦)</span>' in response.text


def test_channel_is_shown_and_filtered_by_its_label(
    staff_client, upstream: respx.MockRouter
) -> None:
    """Leads show the channel they came through by name; staff filter by it (issue 24)."""
    client, _ = staff_client
    _mock_projects(upstream)
    route = upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(
        json={"items": [lead(1, channel="telegram"), lead(2, channel=None)], "total": 2}
    )
    response = client.get("/console/leads?channel=telegram")
    assert dict(route.calls.last.request.url.params)["channel"] == "telegram"
    text = response.text
    assert '<option value="telegram" selected>Telegram</option>' in text
    assert '<option value="socketio">Website chat</option>' in text
    assert "<td>Telegram</td>" in text and "<td>Not recorded</td>" in text
    upstream.get(f"{CATALOGUE_URL}/staff/leads/1").respond(
        json={**lead(1, channel="socketio"), "history": []}
    )
    detail = client.get("/console/leads/1").text
    assert '<dd data-testid="lead-channel">Website chat</dd>' in detail
