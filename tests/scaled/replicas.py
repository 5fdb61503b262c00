"""Two Rasa servers sharing conversations and visitors' sockets, for the scaled tests.

Built on the test stack (`stack/profiles/default.py`): its Rasa server becomes replica A, and a
second one, replica B, runs the same model on the next port. Both read an endpoints file
written here: conversations in PostgreSQL (`<HUB_TEST_DB_PREFIX>_tracker`), conversation
locks in Redis, the event stream in one SQLite file the website reads; sockets shared
through Redis (`SOCKETIO_REDIS_URL`). The website's console calls replica A
(`RASA_URL`) while visitors' browsers talk socket.io to replica B (`RASA_PUBLIC_URL`).

Ports: 15100 (catalogue), 15155 (actions), 15105 and 15106 (Rasa A and B), 15180
(website), each plus `HUB_TEST_PORT_OFFSET`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from stack.profiles.default import REPO_ROOT, Ports, Stack
from tests.backing_services import DB_PREFIX, postgres_database, redis_url

PORT_OFFSET = int(os.environ.get("HUB_TEST_PORT_OFFSET", "0"))
PORTS = Ports(
    catalogue=15100 + PORT_OFFSET,
    actions=15155 + PORT_OFFSET,
    rasa=15105 + PORT_OFFSET,
    web=15180 + PORT_OFFSET,
)
REPLICA_B_PORT = 15106 + PORT_OFFSET
REPLICA_B = "rasa-b"
REQUIRED_ENVIRONMENTS = (".venv/bin/rasa", "catalogue/.venv/bin/python")


def _option_set(argv: list[str], option: str, value: str) -> list[str]:
    position = argv.index(option) + 1
    return [*argv[:position], value, *argv[position + 1 :]]


def _endpoints(state_dir: Path, actions_url: str, actions_token: str) -> Path:
    """Writes the replicas' endpoints file (JSON is YAML) and returns its path."""
    tracker = make_url(postgres_database("tracker"))
    redis = make_url(redis_url())
    endpoints = {
        "action_endpoint": {
            "url": f"{actions_url}/webhook",
            "headers": {"Authorization": f"Bearer {actions_token}"},
        },
        "tracker_store": {
            "type": "SQL",
            "dialect": "postgresql",
            "url": tracker.host,
            "port": tracker.port or 5432,
            "db": tracker.database,
            "username": tracker.username,
            "password": tracker.password,
        },
        "lock_store": {
            "type": "redis",
            "url": redis.host,
            "port": redis.port or 6379,
            "db": int(redis.database or 0),
            # Rasa ignores a prefix that is not alphanumeric.
            "key_prefix": "".join(filter(str.isalnum, DB_PREFIX)) or "hub",
        },
        "event_broker": {"type": "SQL", "dialect": "sqlite", "db": str(state_dir / "events.db")},
    }
    path = state_dir / "endpoints.scaled.yml"
    path.write_text(json.dumps(endpoints, indent=2))
    return path


def replica_stack(model_path: Path, state_dir: Path, *, with_web: bool) -> Stack:
    """The test stack with two Rasa replicas, not started yet.

    Skips the test when the environments, PostgreSQL or Redis are missing.
    """
    missing = [path for path in REQUIRED_ENVIRONMENTS if not (REPO_ROOT / path).exists()]
    if missing:
        pytest.skip(f"environments missing: {missing}; run scripts/setup_env.sh")
    sockets = {
        "SOCKETIO_REDIS_URL": redis_url(),
        # One channel per run: two test runs on one Redis never see each other's visitors.
        "SOCKETIO_REDIS_CHANNEL": f"{DB_PREFIX}-socketio-{uuid.uuid4().hex[:8]}",
    }
    stack = Stack(
        model_path=model_path,
        state_dir=state_dir,
        ports=PORTS,
        extra_env={"LEAD_OUTBOX_RETRY_SECONDS": "1", "CATALOGUE_TIMEOUT_SECONDS": "2"},
        with_web=with_web,
        rasa_pair=False,  # two replicas of its own instead
    )
    endpoints = str(_endpoints(state_dir, stack.url("actions"), stack.secrets.action_server_token))
    services = {service.name: service for service in stack.services}
    replica_a = services["rasa"]
    replica_a.argv = _option_set(replica_a.argv, "--endpoints", endpoints)
    replica_a.env.update(sockets)
    replica_b = dataclasses.replace(
        replica_a,
        name=REPLICA_B,
        argv=_option_set(replica_a.argv, "--port", str(REPLICA_B_PORT)),
        env=dict(replica_a.env),
        health_url=replica_a.health_url.replace(f":{PORTS.rasa}/", f":{REPLICA_B_PORT}/"),
        log_path=replica_a.log_path.with_name("rasa-b.log"),
        process=None,
    )
    stack.services.insert(stack.services.index(replica_a) + 1, replica_b)
    if "web" in services:
        services["web"].env["RASA_PUBLIC_URL"] = replica_b_url(stack)
    return stack


def replica_b_url(stack: Stack) -> str:
    """Replica B's base URL."""
    return f"http://{stack.host}:{REPLICA_B_PORT}"


def start_replicas(stack: Stack, others: list[str]) -> None:
    """Starts `others` with replica A, then replica B.

    One after the other, so that the two never create the same tables at once.
    """
    stack.start([*others, "rasa"])
    stack.start([REPLICA_B])
