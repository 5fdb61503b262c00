"""The credentials the stack's services share, generated once per state directory."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Secrets:
    """Credentials the services share; generated once per state directory."""

    catalogue_api_key: str
    rasa_token: str
    session_secret: str
    staff_user: str
    staff_password: str

    @classmethod
    def load_or_create(cls, path: Path) -> Secrets:
        """Reads the secrets file, or writes a new one with random values.

        Values set in the environment (CATALOGUE_API_KEY, RASA_TOKEN, SESSION_SECRET,
        HUB_STAFF_USER, HUB_STAFF_PASSWORD) take precedence over the file.
        """
        if path.exists():
            stored = json.loads(path.read_text())
        else:
            stored = {
                "catalogue_api_key": secrets.token_urlsafe(24),
                "rasa_token": secrets.token_urlsafe(24),
                "session_secret": secrets.token_urlsafe(32),
                "staff_user": "staff",
                "staff_password": secrets.token_urlsafe(12),
            }
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(stored, indent=2))
            path.chmod(0o600)
        env = os.environ
        return cls(
            catalogue_api_key=env.get("CATALOGUE_API_KEY", stored["catalogue_api_key"]),
            rasa_token=env.get("RASA_TOKEN", stored["rasa_token"]),
            session_secret=env.get("SESSION_SECRET", stored["session_secret"]),
            staff_user=env.get("HUB_STAFF_USER", stored["staff_user"]),
            staff_password=env.get("HUB_STAFF_PASSWORD", stored["staff_password"]),
        )
