"""Settings read from the environment: the only module that looks at ``os.environ``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: ``catalogue/catalogue_api/settings.py`` -> the repository root (two levels above the package).
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = REPO_ROOT / "var" / "catalogue.db"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY_BYTES = 64 * 1024


class SettingsError(ValueError):
    """Raised when an environment variable holds an unusable value."""


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of the catalogue API.

    Attributes:
        database_url: SQLAlchemy URL (``sqlite:///...`` or ``postgresql+psycopg://...``).
        api_key: Key for the ``/staff`` endpoints; ``None`` disables them (503).
        host: Interface uvicorn binds to.
        port: TCP port uvicorn listens on.
        max_body_bytes: Largest accepted request body; larger ones get 413.
        log_level: Log level for uvicorn and the application logger.
    """

    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    api_key: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    log_level: str = "info"


def _int_env(env: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
    return value


def normalise_database_url(url: str) -> str:
    """Map plain PostgreSQL URLs onto the psycopg (v3) driver, which is the one installed.

    Args:
        url: A SQLAlchemy database URL.

    Returns:
        The URL, with ``postgres://`` and ``postgresql://`` rewritten to ``postgresql+psycopg://``.
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from environment variables.

    Variables: ``DATABASE_URL``, ``CATALOGUE_API_KEY``, ``CATALOGUE_HOST``, ``CATALOGUE_PORT``,
    ``CATALOGUE_MAX_BODY_BYTES``, ``CATALOGUE_LOG_LEVEL``.

    Args:
        environ: Mapping to read instead of ``os.environ`` (for tests).

    Returns:
        The settings.

    Raises:
        SettingsError: If a variable holds an unusable value.
    """
    env = dict(os.environ if environ is None else environ)
    database_url = env.get("DATABASE_URL", "").strip() or Settings.database_url
    api_key = env.get("CATALOGUE_API_KEY", "").strip() or None
    log_level = env.get("CATALOGUE_LOG_LEVEL", "info").strip().lower() or "info"
    if log_level not in {"critical", "error", "warning", "info", "debug"}:
        raise SettingsError(f"CATALOGUE_LOG_LEVEL must be a log level name, got {log_level!r}")
    return Settings(
        database_url=normalise_database_url(database_url),
        api_key=api_key,
        host=env.get("CATALOGUE_HOST", "").strip() or DEFAULT_HOST,
        port=_int_env(env, "CATALOGUE_PORT", DEFAULT_PORT, 1, 65535),
        max_body_bytes=_int_env(
            env, "CATALOGUE_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 10 * 1024 * 1024
        ),
        log_level=log_level,
    )
