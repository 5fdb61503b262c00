"""Settings from the environment (pydantic-settings): the only module that reads it.

One :class:`Settings` class whose fields name their environment variables, and one cached
instance for the process, :func:`get_settings` (the pattern of the FastAPI full-stack template's
``core/config.py``). Blank variables count as unset; no ``.env`` file is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, field_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

#: ``catalogue/catalogue_api/settings.py`` -> the repository root (two levels above the package).
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = REPO_ROOT / "var" / "catalogue.db"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY_BYTES = 64 * 1024
DEFAULT_RETENTION_DAYS = 365
DEFAULT_RETENTION_INTERVAL_HOURS = 24.0
DEFAULT_CACHE_MAX_AGE_SECONDS = 30

LogLevel = Literal["critical", "error", "warning", "info", "debug"]


class SettingsError(ValueError):
    """Raised when an environment variable holds an unusable value."""


def _stripped_or_default(value: Any) -> Any:
    """Strip a text value; a blank one means "not set" and gives the field's default."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise PydanticUseDefault
    return value


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


#: Marks a field as read from the environment: stripped, blank = default.
FromEnv = BeforeValidator(_stripped_or_default)


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


class Settings(BaseSettings):
    """Runtime configuration of the catalogue API (variables in catalogue/README.md).

    Attributes:
        database_url: ``DATABASE_URL``, a SQLAlchemy URL (``sqlite:///...`` or
            ``postgresql+psycopg://...``; ``postgresql://`` is mapped to psycopg 3).
        api_key: ``CATALOGUE_API_KEY``, key for the ``/staff`` endpoints; ``None`` disables
            them (503).
        lead_intake_key: ``LEAD_INTAKE_KEY``, key of ``POST /leads`` (header
            ``X-Lead-Intake-Key``), held by the action server only; ``None`` disables the
            intake (503).
        host: ``CATALOGUE_HOST``, interface uvicorn binds to.
        port: ``CATALOGUE_PORT``, TCP port uvicorn listens on.
        max_body_bytes: ``CATALOGUE_MAX_BODY_BYTES``, largest accepted request body; larger
            ones get 413.
        log_level: ``CATALOGUE_LOG_LEVEL``, log level for uvicorn and the application logger.
        retention_days: ``RETENTION_DAYS``, unqualified leads unchanged for this many days are
            deleted (``0`` keeps them); the website's setting of the same name removes
            conversations without a lead.
        retention_interval_hours: ``RETENTION_INTERVAL_HOURS``, how often the running service
            applies the retention (``0``: never by itself, only ``python -m catalogue_api
            retention``).
        cache_max_age_seconds: ``CATALOGUE_CACHE_MAX_AGE_SECONDS``, how long clients may keep
            an answer of the public reads (``Cache-Control: public, max-age``), so staff changes
            reach the bot within this many seconds; ``0`` sends ``no-store``.
    """

    model_config = SettingsConfigDict(
        case_sensitive=True,
        extra="ignore",
        frozen=True,
        validate_by_alias=True,
        validate_by_name=True,
    )

    database_url: Annotated[str, FromEnv, Field(validation_alias="DATABASE_URL")] = (
        f"sqlite:///{DEFAULT_SQLITE_PATH}"
    )
    api_key: Annotated[
        str | None, FromEnv, Field(repr=False, validation_alias="CATALOGUE_API_KEY")
    ] = None
    lead_intake_key: Annotated[
        str | None, FromEnv, Field(repr=False, validation_alias="LEAD_INTAKE_KEY")
    ] = None
    host: Annotated[str, FromEnv, Field(validation_alias="CATALOGUE_HOST")] = DEFAULT_HOST
    port: Annotated[int, FromEnv, Field(ge=1, le=65535, validation_alias="CATALOGUE_PORT")] = (
        DEFAULT_PORT
    )
    max_body_bytes: Annotated[
        int,
        FromEnv,
        Field(ge=1024, le=10 * 1024 * 1024, validation_alias="CATALOGUE_MAX_BODY_BYTES"),
    ] = DEFAULT_MAX_BODY_BYTES
    log_level: Annotated[
        LogLevel, BeforeValidator(_lower), FromEnv, Field(validation_alias="CATALOGUE_LOG_LEVEL")
    ] = "info"
    retention_days: Annotated[
        int, FromEnv, Field(ge=0, le=100 * 366, validation_alias="RETENTION_DAYS")
    ] = DEFAULT_RETENTION_DAYS
    retention_interval_hours: Annotated[
        float, FromEnv, Field(ge=0, le=24 * 366, validation_alias="RETENTION_INTERVAL_HOURS")
    ] = DEFAULT_RETENTION_INTERVAL_HOURS
    cache_max_age_seconds: Annotated[
        int, FromEnv, Field(ge=0, le=24 * 3600, validation_alias="CATALOGUE_CACHE_MAX_AGE_SECONDS")
    ] = DEFAULT_CACHE_MAX_AGE_SECONDS

    @field_validator("database_url")
    @classmethod
    def _psycopg_driver(cls, url: str) -> str:
        return normalise_database_url(url)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Read keyword arguments, then the environment; no ``.env`` file, no secrets dir."""
        return init_settings, env_settings


#: The environment variable of each field.
ENV_NAMES: dict[str, str] = {
    name: str(field.validation_alias) for name, field in Settings.model_fields.items()
}


def _explain(error: ValidationError) -> str:
    """One line per unusable variable, named as in the environment; never its value."""
    problems = []
    for problem in error.errors(include_url=False):
        name = str(problem["loc"][0]) if problem["loc"] else "settings"
        problems.append(f"{ENV_NAMES.get(name, name)}: {problem['msg']}")
    return "; ".join(problems)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read :class:`Settings` anew from the environment.

    The catalogue and the website each keep this function, word for word the same
    (``tests/test_settings_loaders.py`` fails when they drift): a shared module would tie
    the two deployables' environments together.

    Args:
        environ: Mapping to read instead of ``os.environ`` (for tests).

    Returns:
        The settings.

    Raises:
        SettingsError: If a variable holds an unusable value.
    """
    try:
        if environ is None:
            return Settings()
        variables = {name: environ[name] for name in ENV_NAMES.values() if name in environ}
        return Settings.model_validate(variables)
    except ValidationError as error:
        raise SettingsError(_explain(error)) from None


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read from the environment on first use.

    Raises:
        SettingsError: If a variable holds an unusable value.
    """
    return load_settings()
