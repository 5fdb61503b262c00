"""`bot.server.jwt_guard`: which `Authorization` headers Rasa's API refuses before sanic-jwt."""

from __future__ import annotations

import jwt
import pytest
import rasa.server

from bot.server import jwt_guard

SECRET = "a-secret-of-enough-length-for-hs256!"
NOW = 1_800_000_000
USER = {"username": "x", "role": "admin"}


def bearer(payload: dict, key: str | None = SECRET, algorithm: str = "HS256") -> str:
    return f"Bearer {jwt.encode(payload, key, algorithm=algorithm)}"


def reason(header: str) -> str | None:
    return jwt_guard.refusal_reason(header, SECRET, "HS256", now=NOW)


def test_a_short_lived_hs256_token_is_accepted() -> None:
    assert reason(bearer({"user": USER, "exp": NOW + 60})) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (bearer({"user": USER, "exp": NOW + 60}, None, "none"), "algorithm not allowed"),
        (bearer({"user": USER, "exp": NOW + 60, "nbf": NOW + 600}), "not valid yet"),
        (bearer({"user": USER, "exp": "soon"}), "exp is not a number"),
        (bearer({"user": USER, "exp": NOW + 60}, SECRET, "HS512"), "algorithm not allowed"),
        (bearer({"user": USER}), "no exp claim"),
        (bearer({"user": USER, "exp": NOW - 60}), "expired"),
        (bearer({"user": USER, "exp": NOW + 86400}), "exp too far ahead"),
        (bearer({"user": USER, "exp": NOW + 60}, "another-secret-of-enough-length!"), None),
        ("Basic aGk6aGk=", "not a Bearer token"),
        ("Bearer", "not a Bearer token"),
        ("Bearer a b", "not a Bearer token"),
        ("Bearer not-a-jwt", "DecodeError"),
    ],
)
def test_bad_headers_are_refused_with_a_reason(header: str, expected: str | None) -> None:
    got = reason(header)
    if expected is None:
        assert got == "InvalidSignatureError"
    else:
        assert got == expected


def test_the_reason_never_contains_the_token() -> None:
    token = jwt.encode({"user": USER}, SECRET, algorithm="HS256")
    assert token not in str(reason(f"Bearer {token}"))


class FakeApp:
    """What `protect` needs of a Sanic app."""

    def __init__(self) -> None:
        self.middleware: list[tuple[object, str]] = []

    def register_middleware(self, function: object, kind: str) -> None:
        self.middleware.append((function, kind))


def test_install_wraps_create_app_once(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[dict] = []

    def fake_create_app(**kwargs: object) -> FakeApp:
        made.append(kwargs)
        return FakeApp()

    monkeypatch.setattr(rasa.server, "create_app", fake_create_app)
    jwt_guard.install()
    jwt_guard.install()  # a second call does not wrap twice
    app = rasa.server.create_app(jwt_secret=SECRET, jwt_method="HS256")
    assert len(made) == 1
    assert [kind for _function, kind in app.middleware] == ["request"]
    assert rasa.server.create_app(jwt_secret=None).middleware == []  # no JWT, no guard
