"""The bots under test: Rasa's starter bot and this assistant's stack."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench import long_conversation
from bench.load import load_all, profile_under_load
from bench.long_conversation import STARTER_MESSAGES
from bench.processes import keep_logs, port_is_free, say, stop_process, tail, wait_until_up, warm_up
from bench.scenarios import CATALOGUE, GREETING, HOST, RASA, BotResult, Level, RunResult
from stack.profiles.default import Ports, Stack


class StarterBot:
    """Rasa's starter bot, served for the whole benchmark as the baseline of every bot.

    Absolute times drift on a shared machine (other virtual machines take CPU from this
    one), so the starter bot's greeting is measured again right before each bot's runs,
    and each bot's ratios use the measurement taken next to it.
    """

    def __init__(self, out_dir: Path, port: int, keep: Path | None) -> None:
        """Nothing starts before `start`."""
        self.out_dir, self.port, self.keep = out_dir, port, keep
        self.result = BotResult(name="starter bot (rasa init)")
        # A starter bot kept by an earlier run (`--keep-starter`) is served again as it is.
        self.reused = keep is not None and any((keep / "models").glob("*.tar.gz"))
        self.workdir = keep if keep and self.reused else Path(tempfile.mkdtemp(prefix="rasa-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url = f"http://{HOST}:{port}"

    def start(self) -> None:
        """Creates and trains the starter bot, measures its model load twice, warms it up."""
        workdir, out_dir, result = self.workdir, self.out_dir, self.result
        if self.reused:
            say(f"Rasa's starter bot as an earlier run kept it in {workdir}")
            for old in workdir.glob("tracker.db*"):
                old.unlink()
            result.notes.append(
                f"created and trained by an earlier run (`--keep-starter {workdir}`)"
            )
        else:
            self._init()
        models = sorted((workdir / "models").glob("*.tar.gz"))
        endpoints = workdir / "endpoints.bench.yml"
        tracker_store = {"type": "SQL", "dialect": "sqlite", "db": str(workdir / "tracker.db")}
        endpoints.write_text(json.dumps({"tracker_store": tracker_store}))
        argv = [
            str(RASA), "run",
            "--model", str(models[-1]),
            "--endpoints", str(endpoints),
            "--credentials", str(workdir / "credentials.yml"),
            "--interface", HOST,
            "--port", str(self.port),
            "--enable-api",
        ]  # fmt: skip
        log = out_dir / "starter-rasa.log"
        for attempt in range(2):
            if not port_is_free(self.port):
                raise RuntimeError(f"port {self.port} is taken")
            say(f"starter bot: model load, start {attempt + 1} of 2")
            with log.open("ab") as log_file:
                self.process = subprocess.Popen(
                    argv,
                    cwd=workdir,
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            up_after = wait_until_up(f"{self.base_url}/status", self.process, log)
            result.load_times_s.append(round(up_after, 1))
            print(f"    up after {result.load_times_s[-1]} s", flush=True)
            if attempt == 0:
                stop_process(self.process)
        warm_up(self.base_url, [GREETING])

    def _init(self) -> None:
        """`rasa init --no-prompt` in the work folder: the starter bot, trained."""
        say(f"creating and training Rasa's starter bot in {self.workdir} (rasa init --no-prompt)")
        started = time.monotonic()
        with (self.out_dir / "starter-init.log").open("wb") as init_log:
            subprocess.run(
                [str(RASA), "init", "--no-prompt", "--init-dir", str(self.workdir)],
                cwd=self.workdir,
                stdout=init_log,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=900,
            )
        if not any((self.workdir / "models").glob("*.tar.gz")):
            log = tail(self.out_dir / "starter-init.log")
            raise RuntimeError(f"rasa init trained no model:\n{log}")
        self.result.notes.append(f"rasa init and training: {time.monotonic() - started:.0f} s")

    def measure(self, levels: list[Level], next_to: str) -> list[RunResult]:
        """The starter bot's greeting at every level, now (before `next_to`'s runs)."""
        assert self.process is not None, "start() first"
        say(f"starter bot: greeting, as the baseline of {next_to}")
        tag = "starter-" + next_to.replace(" ", "_").replace(",", "")
        return load_all(
            tag, self.base_url, [GREETING], levels, self.out_dir, {"rasa": self.process.pid}
        )

    def long_conversation(self) -> None:
        """The long conversation of bench/long_conversation.py, with the starter's messages."""
        assert self.process is not None, "start() first"
        say("starter bot: one long conversation")
        pids = {"rasa": self.process.pid}
        result = long_conversation.run(self.result.name, self.base_url, pids, STARTER_MESSAGES)
        self.result.long_conversation = long_conversation.record(result)

    def stop(self) -> None:
        """Stops the server; keeps its folder if asked, else deletes it."""
        stop_process(self.process)
        if self.reused:
            return
        if self.keep is not None:
            shutil.copytree(self.workdir, self.keep, dirs_exist_ok=True)
        shutil.rmtree(self.workdir, ignore_errors=True)


def assistant(
    model: Path,
    levels: list[Level],
    out_dir: Path,
    ports: Ports,
    profile: bool,
    endpoints: Path | None,
    pair: bool = True,
) -> BotResult:
    """Starts this assistant's stack, measures its model load, then loads it.

    With `pair` (the default profile, as `make run` starts it when HAProxy is installed),
    two Rasa processes behind HAProxy; without, one Rasa process on Rasa's port.
    """
    result = BotResult(name="this assistant")
    for port in (ports.catalogue, ports.actions, ports.rasa):
        if not port_is_free(port):
            raise RuntimeError(f"port {port} is taken; try --port-offset")
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as state:
        stack = Stack(
            model_path=model,
            state_dir=Path(state),
            ports=ports,
            with_web=False,
            rasa_pair=pair,
        )
        rasa = stack.service("rasa")
        processes = [s for s in stack.services if s.name.startswith("rasa")]
        result.notes.append(
            f"{len(processes)} Rasa process{'es behind HAProxy' if len(processes) > 1 else ''}"
            " (the model load: the first one alone)"
        )
        if endpoints is not None:
            # Another endpoints file for a comparison (the stack's is the root endpoints.yml).
            for process in processes:
                process.argv[process.argv.index("--endpoints") + 1] = str(endpoints.resolve())
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
            others = [s.name for s in stack.services if s.name not in ("catalogue", "actions")]
            if others != ["rasa"]:
                stack.start([name for name in others if name != "rasa"])
            base_url = stack.url("rasa")
            say("assistant: warm-up, then Locust")
            warm_up(base_url, [GREETING, CATALOGUE])
            pids = {s.name: s.process.pid for s in stack.services if s.process is not None}
            result.runs = load_all(
                "assistant", base_url, [GREETING, CATALOGUE], levels, out_dir, pids
            )
            say("assistant: one long conversation")
            watched = {
                name: pid
                for name, pid in pids.items()
                if name.startswith("rasa") or name == "actions"
            }
            result.long_conversation = long_conversation.record(
                long_conversation.run(result.name, base_url, watched)
            )
            if profile:
                python = {name: pid for name, pid in pids.items() if name != "haproxy"}
                profile_under_load(base_url, python, out_dir)
        finally:
            stack.stop()
            keep_logs(stack.services, out_dir, "assistant")
    return result
