"""Settings read from the environment: the only module that looks at it.

Shaped like the FastAPI full-stack template's ``core/config.py``: one
:class:`pydantic_settings.BaseSettings` class and one cached accessor, :func:`get_settings`.
Each field is read from the environment variable named by its ``validation_alias``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from hub_vocabulary import CATALOGUE_SERVICE_TYPES
from hub_web.office_hours import DEFAULT_OFFICE_HOURS, HUB_TIME_ZONE, OfficeHours

#: ``web/hub_web/settings.py`` -> the repository root (two levels above the package).
REPO_ROOT = Path(__file__).resolve().parents[2]
WEB_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONSOLE_DB_URL = f"sqlite:///{REPO_ROOT / 'var' / 'console.db'}"
#: Where Rasa's SQL event broker writes (``event_broker`` in the root ``endpoints.yml``).
DEFAULT_SQL_BROKER_URL = f"sqlite:///{REPO_ROOT / 'var' / 'events.db'}"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
#: The Rasa domain whose intents and entities the review queue offers (``domain.yml``).
DEFAULT_DOMAIN_DIR = REPO_ROOT / "domain.yml"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_RASA_URL = "http://127.0.0.1:5005"
DEFAULT_CATALOGUE_API_URL = "http://127.0.0.1:8000"


class SettingsError(ValueError):
    """Raised when an environment variable holds an unusable value."""


def _http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    return value.rstrip("/")


def _is_yes(value: object) -> bool:
    return str(value).lower() in {"1", "true", "yes"}


def _lower(value: object) -> str:
    return str(value).lower()


def _office_hours(value: str) -> str:
    OfficeHours.parse(value)  # OfficeHoursError is a ValueError: a validation error
    return value


def _time_zone(value: str) -> str:
    """An IANA time zone this machine knows (``Asia/Shanghai``)."""
    try:
        ZoneInfo(value)
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a known IANA time zone: {value!r}") from exc
    return value


def _addresses(value: object) -> tuple[str, ...]:
    """Comma-separated addresses (or a sequence of them), each with an ``@`` and no spaces."""
    parts = value.split(",") if isinstance(value, str) else value
    if not isinstance(parts, list | tuple):
        raise ValueError("expected comma-separated e-mail addresses")
    addresses = tuple(str(part).strip() for part in parts if str(part).strip())
    for address in addresses:
        if "@" not in address or any(char.isspace() for char in address):
            raise ValueError(f"not an e-mail address: {address!r}")
    return addresses


def _addresses_by_service(value: object) -> dict[str, tuple[str, ...]]:
    """``legal=a@example.org; visa=b@example.org,c@example.org`` by service type code."""
    if isinstance(value, Mapping):
        return {str(key): tuple(item) for key, item in value.items()}
    mapping: dict[str, tuple[str, ...]] = {}
    for group in filter(None, (part.strip() for part in str(value).split(";"))):
        service, equals, addresses = group.partition("=")
        service = service.strip().lower()
        if not equals or service not in CATALOGUE_SERVICE_TYPES:
            raise ValueError(f"expected 'service=address,...' with a service type, got {group!r}")
        mapping[service] = _addresses(addresses)
    return mapping


HttpUrl = Annotated[str, AfterValidator(_http_url)]
#: ``NoDecode``: the environment's text goes to the validator, not through ``json.loads``.
Addresses = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_addresses)]
LogLevel = Annotated[
    Literal["critical", "error", "warning", "info", "debug"], BeforeValidator(_lower)
]


class Settings(BaseSettings):
    """Runtime configuration of the website and staff console.

    Attributes:
        host: Interface uvicorn binds to.
        port: TCP port uvicorn listens on.
        rasa_url: Base URL of the Rasa server's HTTP API, called by the console server-side.
        rasa_public_url: Rasa's URL as visitors' browsers reach it (socket.io); ``rasa_url``
            unless ``RASA_PUBLIC_URL`` says otherwise (e.g. behind a reverse proxy).
        rasa_jwt_secret: The Rasa server's ``--jwt-secret``: the console signs a short-lived
            token with it for each call to Rasa's HTTP API (a header, never the URL); never
            sent to browsers.
        catalogue_api_url: Base URL of the catalogue API.
        catalogue_api_key: ``X-API-Key`` for the catalogue's staff endpoints.
        staff_users: Raw ``STAFF_USERS`` value (``name:hash,name:hash``); empty disables sign-in.
        session_secret: Key that signs the console session cookie; ``None`` disables sign-in.
        audit_hash_key: Key of the audit log's keyed hash of a conversation's sender id
            (HMAC-SHA256); unset: one derived from ``session_secret``.
        console_db_url: SQLAlchemy URL of the console's own tables (conversations from Rasa's
            events); created if missing.
        event_broker: Which of Rasa's event brokers the console consumes: ``sql`` (Rasa's SQL
            event broker), ``rabbitmq`` (Rasa's ``pika`` broker) or ``none``.
        event_broker_url: The SQL broker's database URL, or the AMQP URL for ``rabbitmq``.
        event_queue: The console's RabbitMQ queue, bound to Rasa's exchange.
        event_poll_seconds: How often the SQL broker's table is read for new rows.
        review_confidence_threshold: Visitor messages whose intent confidence is below this
            go to the console's review queue.
        review_form_idle_minutes: A lead form left open this long without consent counts as
            abandoned in the review queue.
        domain_dir: The Rasa domain's folder; the review queue offers its intents and entities.
        node_modules_dir: Where ``npm ci`` put the browser assets.
        secure_cookies: Mark the session cookie ``Secure`` (set when served over HTTPS).
        log_level: Log level for uvicorn.
        retention_days: Conversations without a lead whose last event is older than this many
            days are erased (Rasa's tracker and the console's copies); ``0`` keeps them. The
            catalogue's setting of the same name deletes unqualified leads.
        retention_interval_hours: How often the running console applies the retention
            (``0``: never by itself, only ``python -m hub_web retention``).
        office_hours: When staff answer, in Qingdao time (:mod:`hub_web.office_hours`); a
            configuration value, not published by the hub.
        hub_time_zone: The hub's IANA time zone (``HUB_TIME_ZONE``, Qingdao's by default):
            office hours, and the console's times and charts.
        public_url: The website's address as staff reach it, for links in e-mails; unset:
            ``http://WEB_HOST:WEB_PORT``.
        smtp_host: The mail server for staff alerts; unset: no e-mail is sent.
        smtp_port: Its port.
        smtp_security: ``starttls`` (upgrade the connection), ``tls`` (TLS from the start) or
            ``none`` (plain, for a relay on this machine).
        smtp_username: The mail server's user name, if it wants one.
        smtp_password: Its password (from the environment only; never logged).
        alert_from: The alerts' ``From`` address.
        alert_email: Where alerts go (comma-separated addresses).
        alert_email_by_service: Where a lead naming a service type goes instead
            (``legal=a@example.org; visa=b@example.org``).
        alert_poll_seconds: How often new handoffs and leads are looked for in the console's
            event log.
        alert_retry_seconds: The wait before a failed e-mail's first retry; it doubles up to
            ``alert_retry_max_seconds``.
    """

    model_config = SettingsConfigDict(case_sensitive=True, extra="ignore", frozen=True)

    host: str = Field(DEFAULT_HOST, validation_alias="WEB_HOST")
    port: int = Field(DEFAULT_PORT, ge=1, le=65535, validation_alias="WEB_PORT")
    rasa_url: HttpUrl = Field(DEFAULT_RASA_URL, validation_alias="RASA_URL")
    rasa_public_url: HttpUrl = Field(DEFAULT_RASA_URL, validation_alias="RASA_PUBLIC_URL")
    rasa_jwt_secret: str | None = Field(
        None, min_length=16, repr=False, validation_alias="RASA_JWT_SECRET"
    )
    catalogue_api_url: HttpUrl = Field(
        DEFAULT_CATALOGUE_API_URL, validation_alias="CATALOGUE_API_URL"
    )
    catalogue_api_key: str | None = Field(None, repr=False, validation_alias="CATALOGUE_API_KEY")
    staff_users: str = Field("", validation_alias="STAFF_USERS")
    session_secret: str | None = Field(
        None, min_length=16, repr=False, validation_alias="SESSION_SECRET"
    )
    audit_hash_key: str | None = Field(
        None, min_length=16, repr=False, validation_alias="AUDIT_HASH_KEY"
    )
    console_db_url: str = Field(DEFAULT_CONSOLE_DB_URL, validation_alias="CONSOLE_DB_URL")
    event_broker: Annotated[Literal["sql", "rabbitmq", "none"], BeforeValidator(_lower)] = Field(
        "sql", validation_alias="EVENT_BROKER"
    )
    event_broker_url: str = Field(DEFAULT_SQL_BROKER_URL, validation_alias="EVENT_BROKER_URL")
    event_queue: str = Field("hub_console", validation_alias="EVENT_BROKER_QUEUE")
    event_poll_seconds: float = Field(0.5, gt=0, validation_alias="EVENT_POLL_SECONDS")
    review_confidence_threshold: float = Field(
        0.6, ge=0, le=1, validation_alias="REVIEW_CONFIDENCE_THRESHOLD"
    )
    review_form_idle_minutes: float = Field(30, gt=0, validation_alias="REVIEW_FORM_IDLE_MINUTES")
    domain_dir: Path = Field(DEFAULT_DOMAIN_DIR, validation_alias="HUB_DOMAIN_DIR")
    node_modules_dir: Path = Field(WEB_ROOT / "node_modules", validation_alias="WEB_NODE_MODULES")
    secure_cookies: Annotated[bool, BeforeValidator(_is_yes)] = Field(
        False, validation_alias="WEB_SECURE_COOKIES"
    )
    log_level: LogLevel = Field("info", validation_alias="WEB_LOG_LEVEL")
    retention_days: int = Field(365, ge=0, le=100 * 366, validation_alias="RETENTION_DAYS")
    retention_interval_hours: float = Field(
        24.0, ge=0, le=24 * 366, validation_alias="RETENTION_INTERVAL_HOURS"
    )
    office_hours: Annotated[str, AfterValidator(_office_hours)] = Field(
        DEFAULT_OFFICE_HOURS, validation_alias="HUB_OFFICE_HOURS"
    )
    hub_time_zone: Annotated[str, AfterValidator(_time_zone)] = Field(
        HUB_TIME_ZONE, validation_alias="HUB_TIME_ZONE"
    )
    public_url: HttpUrl | None = Field(None, validation_alias="WEB_PUBLIC_URL")
    smtp_host: str | None = Field(None, validation_alias="SMTP_HOST")
    smtp_port: int = Field(587, ge=1, le=65535, validation_alias="SMTP_PORT")
    smtp_security: Annotated[Literal["starttls", "tls", "none"], BeforeValidator(_lower)] = Field(
        "starttls", validation_alias="SMTP_SECURITY"
    )
    smtp_username: str | None = Field(None, validation_alias="SMTP_USERNAME")
    smtp_password: str | None = Field(None, repr=False, validation_alias="SMTP_PASSWORD")
    alert_from: str = Field("hub-console@localhost", validation_alias="HUB_ALERT_FROM")
    alert_email: Addresses = Field((), validation_alias="HUB_ALERT_EMAIL")
    alert_email_by_service: Annotated[
        dict[str, tuple[str, ...]], NoDecode, BeforeValidator(_addresses_by_service)
    ] = Field({}, validation_alias="HUB_ALERT_EMAIL_BY_SERVICE")
    alert_poll_seconds: float = Field(1.0, gt=0, validation_alias="HUB_ALERT_POLL_SECONDS")
    alert_retry_seconds: float = Field(10.0, gt=0, validation_alias="HUB_ALERT_RETRY_SECONDS")
    alert_retry_max_seconds: float = Field(
        900.0, gt=0, validation_alias="HUB_ALERT_RETRY_MAX_SECONDS"
    )

    @property
    def office_schedule(self) -> OfficeHours:
        """The office hours, parsed."""
        return OfficeHours.parse(self.office_hours, self.hub_time_zone)

    @property
    def website_url(self) -> str:
        """The website's address for links staff follow (``WEB_PUBLIC_URL`` or host and port)."""
        return self.public_url or f"http://{self.host}:{self.port}"

    @model_validator(mode="before")
    @classmethod
    def _clean(cls, data: Any) -> Any:
        """Strip every variable, drop blank ones (their default applies), default the rest.

        ``RASA_PUBLIC_URL`` falls back to ``RASA_URL``; ``EVENT_BROKER_URL`` to the SQL broker's
        file or, with ``EVENT_BROKER=rabbitmq``, to RabbitMQ on this machine.
        """
        if not isinstance(data, Mapping):
            return data
        values = {
            name: value.strip() if isinstance(value, str) else value for name, value in data.items()
        }
        values = {name: value for name, value in values.items() if value != ""}
        values.setdefault("RASA_PUBLIC_URL", values.get("RASA_URL", DEFAULT_RASA_URL))
        if str(values.get("EVENT_BROKER", "")).lower() == "rabbitmq":
            values.setdefault("EVENT_BROKER_URL", DEFAULT_AMQP_URL)
        return values


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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read from the environment once."""
    return load_settings()
