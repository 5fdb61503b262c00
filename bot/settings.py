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
            (`SOCKETIO_SESSION_SECRET`, `bot/server/channels/sessions.py`); the same for all
            replicas. Unset: a random key per process.
        socketio_websocket_origins: The origins whose pages may open the socket.io
            WebSocket (`SOCKETIO_WEBSOCKET_ORIGINS`, space- or comma-separated; the stack
            sets the website's, as Rasa's `--cors`). A browser's upgrade from any other
            origin gets a 403. Unset: any origin.
        telegram_bot_token: The token BotFather gave the Telegram bot (`TELEGRAM_BOT_TOKEN`).
        telegram_webhook_secret: The secret Telegram sends in every update's
            `X-Telegram-Bot-Api-Secret-Token` header (`TELEGRAM_WEBHOOK_SECRET`, 1-256 of
            `A-Z a-z 0-9 _ -`); the same for all replicas.
        telegram_webhook_url: The public HTTPS URL of `/webhooks/telegram/webhook`, given
            to Telegram by `python -m bot.server.channels.telegram set-webhook`.
        telegram_api_url: The Bot API server (`TELEGRAM_API_URL`); Telegram's when unset,
            a local fake in the tests.
        hub_public_url: The website's public base URL (`HUB_PUBLIC_URL`): Telegram answers
            link their source line to its Sources page. Unset: no link.
        catalogue_api_url: The catalogue API (`CATALOGUE_API_URL`), whose project names the
            entity extractor learns (`bot/nlu/entities/catalogue_names.py`). Unset: the lexicon's
            names only (training, tests).
        catalogue_names_refresh_seconds: Time between two reads of those names
            (`CATALOGUE_NAMES_REFRESH_SECONDS`): a new project is found within it.
        catalogue_names_timeout_seconds: Connect and read timeout of one such read.
    """

    socketio_redis_url: str | None = None
    socketio_redis_channel: str = Field(default="hub-socketio", min_length=1)
    socketio_session_secret: SecretStr | None = None
    socketio_websocket_origins: str | None = None
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_url: str | None = None
    telegram_api_url: str | None = None
    hub_public_url: str | None = None
    catalogue_api_url: str | None = None
    catalogue_names_refresh_seconds: float = Field(default=30.0, gt=0, le=3600)
    catalogue_names_timeout_seconds: float = Field(default=3.0, gt=0, le=60)

    class Config:
        """Read from the environment only; names are case-insensitive."""

        frozen = True

    @validator(
        "socketio_redis_url",
        "socketio_session_secret",
        "socketio_websocket_origins",
        "telegram_bot_token",
        "telegram_webhook_secret",
        "telegram_webhook_url",
        "telegram_api_url",
        "hub_public_url",
        "catalogue_api_url",
        pre=True,
    )
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    def websocket_origins(self) -> frozenset[str] | None:
        """The origins allowed to open the socket.io WebSocket; None: any."""
        if self.socketio_websocket_origins is None:
            return None
        return frozenset(self.socketio_websocket_origins.replace(",", " ").split())


def load_bot_settings() -> BotSettings:
    """Reads the settings from the environment; the defaults run one server locally.

    Returns:
        The settings in force.
    """
    return BotSettings()
