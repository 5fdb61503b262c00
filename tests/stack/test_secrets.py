"""The stack's shared secrets: generated once, owner-only, and Rasa's short-lived JWT."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import jwt
import pytest

from stack.secrets import Secrets, rasa_jwt

NAMES = {
    "catalogue_api_key",
    "rasa_jwt_secret",
    "session_secret",
    "socketio_session_secret",
    "staff_user",
    "staff_password",
    "audit_hash_key",
    "action_server_token",
    "lead_intake_key",
    "telegram_webhook_secret",
}


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment of the test run does not override the file."""
    for name in ("CATALOGUE_API_KEY", "RASA_JWT_SECRET", "SESSION_SECRET", "HUB_STAFF_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("HUB_STAFF_PASSWORD", raising=False)
    monkeypatch.delenv("AUDIT_HASH_KEY", raising=False)
    monkeypatch.delenv("SOCKETIO_SESSION_SECRET", raising=False)
    monkeypatch.delenv("ACTION_SERVER_TOKEN", raising=False)
    monkeypatch.delenv("LEAD_INTAKE_KEY", raising=False)


def test_secrets_are_generated_once_readable_by_the_owner_only(tmp_path: Path) -> None:
    """A new file holds every secret, mode 600; loading it again gives the same values."""
    path = tmp_path / "secrets.json"
    first = Secrets.load_or_create(path)
    assert set(json.loads(path.read_text())) == NAMES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Secrets.load_or_create(path) == first


def test_a_file_from_before_gets_the_jwt_secret_added(tmp_path: Path) -> None:
    """A secrets file written before Rasa took JWTs keeps its values and gains the new one."""
    path = tmp_path / "secrets.json"
    old = {
        "catalogue_api_key": "key",
        "rasa_token": "old-token",
        "session_secret": "s" * 32,
        "staff_user": "staff",
        "staff_password": "pw",
    }
    path.write_text(json.dumps(old))
    secrets = Secrets.load_or_create(path)
    assert (secrets.catalogue_api_key, secrets.staff_password) == ("key", "pw")
    assert len(secrets.rasa_jwt_secret) >= 32
    assert json.loads(path.read_text())["rasa_jwt_secret"] == secrets.rasa_jwt_secret


def test_rasa_jwt_is_an_admin_token_for_a_minute() -> None:
    """The token verifies with the secret (PyJWT, as Rasa's sanic-jwt does) and expires soon."""
    token = rasa_jwt("a-secret-of-enough-length-for-hs256!")
    payload = jwt.decode(token, "a-secret-of-enough-length-for-hs256!", algorithms=["HS256"])
    assert payload["user"] == {"username": "hub-stack", "role": "admin"}
    assert 0 < payload["exp"] - time.time() <= 60
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "another-secret-of-enough-length!!!", algorithms=["HS256"])


def test_headers_carry_the_token_and_the_old_url_token_is_gone(tmp_path: Path) -> None:
    """Calls send ``Authorization: Bearer``; asking for the old ``?token=`` value says why not."""
    secrets = Secrets.load_or_create(tmp_path / "secrets.json")
    scheme, token = secrets.rasa_headers()["Authorization"].split(" ")
    assert scheme == "Bearer"
    assert jwt.decode(token, secrets.rasa_jwt_secret, algorithms=["HS256"])["user"]["role"] == (
        "admin"
    )
    with pytest.raises(AttributeError, match="rasa_headers"):
        _ = secrets.rasa_token


def test_the_action_server_token_and_the_intake_key_are_secrets_of_their_own(
    tmp_path: Path,
) -> None:
    """Issue 18, 3: Rasa -> action server and action server -> lead intake, each its own."""
    secrets = Secrets.load_or_create(tmp_path / "secrets.json")
    values = [
        secrets.action_server_token,
        secrets.lead_intake_key,
        secrets.catalogue_api_key,
        secrets.rasa_jwt_secret,
    ]
    assert len(set(values)) == len(values)
    assert min(len(secrets.action_server_token), len(secrets.lead_intake_key)) >= 32
