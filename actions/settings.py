"""Configuration of the action server, read from the environment in one place.

The pattern of the FastAPI template's `core/config.py`, on pydantic 1's `BaseSettings`
(the version inside Rasa's environment): every field is read from the environment
variable of the same name in upper case, or from the alias given.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseSettings, Field, validator

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Settings of the action server.

    Attributes:
        catalogue_api_url: Base URL of the project catalogue API (`CATALOGUE_API_URL`).
        catalogue_timeout_seconds: Connect and read timeout of one HTTP call
            (`CATALOGUE_TIMEOUT_SECONDS`).
        catalogue_read_retries: Extra attempts for idempotent (GET) calls
            (`CATALOGUE_READ_RETRIES`).
        outbox_path: SQLite file that keeps leads until the catalogue API has them
            (`LEAD_OUTBOX_PATH`), unless `outbox_url` is set.
        outbox_url: Database URL of the lead outbox that several action servers share, e.g.
            `postgresql://user:password@host/db` (`LEAD_OUTBOX_URL`; unset or blank: the file).
        outbox_retry_seconds: Pause between two delivery rounds of pending leads
            (`LEAD_OUTBOX_RETRY_SECONDS`).
        outbox_keep_settled_hours: How long the outbox keeps its copy of a lead the
            catalogue stored or refused, for a handoff later in the same conversation
            (`LEAD_OUTBOX_KEEP_HOURS`); then only the catalogue holds it.
        search_page_size: Number of project cards shown at once (`SEARCH_PAGE_SIZE`).
        action_server_host: Interface the action server listens on (`ACTION_SERVER_HOST`).
        action_server_port: Its TCP port (`ACTION_SERVER_PORT`).
        action_server_token: The bearer token Rasa sends with every action call
            (`ACTION_SERVER_TOKEN`); unset: every call but `/health` is refused (503).
        lead_intake_key: The catalogue's lead-intake key, sent as `X-Lead-Intake-Key` with
            every lead (`LEAD_INTAKE_KEY`).
    """

    catalogue_api_url: str = "http://127.0.0.1:8000"
    catalogue_timeout_seconds: float = Field(default=2.5, gt=0)
    catalogue_read_retries: int = Field(default=1, ge=0)
    outbox_path: Path = Field(
        default=REPO_ROOT / "var" / "lead_outbox.sqlite3", env="LEAD_OUTBOX_PATH"
    )
    outbox_url: str | None = Field(default=None, env="LEAD_OUTBOX_URL")
    outbox_retry_seconds: float = Field(default=5.0, gt=0, env="LEAD_OUTBOX_RETRY_SECONDS")
    outbox_keep_settled_hours: float = Field(default=24.0, ge=0, env="LEAD_OUTBOX_KEEP_HOURS")
    search_page_size: int = Field(default=3, ge=1, le=20)
    action_server_host: str = Field(default="127.0.0.1", env="ACTION_SERVER_HOST")
    action_server_port: int = Field(default=5055, ge=1, le=65535, env="ACTION_SERVER_PORT")
    action_server_token: str | None = Field(default=None, env="ACTION_SERVER_TOKEN", repr=False)
    lead_intake_key: str | None = Field(default=None, env="LEAD_INTAKE_KEY", repr=False)

    class Config:
        """Read from the environment only; names are case-insensitive."""

        frozen = True

    @validator("catalogue_api_url")
    def _without_trailing_slash(cls, url: str) -> str:
        return url.rstrip("/")

    @validator("outbox_url", "action_server_token", "lead_intake_key", pre=True)
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @property
    def outbox_location(self) -> Path | str:
        """Where the lead outbox is: `outbox_url` if set, else the `outbox_path` file."""
        return self.outbox_url or self.outbox_path


def load_settings() -> Settings:
    """Reads the settings from the environment, with defaults that run locally.

    Returns:
        The settings in force.
    """
    return Settings()
