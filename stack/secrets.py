"""The credentials the stack's services share, generated once per state directory.

Rasa's HTTP API takes no token in its URLs: the Rasa server runs with `--jwt-secret`, and
its clients send a short-lived JWT signed with that secret in the `Authorization` header
(:func:`rasa_jwt`; the website signs its own with PyJWT).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

#: How long a token made by :func:`rasa_jwt` is valid.
RASA_JWT_TTL_SECONDS = 60


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def rasa_jwt(secret: str, ttl_seconds: int = RASA_JWT_TTL_SECONDS) -> str:
    """A JWT (HS256) that Rasa's HTTP API accepts as an administrator's, for `ttl_seconds`.

    Rasa (`rasa/server.py`, `requires_auth`) reads `user.role` from the payload; `admin`
    may call every endpoint. Standard library only, like the rest of the stack runner.

    Args:
        secret: The Rasa server's `--jwt-secret`.
        ttl_seconds: Lifetime of the token.

    Returns:
        The encoded token.
    """
    header = {"alg": "HS256", "typ": "JWT"}
    payload = {
        "user": {"username": "hub-stack", "role": "admin"},
        "exp": int(time.time()) + ttl_seconds,
    }
    signing_input = ".".join(
        _base64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, payload)
    )
    signature = hmac.new(secret.encode(), signing_input.encode("ascii"), hashlib.sha256)
    return f"{signing_input}.{_base64url(signature.digest())}"


@dataclass(frozen=True)
class Secrets:
    """Credentials the services share; generated once per state directory."""

    catalogue_api_key: str
    rasa_jwt_secret: str
    session_secret: str
    #: Signs the socket.io session ids that Rasa issues to visitors
    #: (bot/server/channels/sessions.py).
    socketio_session_secret: str
    staff_user: str
    staff_password: str
    #: Key of the console audit log's hash of a conversation (HMAC-SHA256), AUDIT_HASH_KEY.
    audit_hash_key: str
    #: Rasa's bearer token to the action server (`action_endpoint.headers`, endpoints.yml).
    action_server_token: str
    #: The action server's key to the catalogue's lead intake (`POST /leads`).
    lead_intake_key: str
    #: What Telegram sends in every update's header (TELEGRAM_WEBHOOK_SECRET; issue 24).
    telegram_webhook_secret: str = ""

    @classmethod
    def load_or_create(cls, path: Path) -> Secrets:
        """Reads the secrets file, or writes a new one with random values.

        Values set in the environment (CATALOGUE_API_KEY, RASA_JWT_SECRET, SESSION_SECRET,
        SOCKETIO_SESSION_SECRET, HUB_STAFF_USER, HUB_STAFF_PASSWORD) take precedence over
        the file. A secret the file lacks (one added since it was written) is generated
        and written into it.
        """
        stored = json.loads(path.read_text()) if path.exists() else {}
        generated = {
            "catalogue_api_key": lambda: secrets.token_urlsafe(24),
            "rasa_jwt_secret": lambda: secrets.token_urlsafe(32),
            "session_secret": lambda: secrets.token_urlsafe(32),
            "socketio_session_secret": lambda: secrets.token_urlsafe(32),
            "staff_user": lambda: "staff",
            "staff_password": lambda: secrets.token_urlsafe(12),
            "audit_hash_key": lambda: secrets.token_urlsafe(32),
            "action_server_token": lambda: secrets.token_urlsafe(32),
            "lead_intake_key": lambda: secrets.token_urlsafe(32),
            "telegram_webhook_secret": lambda: secrets.token_urlsafe(32),
        }
        missing = {name: make() for name, make in generated.items() if name not in stored}
        if missing:
            stored = {**stored, **missing}
            path.parent.mkdir(parents=True, exist_ok=True)
            # Readable by the owner only from the start (not after a chmod).
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w") as file:
                file.write(json.dumps(stored, indent=2))
            path.chmod(0o600)
        env = os.environ
        return cls(
            catalogue_api_key=env.get("CATALOGUE_API_KEY", stored["catalogue_api_key"]),
            rasa_jwt_secret=env.get("RASA_JWT_SECRET", stored["rasa_jwt_secret"]),
            session_secret=env.get("SESSION_SECRET", stored["session_secret"]),
            socketio_session_secret=env.get(
                "SOCKETIO_SESSION_SECRET", stored["socketio_session_secret"]
            ),
            staff_user=env.get("HUB_STAFF_USER", stored["staff_user"]),
            staff_password=env.get("HUB_STAFF_PASSWORD", stored["staff_password"]),
            audit_hash_key=env.get("AUDIT_HASH_KEY", stored["audit_hash_key"]),
            action_server_token=env.get("ACTION_SERVER_TOKEN", stored["action_server_token"]),
            lead_intake_key=env.get("LEAD_INTAKE_KEY", stored["lead_intake_key"]),
            telegram_webhook_secret=env.get(
                "TELEGRAM_WEBHOOK_SECRET", stored["telegram_webhook_secret"]
            ),
        )

    @property
    def rasa_token(self) -> str:
        """Gone: Rasa takes no token in URLs (they end up in logs and proxies) any more."""
        raise AttributeError(
            "Rasa's HTTP API takes no ?token= any more: send headers=secrets.rasa_headers()"
        )

    def rasa_headers(self) -> dict[str, str]:
        """Headers that authenticate a call to Rasa's HTTP API (a fresh short-lived JWT)."""
        return {"Authorization": f"Bearer {rasa_jwt(self.rasa_jwt_secret)}"}


if __name__ == "__main__":  # `python -m stack.secrets`: a header value for curl
    state_file = Path(__file__).resolve().parent.parent / "var" / "secrets.json"
    print(Secrets.load_or_create(state_file).rasa_headers()["Authorization"])
