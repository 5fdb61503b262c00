"""Console sessions live on the server: a copied cookie is dead once its owner signs out."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_support import sign_in

from hub_web.app import SESSION_COOKIE


def _replay(client: TestClient, cookie: str) -> TestClient:
    """Another browser presenting ``cookie`` (the app is already started)."""
    return TestClient(client.app, base_url="http://testserver", cookies={SESSION_COOKIE: cookie})


def test_a_copied_cookie_is_refused_after_sign_out(staff_client) -> None:
    client, token = staff_client
    copied = client.cookies[SESSION_COOKIE]
    assert _replay(client, copied).get("/console/api/me").json() == {"user": "alice"}
    response = client.post("/console/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    replay = _replay(client, copied)
    page = replay.get("/console/charts", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("http://testserver/console/login")
    assert replay.get("/console/api/me").status_code == 401


def test_signing_out_ends_only_that_session(client: TestClient, upstream) -> None:
    other = TestClient(client.app, base_url="http://testserver")
    sign_in(other)
    token = sign_in(client)
    client.post("/console/logout", data={"csrf_token": token}, follow_redirects=False)
    assert other.get("/console/api/me").json() == {"user": "alice"}


def test_a_cookie_without_a_server_session_is_refused(staff_client) -> None:
    """A cookie signed with the right secret but naming no live session (e.g. from before)."""
    client, _ = staff_client
    client.app.state.staff_sessions.end_all()
    assert client.get("/console/api/me").status_code == 401
