"""Settings read from the environment: the only module that looks at ``os.environ``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: ``web/hub_web/settings.py`` -> the repository root (two levels above the package).
REPO_ROOT = Path(__file__).resolve().parents[2]
WEB_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRACKER_DB_URL = f"sqlite:///{REPO_ROOT / 'var' / 'tracker.db'}"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_RASA_URL = "http://127.0.0.1:5005"
DEFAULT_CATALOGUE_API_URL = "http://127.0.0.1:8000"


class SettingsError(ValueError):
    """Raised when an environment variable holds an unusable value."""


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of the website and staff console.

    Attributes:
        host: Interface uvicorn binds to.
        port: TCP port uvicorn listens on.
        rasa_url: Base URL of the Rasa server's HTTP API, called by the console server-side.
        rasa_public_url: Rasa's URL as visitors' browsers reach it (socket.io); ``rasa_url``
            unless ``RASA_PUBLIC_URL`` says otherwise (e.g. behind a reverse proxy).
        rasa_token: Token for Rasa's HTTP API (``?token=``); never sent to browsers.
        catalogue_api_url: Base URL of the catalogue API.
        catalogue_api_key: ``X-API-Key`` for the catalogue's staff endpoints.
        staff_users: Raw ``STAFF_USERS`` value (``name:hash,name:hash``); empty disables sign-in.
        session_secret: Key that signs the console session cookie; ``None`` disables sign-in.
        tracker_db_url: URL of Rasa's SQL tracker store, read only for the language chart.
        node_modules_dir: Where ``npm ci`` put the browser assets.
        secure_cookies: Mark the session cookie ``Secure`` (set when served over HTTPS).
        log_level: Log level for uvicorn.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    rasa_url: str = DEFAULT_RASA_URL
    rasa_public_url: str = DEFAULT_RASA_URL
    rasa_token: str | None = None
    catalogue_api_url: str = DEFAULT_CATALOGUE_API_URL
    catalogue_api_key: str | None = None
    staff_users: str = ""
    session_secret: str | None = field(default=None, repr=False)
    tracker_db_url: str = DEFAULT_TRACKER_DB_URL
    node_modules_dir: Path = WEB_ROOT / "node_modules"
    secure_cookies: bool = False
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


def _url_env(env: dict[str, str], name: str, default: str) -> str:
    value = env.get(name, "").strip() or default
    if not value.startswith(("http://", "https://")):
        raise SettingsError(f"{name} must be an http(s) URL, got {value!r}")
    return value.rstrip("/")


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from environment variables.

    Variables: ``WEB_HOST``, ``WEB_PORT``, ``RASA_URL``, ``RASA_PUBLIC_URL``, ``RASA_TOKEN``,
    ``CATALOGUE_API_URL``, ``CATALOGUE_API_KEY``, ``STAFF_USERS``, ``SESSION_SECRET``,
    ``RASA_TRACKER_DB_URL``, ``WEB_NODE_MODULES``, ``WEB_SECURE_COOKIES``, ``WEB_LOG_LEVEL``.

    Args:
        environ: Mapping to read instead of ``os.environ`` (for tests).

    Returns:
        The settings.

    Raises:
        SettingsError: If a variable holds an unusable value.
    """
    env = dict(os.environ if environ is None else environ)
    log_level = env.get("WEB_LOG_LEVEL", "info").strip().lower() or "info"
    if log_level not in {"critical", "error", "warning", "info", "debug"}:
        raise SettingsError(f"WEB_LOG_LEVEL must be a log level name, got {log_level!r}")
    session_secret = env.get("SESSION_SECRET", "").strip() or None
    if session_secret is not None and len(session_secret) < 16:
        raise SettingsError("SESSION_SECRET must be at least 16 characters long")
    node_modules = env.get("WEB_NODE_MODULES", "").strip()
    rasa_url = _url_env(env, "RASA_URL", DEFAULT_RASA_URL)
    return Settings(
        host=env.get("WEB_HOST", "").strip() or DEFAULT_HOST,
        port=_int_env(env, "WEB_PORT", DEFAULT_PORT, 1, 65535),
        rasa_url=rasa_url,
        rasa_public_url=_url_env(env, "RASA_PUBLIC_URL", rasa_url),
        rasa_token=env.get("RASA_TOKEN", "").strip() or None,
        catalogue_api_url=_url_env(env, "CATALOGUE_API_URL", DEFAULT_CATALOGUE_API_URL),
        catalogue_api_key=env.get("CATALOGUE_API_KEY", "").strip() or None,
        staff_users=env.get("STAFF_USERS", "").strip(),
        session_secret=session_secret,
        tracker_db_url=env.get("RASA_TRACKER_DB_URL", "").strip() or DEFAULT_TRACKER_DB_URL,
        node_modules_dir=Path(node_modules) if node_modules else Settings.node_modules_dir,
        secure_cookies=env.get("WEB_SECURE_COOKIES", "").strip().lower() in {"1", "true", "yes"},
        log_level=log_level,
    )
