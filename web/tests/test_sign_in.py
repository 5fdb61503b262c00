"""Sign-in, sign-out, refusal of wrong credentials, CSRF and the sign-in throttle."""

from __future__ import annotations

from pathlib import Path

import pytest
import respx
from fastapi.testclient import TestClient
from web_support import STAFF_PASSWORDS, csrf_from, make_settings, sign_in

from hub_web.app import create_app


def _post_login(client: TestClient, username: str, password: str, **extra: str):
    token = csrf_from(client.get("/console/login").text)
    return client.post(
        "/console/login",
        data={"username": username, "password": password, "csrf_token": token, **extra},
        follow_redirects=False,
    )


def test_login_page_renders_with_csrf_token(client: TestClient) -> None:
    response = client.get("/console/login")
    assert response.status_code == 200
    assert "Staff sign-in" in response.text
    assert csrf_from(response.text)
    assert response.headers["cache-control"] == "no-store"


def test_correct_password_signs_in_and_shows_the_user(client: TestClient, upstream) -> None:
    upstream.get("http://catalogue.test/staff/leads").respond(json={"items": [], "total": 0})
    upstream.get("http://catalogue.test/projects").respond(json={"items": [], "total": 0})
    response = _post_login(client, "alice", STAFF_PASSWORDS["alice"])
    assert response.status_code == 303
    assert response.headers["location"] == "/console/leads"
    cookie = response.headers["set-cookie"]
    assert "hub_console=" in cookie and "httponly" in cookie.lower()
    assert "path=/console" in cookie.lower() and "samesite=strict" in cookie.lower()
    page = client.get("/console/leads")
    assert page.status_code == 200
    assert 'data-testid="staff-user">alice<' in page.text


def test_wrong_password_is_refused(client: TestClient) -> None:
    response = _post_login(client, "alice", "not-her-password")
    assert response.status_code == 401
    assert "Wrong user name or password." in response.text
    assert client.get("/console/leads", follow_redirects=False).status_code == 303


def test_unknown_user_is_refused_like_a_wrong_password(client: TestClient) -> None:
    response = _post_login(client, "mallory", STAFF_PASSWORDS["alice"])
    assert response.status_code == 401
    assert "Wrong user name or password." in response.text


def test_login_without_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/console/login")
    response = client.post(
        "/console/login",
        data={"username": "alice", "password": STAFF_PASSWORDS["alice"]},
        follow_redirects=False,
    )
    assert response.status_code in {403, 422}
    assert client.get("/console/leads", follow_redirects=False).status_code == 303


def test_login_with_a_forged_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/console/login")
    response = client.post(
        "/console/login",
        data={"username": "alice", "password": STAFF_PASSWORDS["alice"], "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_next_path_is_followed_only_inside_the_console(client: TestClient) -> None:
    response = _post_login(client, "alice", STAFF_PASSWORDS["alice"], next="/console/charts")
    assert response.headers["location"] == "/console/charts"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/", "/zh/"])
def test_next_path_cannot_leave_the_console(client: TestClient, target: str) -> None:
    response = _post_login(client, "alice", STAFF_PASSWORDS["alice"], next=target)
    assert response.headers["location"] == "/console/leads"


def test_sign_out_ends_the_session(staff_client: tuple[TestClient, str]) -> None:
    client, token = staff_client
    response = client.post("/console/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/console/charts", follow_redirects=False).status_code == 303


def test_sign_out_needs_the_csrf_token(staff_client: tuple[TestClient, str]) -> None:
    client, _ = staff_client
    response = client.post("/console/logout", data={"csrf_token": "x"}, follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/console/charts").status_code == 200


def test_repeated_failures_are_throttled(client: TestClient) -> None:
    for _ in range(5):
        assert _post_login(client, "alice", "wrong").status_code == 401
    response = _post_login(client, "alice", STAFF_PASSWORDS["alice"])
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({"staff_users": ""}, "STAFF_USERS"),
        ({"session_secret": None}, "SESSION_SECRET"),
        ({"staff_users": "", "session_secret": None}, "STAFF_USERS and SESSION_SECRET"),
    ],
)
def test_sign_in_is_refused_without_configured_secrets(
    tmp_path: Path, overrides: dict[str, object], missing: str
) -> None:
    with respx.mock, TestClient(create_app(make_settings(tmp_path, **overrides))) as client:
        page = client.get("/console/login")
        assert f"Sign-in is disabled: {missing} not set on the server." in page.text
        response = client.post(
            "/console/login",
            data={
                "username": "alice",
                "password": STAFF_PASSWORDS["alice"],
                "csrf_token": csrf_from(page.text),
            },
            follow_redirects=False,
        )
        assert response.status_code == 503
        assert client.get("/console/leads", follow_redirects=False).status_code == 303


def test_a_session_for_a_removed_user_is_not_accepted(tmp_path: Path) -> None:
    with respx.mock, TestClient(create_app(make_settings(tmp_path))) as client:
        sign_in(client, "bob")
        cookie = client.cookies.get("hub_console")
    only_alice = make_settings(tmp_path).staff_users.split(",bob:")[0]
    with (
        respx.mock,
        TestClient(create_app(make_settings(tmp_path, staff_users=only_alice))) as client,
    ):
        client.cookies.set("hub_console", cookie, path="/console")
        assert client.get("/console/charts", follow_redirects=False).status_code == 303


def test_one_members_failures_do_not_lock_out_another(client: TestClient, upstream) -> None:
    """Everyone on loopback or behind a proxy shares one address: alice's typos are hers."""
    for _ in range(8):
        assert _post_login(client, "alice", "wrong").status_code in {401, 429}
    assert _post_login(client, "bob", STAFF_PASSWORDS["bob"]).status_code == 303
