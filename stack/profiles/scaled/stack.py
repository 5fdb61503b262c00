"""`ScaledStack`: the whole assistant for a deployment that outgrows one process.

N Rasa replicas (PostgreSQL tracker store, Redis lock store, RabbitMQ event broker:
`endpoints.scaled.yml`), M action servers (one lead outbox in PostgreSQL), the catalogue
API with several uvicorn workers on PostgreSQL (migrated with Alembic before they start),
the website consuming RabbitMQ, and HAProxy in front of Rasa and the action servers.
With `TELEGRAM_BOT_TOKEN` set, every replica runs the Telegram channel (the credentials
and environment of `stack/telegram.py`) and the webhook is set once, at start-up.

The services are those of `stack/profiles/default.py` (same commands, secrets and environment),
multiplied and re-pointed; starting, stopping and restarting go through its `Stack`.
A test fixture can use it as it uses `Stack`:

    stack = ScaledStack(model_path, state_dir=tmp, ports=ScaledPorts.from_base(28600),
                        backing=Backing.from_env(name="hub_scaled_test"), fresh=True)
    stack.start(); ...; stack.url("rasa"); stack.replica_url(2); ...; stack.stop()
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stack.files import SERVICE_UMASK, open_log
from stack.profiles.default import REPO_ROOT, Ports, Service, Stack, Supervisor
from stack.profiles.scaled import haproxy
from stack.profiles.scaled.backing import prepare
from stack.profiles.scaled.config import Backing, ScaledPorts
from stack.telegram import set_webhook, telegram_env

ENDPOINTS = REPO_ROOT / "endpoints.scaled.yml"
#: How long a dead server keeps its conversations locked (live ones renew their tickets).
LOCK_LIFETIME_SECONDS = 15


def option_set(argv: list[str], option: str, value: str) -> list[str]:
    """`argv` with the value after `option` replaced."""
    position = argv.index(option) + 1
    return [*argv[:position], value, *argv[position + 1 :]]


@dataclass
class ScaledStack:
    """The scaled profile's services, wired together behind HAProxy."""

    model_path: Path
    state_dir: Path = REPO_ROOT / "var" / "scaled"
    ports: ScaledPorts = field(default_factory=ScaledPorts)
    backing: Backing = field(default_factory=Backing.from_env)
    rasa_replicas: int = 2
    action_replicas: int = 2
    catalogue_workers: int = 2
    host: str = "127.0.0.1"
    extra_env: Mapping[str, str] = field(default_factory=dict)
    with_web: bool = True
    #: Drop the databases, the console's queue and the lock keys before starting.
    fresh: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.rasa_replicas <= 29 or not 1 <= self.action_replicas <= 29:
            raise ValueError("between 1 and 29 Rasa replicas and action servers")
        self.base = Stack(
            model_path=self.model_path,
            state_dir=self.state_dir,
            ports=Ports(
                catalogue=self.ports.catalogue,
                actions=self.ports.actions,
                rasa=self.ports.balancer,
                web=self.ports.web,
            ),
            host=self.host,
            extra_env=self.extra_env,
            with_web=self.with_web,
            rasa_pair=False,  # the replicas replace it
        )
        self.secrets = self.base.secrets
        self.runtime = haproxy.HAProxyRuntime(self.state_dir / "haproxy.sock")
        #: The Telegram channel's settings ({} when off); the base's Rasa service, copied
        #: into every replica below, already has them and the channel in its credentials.
        self.telegram = telegram_env(self.extra_env, self.secrets.telegram_webhook_secret)
        #: Whether `start` set the Telegram webhook.
        self.webhook_set = False
        self.base.services = self._services({s.name: s for s in self.base.services})

    @property
    def services(self) -> list[Service]:
        """Every process, in start order."""
        return self.base.services

    def service(self, name: str) -> Service:
        """One process by name: catalogue, haproxy, actions1.., rasa1.., web."""
        return next(s for s in self.services if s.name == name)

    def rasa_names(self) -> list[str]:
        """The Rasa replicas' names (HAProxy's too): rasa1, rasa2, ..."""
        return [haproxy.rasa_server(i) for i in range(1, self.rasa_replicas + 1)]

    def action_names(self) -> list[str]:
        """The action servers' names: actions1, actions2, ..."""
        return [haproxy.action_server(i) for i in range(1, self.action_replicas + 1)]

    def url(self, service: str) -> str:
        """Base URL of: rasa (the balancer), actions (their balancer), catalogue, web, stats."""
        if service == "stats":
            return f"http://{self.host}:{self.ports.stats}"
        return self.base.url(service)

    def replica_url(self, index: int) -> str:
        """Base URL of Rasa replica `index` (from 1), bypassing the balancer."""
        return f"http://{self.host}:{self.ports.rasa(index)}"

    def _services(self, default: dict[str, Service]) -> list[Service]:
        state, backing = self.state_dir, self.backing
        haproxy_service = haproxy.haproxy_service(
            state / "haproxy.cfg", f"{self.url('stats')}/health", state / "logs" / "haproxy.log"
        )
        catalogue = default["catalogue"]
        catalogue_env = {
            **catalogue.env,
            "DATABASE_URL": backing.postgres_url(backing.catalogue_db, "postgresql+psycopg"),
        }
        catalogue = dataclasses.replace(
            catalogue,
            argv=[
                *catalogue.argv[:1],
                # uvicorn's command line, its listening socket declared TCP: otherwise each
                # answer on a kept connection waits ~40 ms for a delayed ACK (issue 23).
                *("-m", "catalogue_api.workers", "catalogue_api.app:create_app", "--factory"),
                *("--host", self.host, "--port", str(self.ports.catalogue)),
                *("--workers", str(self.catalogue_workers), "--no-server-header"),
            ],
            env=catalogue_env,
        )
        actions = [
            dataclasses.replace(
                default["actions"],
                name=name,
                argv=option_set(default["actions"].argv, "--port", str(port)),
                env={
                    **default["actions"].env,
                    "LEAD_OUTBOX_URL": backing.postgres_url(backing.outbox_db),
                },
                health_url=f"http://{self.host}:{port}/health",
                log_path=state / "logs" / f"{name}.log",
            )
            for index, name in enumerate(self.action_names(), start=1)
            for port in [self.ports.action_server(index)]
        ]
        rasa_default = default["rasa"]
        rasa_env = {
            **rasa_default.env,
            **backing.rasa_env(),
            "ACTION_SERVER_URL": self.url("actions"),
            "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_SECONDS),
        }
        rasa = [
            dataclasses.replace(
                rasa_default,
                name=name,
                argv=option_set(
                    option_set(rasa_default.argv, "--endpoints", str(ENDPOINTS)),
                    "--port",
                    str(self.ports.rasa(index)),
                ),
                env=dict(rasa_env),
                health_url=f"{self.replica_url(index)}/status",
                log_path=state / "logs" / f"{name}.log",
            )
            for index, name in enumerate(self.rasa_names(), start=1)
        ]
        services = [haproxy_service, catalogue, *actions, *rasa]
        if "web" in default:
            web = default["web"]
            web.env.update(
                RASA_PUBLIC_URL=self.url("rasa"),
                EVENT_BROKER="rabbitmq",
                EVENT_BROKER_URL=backing.amqp_url,
                EVENT_BROKER_QUEUE=backing.event_queue,
            )
            services.append(web)
        return services

    def start(self) -> None:
        """Prepares the backing services, starts everything and waits until all answer.

        Raises:
            stack.profiles.scaled.backing.BackingUnavailable: PostgreSQL, Redis or RabbitMQ.
            RuntimeError: A service did not come up (its log tail is in the message).
        """
        prepare(self.backing, fresh=self.fresh)
        (self.state_dir / "haproxy.cfg").write_text(
            haproxy.render(
                self.ports,
                self.host,
                self.rasa_replicas,
                self.action_replicas,
                self.runtime.socket_path,
            )
        )
        self._migrate_catalogue()
        self.base.start(["haproxy"])
        self.base.start([s.name for s in self.services if s.name != "haproxy"])
        self.runtime.wait_until_up(haproxy.RASA_HTTP, self.rasa_names())
        self.runtime.wait_until_up(haproxy.ACTIONS, self.action_names())
        # Once per deployment, not per replica (a restarted replica never sets it).
        self.webhook_set = bool(self.telegram) and set_webhook(self.telegram)

    def _migrate_catalogue(self) -> None:
        """`alembic upgrade head` and the seed, once, before the workers start."""
        catalogue = self.service("catalogue")
        log = catalogue.log_path
        with open_log(log) as output:
            result = subprocess.run(
                [catalogue.argv[0], "-m", "catalogue_api", "seed"],
                cwd=REPO_ROOT,
                env={**os.environ, **catalogue.env},
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=300,
                umask=SERVICE_UMASK,
            )
        if result.returncode != 0:
            raise RuntimeError(f"catalogue migration failed (exit {result.returncode}), see {log}")

    @property
    def supervisor(self) -> Supervisor | None:
        """The supervisor started by `supervise`, if any."""
        return self.base.supervisor

    def supervise(self) -> Supervisor:
        """Restarts any process that exits, from a background thread (see stack_supervisor)."""
        return self.base.supervise()

    def stop(self) -> None:
        """Stops everything, the last started first."""
        self.base.stop()

    def rolling_update(self, model_path: Path, report: Callable[[str], None] = print) -> float:
        """Replaces the Rasa replicas one at a time with `model_path` (`rolling.py`).

        Returns:
            The seconds it took.
        """
        from stack.profiles.scaled.rolling import rolling_update

        started = time.monotonic()
        rolling_update(self, model_path, report)
        return time.monotonic() - started
