"""Configuration of the action server, read from the environment in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Settings of the action server.

    Attributes:
        catalogue_api_url: Base URL of the project catalogue API.
        catalogue_timeout_seconds: Connect and read timeout of one HTTP call.
        catalogue_read_retries: Extra attempts for idempotent (GET) calls.
        outbox_path: SQLite file that keeps leads until the catalogue API has them.
        outbox_retry_seconds: Pause between two delivery rounds of pending leads.
        search_page_size: Number of project cards shown at once.
    """

    catalogue_api_url: str = "http://127.0.0.1:8000"
    catalogue_timeout_seconds: float = 2.5
    catalogue_read_retries: int = 1
    outbox_path: Path = REPO_ROOT / "var" / "lead_outbox.sqlite3"
    outbox_retry_seconds: float = 5.0
    search_page_size: int = 3


def load_settings() -> Settings:
    """Reads the settings from the environment, with defaults that run locally.

    Returns:
        The settings in force.
    """
    defaults = Settings()
    env = os.environ
    return Settings(
        catalogue_api_url=env.get("CATALOGUE_API_URL", defaults.catalogue_api_url).rstrip("/"),
        catalogue_timeout_seconds=float(
            env.get("CATALOGUE_TIMEOUT_SECONDS", defaults.catalogue_timeout_seconds)
        ),
        catalogue_read_retries=int(
            env.get("CATALOGUE_READ_RETRIES", defaults.catalogue_read_retries)
        ),
        outbox_path=Path(env.get("LEAD_OUTBOX_PATH", defaults.outbox_path)),
        outbox_retry_seconds=float(
            env.get("LEAD_OUTBOX_RETRY_SECONDS", defaults.outbox_retry_seconds)
        ),
        search_page_size=int(env.get("SEARCH_PAGE_SIZE", defaults.search_page_size)),
    )
