"""Configuration of the scaled profile, in one place: ports, and the backing services.

The backing services (PostgreSQL, Redis, RabbitMQ) and the names this deployment uses in
them are read from `SCALED_*` environment variables, the same names `endpoints.scaled.yml`
reads (the runner passes them on to the Rasa servers):

| variable | default | what |
| --- | --- | --- |
| `SCALED_NAME` | `hub_scaled` | starts every name below |
| `SCALED_PG_HOST`, `SCALED_PG_PORT` | `127.0.0.1`, `5432` | PostgreSQL |
| `SCALED_PG_USER`, `SCALED_PG_PASSWORD` | `postgres`, empty | its role |
| `SCALED_PG_DB` | `<name>_tracker` | Rasa's tracker store |
| `SCALED_CATALOGUE_DB` | `<name>_catalogue` | the catalogue API |
| `SCALED_OUTBOX_DB` | `<name>_outbox` | the action servers' lead outbox |
| `SCALED_REDIS_HOST`, `SCALED_REDIS_PORT`, `SCALED_REDIS_DB` | `127.0.0.1`, `6379`, `2` | Redis |
| `SCALED_AMQP_HOST`, `SCALED_AMQP_PORT` | `127.0.0.1`, `5672` | RabbitMQ |
| `SCALED_AMQP_USER`, `SCALED_AMQP_PASSWORD` | `guest`, `guest` | its user |
| `SCALED_AMQP_VHOST` | `<name>` | the virtual host of the event stream |
| `SCALED_EVENT_QUEUE` | `hub_console` | the queue the staff console reads |

The databases and the virtual host are created when missing (`stack/profiles/scaled/backing.py`).
Rasa's conversation lock keys start with the name's letters and digits, and the Rasa
servers share visitors' sockets on the Redis channel `<name>-socketio`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import quote

DEFAULT_NAME = "hub_scaled"


@dataclass(frozen=True)
class ScaledPorts:
    """TCP ports: the balancer's entry points, the single services, the replicas."""

    balancer: int = 5005  # Rasa's REST channel, HTTP API and socket.io, through HAProxy
    actions: int = 5055  # the action servers, through HAProxy
    catalogue: int = 8000
    web: int = 8080
    stats: int = 8404  # HAProxy's statistics page
    rasa_first: int = 5010  # Rasa replica i (from 1) listens on rasa_first + i
    actions_first: int = 5060  # action server i (from 1) listens on actions_first + i

    @classmethod
    def from_base(cls, base: int) -> ScaledPorts:
        """Every port from one base.

        base+0 balancer, +1 actions, +2 catalogue, +3 web, +4 stats, +10+i Rasa replica i,
        +40+i action server i (up to 29 of each).
        """
        return cls(base, base + 1, base + 2, base + 3, base + 4, base + 10, base + 40)

    def rasa(self, index: int) -> int:
        """Port of Rasa replica `index` (from 1)."""
        return self.rasa_first + index

    def action_server(self, index: int) -> int:
        """Port of action server `index` (from 1)."""
        return self.actions_first + index


@dataclass(frozen=True)
class Backing:
    """Where PostgreSQL, Redis and RabbitMQ are, and the names this deployment uses there."""

    name: str = DEFAULT_NAME
    pg_host: str = "127.0.0.1"
    pg_port: int = 5432
    pg_user: str = "postgres"
    pg_password: str = ""
    pg_db: str = ""
    catalogue_db: str = ""
    outbox_db: str = ""
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 2
    amqp_host: str = "127.0.0.1"
    amqp_port: int = 5672
    amqp_user: str = "guest"
    amqp_password: str = "guest"
    amqp_vhost: str = ""
    event_queue: str = "hub_console"

    def __post_init__(self) -> None:
        defaults = {
            "pg_db": f"{self.name}_tracker",
            "catalogue_db": f"{self.name}_catalogue",
            "outbox_db": f"{self.name}_outbox",
            "amqp_vhost": self.name,
        }
        for field_name, default in defaults.items():
            if not getattr(self, field_name):
                object.__setattr__(self, field_name, default)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: str) -> Backing:
        """Reads the `SCALED_*` variables (table above); `overrides` win over them."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}  # each field's value, of the field's type
        for field in fields(cls):
            raw = environ.get(f"SCALED_{field.name.upper()}", "").strip()
            if raw:
                values[field.name] = int(raw) if field.type == "int" else raw
        return cls(**{**values, **overrides})

    @property
    def lock_prefix(self) -> str:
        """Prefix of the conversation lock keys (Rasa takes letters and digits only)."""
        return re.sub(r"[^A-Za-z0-9]", "", self.name) or "hub"

    @property
    def socketio_channel(self) -> str:
        """The Redis pub/sub channel on which the Rasa servers share visitors' sockets."""
        return f"{self.name}-socketio"

    def postgres_url(self, database: str, driver: str = "postgresql") -> str:
        """A SQLAlchemy URL of one of the databases."""
        password = f":{quote(self.pg_password, safe='')}" if self.pg_password else ""
        user = quote(self.pg_user, safe="")
        return f"{driver}://{user}{password}@{self.pg_host}:{self.pg_port}/{database}"

    @property
    def redis_url(self) -> str:
        """The Redis database of the locks and the shared sockets."""
        return f"redis://{self.redis_host}:{self.redis_port}/{self.redis_db}"

    @property
    def amqp_url(self) -> str:
        """The RabbitMQ virtual host, with credentials (for the website's consumer)."""
        user = f"{quote(self.amqp_user, safe='')}:{quote(self.amqp_password, safe='')}"
        return f"amqp://{user}@{self.amqp_host}:{self.amqp_port}/{quote(self.amqp_vhost, safe='')}"

    def rasa_env(self) -> dict[str, str]:
        """The variables `endpoints.scaled.yml` reads, except ACTION_SERVER_URL."""
        vhost = quote(self.amqp_vhost, safe="")
        return {
            "SCALED_PG_HOST": self.pg_host,
            "SCALED_PG_PORT": str(self.pg_port),
            "SCALED_PG_DB": self.pg_db,
            "SCALED_PG_USER": self.pg_user,
            "SCALED_PG_PASSWORD": self.pg_password,
            "SCALED_REDIS_HOST": self.redis_host,
            "SCALED_REDIS_PORT": str(self.redis_port),
            "SCALED_REDIS_DB": str(self.redis_db),
            "SCALED_LOCK_PREFIX": self.lock_prefix,
            "SCALED_AMQP_URL": f"amqp://{self.amqp_host}:{self.amqp_port}/{vhost}",
            "SCALED_AMQP_PORT": str(self.amqp_port),
            "SCALED_AMQP_USER": self.amqp_user,
            "SCALED_AMQP_PASSWORD": self.amqp_password,
            "SCALED_EVENT_QUEUE": self.event_queue,
            "SOCKETIO_REDIS_URL": self.redis_url,
            "SOCKETIO_REDIS_CHANNEL": self.socketio_channel,
        }
