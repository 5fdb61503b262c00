"""Starts and stops the whole assistant: catalogue API, action server, Rasa server, website.

With HAProxy installed, Rasa's port is HAProxy's, in front of two Rasa processes: either
answers within a second when the other dies, and REST conversations are shared between
them (stack/rasa_pair.py).

Used by the README's main command (`make run`) and by the end-to-end tests, which start
one stack per test session on their own ports and state directory. Standard library only,
so any of the project's environments can import it.

`make run` keeps the services running: one that exits is restarted with capped backoff
while the others keep serving (stack/supervisor.py says why this is no supervisor
from PyPI); Ctrl-C stops everything.

The Rasa server reads the root `endpoints.yml` (action server, tracker store, event broker),
with HUB_STATE_DIR, ACTION_SERVER_URL and ACTION_SERVER_TOKEN set here; the website consumes
the event broker (`var/events.db`) into its own tables (`var/console.db`).

    python -m stack run --model models/<digest>.tar.gz
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stack.environment import passthrough, web_backend_env, website_origins
from stack.files import private_directory, private_file, tighten
from stack.profiles.scaled.haproxy import haproxy_binary
from stack.rasa_pair import rasa_pair
from stack.secrets import Secrets
from stack.service import Service
from stack.supervisor import Backoff, Supervisor
from stack.telegram import credentials_file, telegram_env

REPO_ROOT = Path(__file__).resolve().parents[2]

__all__ = ["REPO_ROOT", "Backoff", "Ports", "Secrets", "Service", "Stack", "Supervisor"]
HEALTH_TIMEOUT_SECONDS = 180.0
#: The Rasa server's SQLite files in the state directory (see endpoints.yml).
RASA_DATABASES = ("tracker.db", "events.db")


@dataclass(frozen=True)
class Ports:
    """TCP ports of the four services."""

    catalogue: int = 8000
    actions: int = 5055
    rasa: int = 5005
    web: int = 8080


@dataclass
class Stack:
    """The services of the assistant, wired together."""

    model_path: Path
    state_dir: Path = REPO_ROOT / "var"
    ports: Ports = field(default_factory=Ports)
    host: str = "127.0.0.1"
    extra_env: Mapping[str, str] = field(default_factory=dict)
    with_web: bool = True
    #: Two Rasa processes behind HAProxy on Rasa's port (stack/rasa_pair.py), when
    #: HAProxy is installed; one Rasa process on that port otherwise.
    rasa_pair: bool = True

    def __post_init__(self) -> None:
        # Personal data (databases, outbox, logs): owner-only, an old var/ tightened too.
        if self.state_dir.resolve().is_relative_to(REPO_ROOT / "var"):
            private_directory(REPO_ROOT / "var")
        tighten(self.state_dir)
        private_directory(self.state_dir / "logs")
        for database in RASA_DATABASES:
            _write_ahead_log(private_file(self.state_dir / database))
        self.secrets = Secrets.load_or_create(self.state_dir / "secrets.json")
        self.services = self._services()
        self.supervisor: Supervisor | None = None
        tighten(self.state_dir)

    def url(self, service: str) -> str:
        """Base URL of a service: catalogue, actions, rasa or web."""
        return f"http://{self.host}:{getattr(self.ports, service)}"

    def service(self, name: str) -> Service:
        """One process by name: catalogue, actions, haproxy, rasa, rasa-b, web."""
        return next(service for service in self.services if service.name == name)

    def _services(self) -> list[Service]:
        state = self.state_dir
        logs = state / "logs"
        common = {"PYTHONUNBUFFERED": "1", **self.extra_env}
        # The root endpoints.yml, its ${VARS} filled from the environment by Rasa.
        endpoints = REPO_ROOT / "endpoints.yml"
        # The Telegram channel only with a token (stack/telegram.py).
        telegram = telegram_env(self.extra_env, self.secrets.telegram_webhook_secret)
        services = [
            Service(
                name="catalogue",
                argv=[str(REPO_ROOT / "catalogue/.venv/bin/python"), "-m", "catalogue_api"],
                env={
                    **common,
                    "DATABASE_URL": f"sqlite:///{state / 'catalogue.db'}",
                    "CATALOGUE_HOST": self.host,
                    "CATALOGUE_PORT": str(self.ports.catalogue),
                    "CATALOGUE_API_KEY": self.secrets.catalogue_api_key,
                    "LEAD_INTAKE_KEY": self.secrets.lead_intake_key,
                    **passthrough("DATABASE_URL"),
                },
                health_url=f"{self.url('catalogue')}/health",
                log_path=logs / "catalogue.log",
            ),
            Service(
                name="actions",
                # rasa-sdk's app, as `rasa run actions` serves it but without importing Rasa
                # (and TensorFlow) first, on `host`, answering only calls with Rasa's token.
                argv=[
                    str(REPO_ROOT / ".venv/bin/python"),
                    *("-m", "actions.server"),
                    *("--host", self.host),
                    *("--port", str(self.ports.actions)),
                ],
                env={
                    **common,
                    "ACTION_SERVER_TOKEN": self.secrets.action_server_token,
                    "LEAD_INTAKE_KEY": self.secrets.lead_intake_key,
                    "CATALOGUE_API_URL": self.url("catalogue"),
                    "LEAD_OUTBOX_PATH": str(state / "lead_outbox.sqlite3"),
                },
                health_url=f"{self.url('actions')}/health",
                log_path=logs / "actions.log",
            ),
            Service(
                name="rasa",
                argv=[
                    str(REPO_ROOT / ".venv/bin/python"),
                    *("-m", "bot.server.serve", "run"),
                    "--model",
                    str(self.model_path),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    str(credentials_file(state, telegram)),
                    "--interface",
                    self.host,
                    "--port",
                    str(self.ports.rasa),
                    "--enable-api",
                    "--jwt-method",
                    "HS256",
                    # CORS for the website's pages only (the widget long-polls socket.io
                    # from them); Rasa allows credentials to the origins it lists.
                    "--cors",
                    *website_origins(self.host, self.ports.web, self.extra_env),
                ],
                env={
                    **common,
                    "HUB_STATE_DIR": str(state),
                    # The entity extractor learns project names staff add from the catalogue.
                    "CATALOGUE_API_URL": self.url("catalogue"),
                    "ACTION_SERVER_URL": self.url("actions"),
                    "ACTION_SERVER_TOKEN": self.secrets.action_server_token,
                    "RASA_JWT_SECRET": self.secrets.rasa_jwt_secret,
                    "SOCKETIO_SESSION_SECRET": self.secrets.socketio_session_secret,
                    # The same origins may open socket.io's WebSocket (no CORS for those).
                    "SOCKETIO_WEBSOCKET_ORIGINS": " ".join(
                        website_origins(self.host, self.ports.web, self.extra_env)
                    ),
                    **telegram,
                },
                health_url=f"{self.url('rasa')}/status",
                health_headers=self.secrets.rasa_headers,
                log_path=logs / "rasa.log",
            ),
        ]
        binary = haproxy_binary()
        if self.rasa_pair and binary is not None:
            services[-1:] = rasa_pair(services[-1], self.host, self.ports.rasa, state, binary)
        if self.with_web and (REPO_ROOT / "web/.venv/bin/python").exists():
            services.append(
                Service(
                    name="web",
                    argv=[str(REPO_ROOT / "web/.venv/bin/python"), "-m", "hub_web"],
                    env={
                        **common,
                        "WEB_HOST": self.host,
                        "WEB_PORT": str(self.ports.web),
                        **web_backend_env(
                            state, self.secrets, self.url("rasa"), self.url("catalogue")
                        ),
                        "SESSION_SECRET": self.secrets.session_secret,
                        "STAFF_USERS": self._staff_users(),
                    },
                    health_url=f"{self.url('web')}/health",
                    log_path=logs / "web.log",
                )
            )
        return services

    def _staff_users(self) -> str:
        if "STAFF_USERS" in os.environ:
            return os.environ["STAFF_USERS"]
        hashed = subprocess.run(
            [str(REPO_ROOT / "web/.venv/bin/python"), "-m", "hub_web.hash_password"],
            input=self.secrets.staff_password,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return f"{self.secrets.staff_user}:{hashed}"

    def start(self, names: list[str] | None = None) -> None:
        """Starts the services (all by default) and waits until each answers.

        Raises:
            RuntimeError: A service exited or did not become healthy in time; its log
                tail is in the message.
        """
        tighten(self.state_dir)  # what the runner wrote since (HAProxy's configuration)
        chosen = [s for s in self.services if names is None or s.name in names]
        for service in chosen:
            if service.is_healthy():
                raise RuntimeError(
                    f"{service.name}: something already answers at {service.health_url}"
                )
        chosen_names = {service.name for service in chosen}
        # A service waits for the one it starts after, if that one is started here too.
        waiting_to_start = [s for s in chosen if s.start_after in chosen_names]
        for service in chosen:
            if service not in waiting_to_start:
                service.start()
        deadline = time.monotonic() + HEALTH_TIMEOUT_SECONDS
        waiting = list(chosen)
        healthy: set[str] = set()
        while waiting:
            for service in list(waiting):
                if service.process is not None and service.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"{service.name} exited:\n{_tail(service.log_path)}")
                if service.process is not None and service.is_healthy():
                    waiting.remove(service)
                    healthy.add(service.name)
            for service in [s for s in waiting_to_start if s.start_after in healthy]:
                waiting_to_start.remove(service)
                service.start()
            if waiting and time.monotonic() > deadline:
                self.stop()
                names_waiting = ", ".join(s.name for s in waiting)
                raise RuntimeError(f"not healthy in time: {names_waiting}")
            time.sleep(0.5)

    def supervise(self, backoff: Backoff | None = None) -> Supervisor:
        """Restarts any service that exits, from a background thread, until `stop`."""
        self.supervisor = Supervisor(self.services, backoff)
        self.supervisor.start()
        return self.supervisor

    def stop(self, names: list[str] | None = None) -> None:
        """Stops the services (all by default), the last started first, and supervision."""
        if self.supervisor is not None:
            self.supervisor.stop()
            self.supervisor = None
        for service in reversed(self.services):
            if names is None or service.name in names:
                service.stop()


def _write_ahead_log(path: Path) -> None:
    """Puts a SQLite file in WAL mode (kept in the file).

    A commit appends to the log instead of rewriting a journal, about 4x faster here, and
    readers (the website reads the events) no longer block the Rasa server's writes. Safe
    against a killed process.
    """
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"
