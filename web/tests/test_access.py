"""Nothing in the console or its JSON API is reachable without a staff session."""

from __future__ import annotations

import pytest
import respx
from fastapi.testclient import TestClient

CONSOLE_PAGES = [
    "/console",
    "/console/",
    "/console/leads",
    "/console/leads?status=new",
    "/console/leads/1",
    "/console/leads.csv",
    "/console/handoffs",
    "/console/charts",
]
CONSOLE_API = [
    "/console/api/me",
    "/console/api/leads",
    "/console/api/handoffs",
    "/console/api/charts/leads-per-week",
    "/console/api/charts/leads-by-country",
    "/console/api/charts/leads-by-interest",
    "/console/api/charts/conversations-per-language",
]
CONSOLE_POSTS = [
    "/console/leads/1/status",
    "/console/leads/1/assign",
    "/console/handoffs/abc/reply",
    "/console/handoffs/abc/resume",
]


@pytest.mark.parametrize("path", CONSOLE_PAGES)
def test_pages_redirect_to_sign_in(client: TestClient, upstream: respx.MockRouter, path: str):
    response = client.get(path, follow_redirects=False)
    assert response.status_code in {303, 307}
    if response.status_code == 307:
        response = client.get(response.headers["location"], follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("http://testserver/console/login?next=")
    assert not upstream.calls


@pytest.mark.parametrize("path", CONSOLE_API)
def test_api_answers_401(client: TestClient, upstream: respx.MockRouter, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign-in required."}
    assert not upstream.calls


@pytest.mark.parametrize("path", CONSOLE_POSTS)
def test_changes_are_refused_without_sign_in(
    client: TestClient, upstream: respx.MockRouter, path: str
) -> None:
    token = client.get("/console/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        path,
        data={"csrf_token": token, "status": "closed", "assigned_to": "", "text": "hi"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "/console/login" in response.headers["location"]
    assert not upstream.calls


def test_a_forged_session_cookie_is_ignored(client: TestClient, upstream) -> None:
    client.cookies.set(
        "hub_console", "eyJzdGFmZl91c2VyIjogImFsaWNlIn0=.forged.sig", path="/console"
    )
    assert client.get("/console/api/me").status_code == 401


def test_signed_in_staff_reach_the_api(staff_client: tuple[TestClient, str]) -> None:
    client, _ = staff_client
    assert client.get("/console/api/me").json() == {"user": "alice"}
