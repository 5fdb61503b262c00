"""Configuration of the Rasa server's own code (the channels), read from the environment.

The pattern of `actions/settings.py`, on pydantic 1's `BaseSettings` (the version inside
Rasa's environment): every field is read from the environment variable of the same name
in upper case. Rasa's own configuration stays in `credentials.yml` and `endpoints.yml`.
"""

from __future__ import annotations

from pydantic import BaseSettings, Field, SecretStr, validator


class BotSettings(BaseSettings):
    """Settings of the Rasa server's channels.

    Attributes:
        socketio_redis_url: Redis URL through which several Rasa servers share their
            socket.io visitors (`SOCKETIO_REDIS_URL`, e.g. `redis://127.0.0.1:6379/0`). Unset
            or blank: each server keeps its sockets to itself, as one server needs.
        socketio_redis_channel: The Redis pub/sub channel those servers talk on; the same
            for all replicas of one deployment (`SOCKETIO_REDIS_CHANNEL`).
        socketio_session_secret: The secret that signs socket.io session ids
            (`SOCKETIO_SESSION_SECRET`, `bot/channels/sessions.py`); the same for all
            replicas. Unset: a random key per process.
    """

    socketio_redis_url: str | None = None
    socketio_redis_channel: str = Field(default="hub-socketio", min_length=1)
    socketio_session_secret: SecretStr | None = None

    class Config:
        """Read from the environment only; names are case-insensitive."""

        frozen = True

    @validator("socketio_redis_url", "socketio_session_secret", pre=True)
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value


def load_bot_settings() -> BotSettings:
    """Reads the settings from the environment; the defaults run one server locally.

    Returns:
        The settings in force.
    """
    return BotSettings()
