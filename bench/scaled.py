"""The scaled profile under the same load: 1, 2, 3 Rasa replicas behind HAProxy.

Each replica count gets a scaled stack of its own (stack/profiles/scaled/stack.py: PostgreSQL
tracker store, Redis lock store, RabbitMQ event broker, action servers with one outbox in
PostgreSQL, the catalogue API's workers on PostgreSQL, HAProxy in front), emptied first,
on ports of its own, without the website (as the single-instance run has none). Locust
posts to HAProxy, which balances the REST channel round robin.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.load import load_all
from bench.processes import keep_logs, say, warm_up
from bench.scenarios import CATALOGUE, GREETING, BotResult, Level
from stack.profiles.scaled.backing import BackingUnavailable
from stack.profiles.scaled.config import Backing, ScaledPorts
from stack.profiles.scaled.measure import service_processes
from stack.profiles.scaled.stack import ScaledStack

#: Action servers and catalogue workers beside each replica count (two cores here).
ACTION_SERVERS = 2
CATALOGUE_WORKERS = 2


def bot_name(replicas: int) -> str:
    """The table's name of the scaled profile with `replicas` Rasa servers."""
    return f"scaled profile, {replicas} Rasa replica{'s' if replicas > 1 else ''}"


def scaled_profile(
    model: Path, replicas: int, levels: list[Level], out_dir: Path, port_base: int
) -> BotResult:
    """Starts the scaled stack with `replicas` Rasa servers and loads it through HAProxy."""
    result = BotResult(name=bot_name(replicas))
    with tempfile.TemporaryDirectory(prefix="hub-bench-scaled-") as state:
        stack = ScaledStack(
            model_path=model.resolve(),
            state_dir=Path(state),
            ports=ScaledPorts.from_base(port_base),
            backing=Backing.from_env(name="hub_scaled_bench"),
            rasa_replicas=replicas,
            action_replicas=ACTION_SERVERS,
            catalogue_workers=CATALOGUE_WORKERS,
            with_web=False,
            fresh=True,
        )
        try:
            say(f"{result.name}: starting the stack")
            started = time.monotonic()
            try:
                stack.start()
            except BackingUnavailable as error:
                result.notes.append(f"not measured: {error}")
                return result
            result.load_times_s.append(round(time.monotonic() - started, 1))
            print(f"    up after {result.load_times_s[-1]} s", flush=True)
            base_url = stack.url("rasa")
            warm_up(base_url, [GREETING, CATALOGUE], conversations=max(2, replicas))
            pids = {
                f"{name}.{index}": pid
                for name, group in service_processes(stack).items()
                for index, pid in enumerate(group)
            }
            slug = f"scaled{replicas}"
            result.runs = load_all(slug, base_url, [GREETING, CATALOGUE], levels, out_dir, pids)
            result.notes.append(
                f"{ACTION_SERVERS} action servers, {CATALOGUE_WORKERS} catalogue workers; "
                "the load time is the whole stack's start (databases emptied and migrated, "
                "every replica answering through HAProxy)"
            )
        finally:
            stack.stop()
            keep_logs(stack.services, out_dir, f"scaled{replicas}")
    return result
