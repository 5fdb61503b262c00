"""The bots under test: Rasa's starter bot and this assistant's stack."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.load import load_all, profile_under_load
from bench.processes import port_is_free, say, stop_process, tail, wait_until_up, warm_up
from bench.scenarios import CATALOGUE, GREETING, HOST, RASA, BotResult, Level
from scripts.stack import Ports, Stack


def starter_bot(levels: list[Level], out_dir: Path, port: int, keep: Path | None) -> BotResult:
    """Creates, trains, starts and loads Rasa's starter bot in a temporary folder."""
    result = BotResult(name="starter bot (rasa init)")
    workdir = Path(tempfile.mkdtemp(prefix="rasa-starter-"))
    log = out_dir / "starter-rasa.log"
    process = None
    try:
        say(f"creating and training Rasa's starter bot in {workdir} (rasa init --no-prompt)")
        started = time.monotonic()
        with (out_dir / "starter-init.log").open("wb") as init_log:
            subprocess.run(
                [str(RASA), "init", "--no-prompt", "--init-dir", str(workdir)],
                cwd=workdir,
                stdout=init_log,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=900,
            )
        models = sorted((workdir / "models").glob("*.tar.gz"))
        if not models:
            raise RuntimeError(f"rasa init trained no model:\n{tail(out_dir / 'starter-init.log')}")
        result.notes.append(f"rasa init and training: {time.monotonic() - started:.0f} s")
        endpoints = workdir / "endpoints.bench.yml"
        endpoints.write_text(
            json.dumps(
                {
                    "tracker_store": {
                        "type": "SQL",
                        "dialect": "sqlite",
                        "db": str(workdir / "tracker.db"),
                    }
                }
            )
        )
        argv = [
            str(RASA), "run",
            "--model", str(models[-1]),
            "--endpoints", str(endpoints),
            "--credentials", str(workdir / "credentials.yml"),
            "--interface", HOST,
            "--port", str(port),
            "--enable-api",
        ]  # fmt: skip
        base_url = f"http://{HOST}:{port}"
        for attempt in range(2):
            if not port_is_free(port):
                raise RuntimeError(f"port {port} is taken")
            say(f"starter bot: model load, start {attempt + 1} of 2")
            with log.open("ab") as log_file:
                process = subprocess.Popen(
                    argv,
                    cwd=workdir,
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            result.load_times_s.append(round(wait_until_up(f"{base_url}/status", process, log), 1))
            print(f"    up after {result.load_times_s[-1]} s", flush=True)
            if attempt == 0:
                stop_process(process)
        say("starter bot: warm-up, then Locust")
        warm_up(base_url, [GREETING])
        result.runs = load_all(
            "starter", base_url, [GREETING], levels, out_dir, {"rasa": process.pid}
        )
    finally:
        stop_process(process)
        if keep is not None:
            shutil.copytree(workdir, keep, dirs_exist_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def assistant(
    model: Path,
    levels: list[Level],
    out_dir: Path,
    ports: Ports,
    profile: bool,
    endpoints: Path | None,
) -> BotResult:
    """Starts this assistant's stack, measures its model load, then loads it."""
    result = BotResult(name="this assistant")
    for port in (ports.catalogue, ports.actions, ports.rasa):
        if not port_is_free(port):
            raise RuntimeError(f"port {port} is taken; try --port-offset")
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as state:
        stack = Stack(model_path=model, state_dir=Path(state), ports=ports, with_web=False)
        rasa = next(service for service in stack.services if service.name == "rasa")
        if endpoints is not None:
            # Another endpoints file for a comparison (the stack's is the root endpoints.yml).
            rasa.argv[rasa.argv.index("--endpoints") + 1] = str(endpoints.resolve())
            result.notes.append(f"endpoints: {endpoints}")
        try:
            say("assistant: starting the catalogue API and the action server")
            stack.start(["catalogue", "actions"])
            for attempt in range(2):
                say(f"assistant: model load, start {attempt + 1} of 2")
                rasa.start()
                assert rasa.process is not None
                result.load_times_s.append(
                    round(
                        wait_until_up(
                            rasa.health_url,
                            rasa.process,
                            rasa.log_path,
                            headers=rasa.health_headers,
                        ),
                        1,
                    )
                )
                print(f"    up after {result.load_times_s[-1]} s", flush=True)
                if attempt == 0:
                    rasa.stop()
            base_url = stack.url("rasa")
            say("assistant: warm-up, then Locust")
            warm_up(base_url, [GREETING, CATALOGUE])
            pids = {s.name: s.process.pid for s in stack.services if s.process is not None}
            result.runs = load_all(
                "assistant", base_url, [GREETING, CATALOGUE], levels, out_dir, pids
            )
            if profile:
                assert rasa.process is not None
                profile_under_load(base_url, rasa.process.pid, out_dir)
        finally:
            stack.stop()
            for service in stack.services:
                if service.log_path.exists():
                    shutil.copy(service.log_path, out_dir / f"assistant-{service.name}.log")
    return result
