"""The scaled profile: N Rasa replicas and M action servers behind HAProxy (docs/deployment.md).

    python -m stack.profiles.scaled run --model M [--rasa-replicas 2] [--action-replicas 2]
        [--catalogue-workers 2] [--port-base P] [--state-dir var/scaled]
    python -m stack.profiles.scaled rolling-update --model NEW [--state-dir var/scaled]

`run` starts everything (stack/profiles/scaled/stack.py), restarts what exits, and stops it all
on Ctrl-C. `rolling-update` asks that running `run` (its pid is in the state directory's
`runner.json`, the request goes by SIGUSR1) to replace its Rasa replicas one at a time
with another model, and prints the progress until it is done. Backing services and names:
`SCALED_*` variables (stack/profiles/scaled/config.py). Runs in the Rasa environment (`.venv`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from stack.profiles.scaled.backing import BackingUnavailable
from stack.profiles.scaled.config import Backing, ScaledPorts
from stack.profiles.scaled.stack import ScaledStack

REPO_ROOT = Path(__file__).resolve().parents[3]

DEFAULT_STATE_DIR = REPO_ROOT / "var" / "scaled"
RUNNER_FILE, REQUEST_FILE, PROGRESS_FILE = "runner.json", "rolling-update.request", "rolling.log"
DONE, FAILED = "done:", "failed:"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Starts the scaled stack and keeps it running until Ctrl-C."""
    ports = ScaledPorts.from_base(args.port_base) if args.port_base else ScaledPorts()
    stack = ScaledStack(
        model_path=args.model.resolve(),
        state_dir=args.state_dir.resolve(),
        ports=ports,
        backing=Backing.from_env(),
        rasa_replicas=args.rasa_replicas,
        action_replicas=args.action_replicas,
        catalogue_workers=args.catalogue_workers,
    )
    print(
        f"Starting HAProxy, the catalogue API ({args.catalogue_workers} workers), "
        f"{args.action_replicas} action servers, {args.rasa_replicas} Rasa replicas "
        "and the website…"
    )
    started = time.monotonic()
    try:
        stack.start()
    except BackingUnavailable as error:
        print(f"PostgreSQL, Redis and RabbitMQ are needed: {error}", file=sys.stderr)
        return 1
    except (RuntimeError, TimeoutError) as error:
        stack.stop()
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        stack.stop()
        return 130
    _print_addresses(stack, time.monotonic() - started)
    update_requested = threading.Event()
    signal.signal(signal.SIGUSR1, lambda signum, frame: update_requested.set())
    runner_file = stack.state_dir / RUNNER_FILE
    runner_file.write_text(json.dumps({"pid": os.getpid()}))
    stack.supervise()
    try:
        while True:
            if update_requested.wait(1):
                update_requested.clear()
                _serve_update(stack)
    except KeyboardInterrupt:
        print("\nStopping…")
    finally:
        runner_file.unlink(missing_ok=True)
        stack.stop()
    return 0


def _print_addresses(stack: ScaledStack, seconds: float) -> None:
    print(f"All services are up after {seconds:.0f} s.\n")
    if stack.telegram and not stack.webhook_set:
        print("Telegram: webhook not set; run `python -m bot.server.channels.telegram set-webhook`")
    print(f"  Chat (website)     {stack.url('web')}/   (中文: /zh/, русский: /ru/)")
    print(f"  Staff console      {stack.url('web')}/console/")
    print(f"                     user {stack.secrets.staff_user!r}, password in")
    print(f"                     {stack.state_dir / 'secrets.json'}")
    print(f"  Rasa (HAProxy)     {stack.url('rasa')}/webhooks/rest/webhook")
    print(f"  Action servers     {stack.url('actions')}/webhook (HAProxy)")
    print(f"  HAProxy statistics {stack.url('stats')}/")
    print(f"  Catalogue API docs {stack.url('catalogue')}/docs")
    print(f"  Logs               {stack.state_dir / 'logs'}/\n")
    print("A process that exits is restarted. Press Ctrl-C to stop.")


def _serve_update(stack: ScaledStack) -> None:
    """Runs the rolling update asked for in the request file, reporting to the progress file."""
    request = stack.state_dir / REQUEST_FILE
    progress = stack.state_dir / PROGRESS_FILE
    with progress.open("a", encoding="utf-8") as out:

        def report(line: str) -> None:
            stamped = f"{time.strftime('%H:%M:%S')} {line}"
            print(stamped, flush=True)
            out.write(stamped + "\n")
            out.flush()

        try:
            model = Path(request.read_text().strip())
            seconds = stack.rolling_update(model, report)
        except Exception as error:  # reported to the waiting command, the stack keeps running
            report(f"{FAILED} {error}")
        else:
            report(f"{DONE} every replica serves {model.name} ({seconds:.0f} s)")


def rolling_update(args: argparse.Namespace) -> int:
    """Asks the running stack for a rolling update and follows it to the end."""
    state_dir = args.state_dir.resolve()
    try:
        pid = int(json.loads((state_dir / RUNNER_FILE).read_text())["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        pid = None
    if pid is None or not _is_runner(pid):
        print(f"no scaled stack runs with state in {state_dir} (make run-scaled)", file=sys.stderr)
        return 1
    model = args.model.resolve()
    if not model.is_file():
        print(f"no model file at {model}", file=sys.stderr)
        return 1
    progress = state_dir / PROGRESS_FILE
    offset = progress.stat().st_size if progress.exists() else 0
    (state_dir / REQUEST_FILE).write_text(str(model))
    os.kill(pid, signal.SIGUSR1)
    while True:
        time.sleep(0.5)
        if not _is_runner(pid):
            print("the scaled stack stopped during the update", file=sys.stderr)
            return 1
        if not progress.exists():
            continue
        with progress.open(encoding="utf-8") as log:
            log.seek(offset)
            text = log.read()
        offset += len(text.encode())
        for line in text.splitlines():
            print(line)
            status = line.split(" ", 1)[-1]
            if status.startswith((DONE, FAILED)):
                return 0 if status.startswith(DONE) else 1


def _is_runner(pid: int) -> bool:
    """Whether `pid` is a running `scaled_stack.py run` (not a stale pid, reused)."""
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return (
        any(part.endswith(b"scaled_stack.py") for part in command_line) and b"run" in command_line
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: `run` and `rolling-update` (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="start the scaled stack until Ctrl-C")
    run_parser.add_argument("--model", type=Path, required=True)
    run_parser.add_argument("--rasa-replicas", type=int, default=2)
    run_parser.add_argument("--action-replicas", type=int, default=2)
    run_parser.add_argument("--catalogue-workers", type=int, default=2)
    run_parser.add_argument("--port-base", type=int, default=None, help="ports from here on")
    update = sub.add_parser("rolling-update", help="replace the Rasa replicas' model")
    update.add_argument("--model", type=Path, required=True)
    for sub_parser in (run_parser, update):
        sub_parser.add_argument("--state-dir", type=Path, default=DEFAULT_STATE_DIR)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    # Explicit, so Ctrl-C stops everything even where the shell started us ignoring SIGINT.
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, _interrupt)
    if args.command == "run":
        return run(args)
    return rolling_update(args)


if __name__ == "__main__":
    sys.exit(main())
