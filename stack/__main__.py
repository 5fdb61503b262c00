"""`python -m stack run --model models/<digest>.tar.gz`: the whole assistant until Ctrl-C.

The default profile (`profiles/default.py`): the catalogue API, the action server, the Rasa
server (two processes behind HAProxy when it is installed) and the website, on this
machine's default ports with their state in `var/`. `make run` calls it; the scaled profile
has its own command line (`python -m stack.profiles.scaled`).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

from stack.profiles.default import Stack
from stack.supervisor import Supervisor
from stack.telegram import set_webhook, telegram_env


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(model_path: Path) -> None:
    """Starts the stack, prints where to go, and stops everything on Ctrl-C."""
    stack = Stack(model_path=model_path)
    print("Starting the catalogue API, the action server, the Rasa server and the website…")
    if stack.rasa_pair and not any(s.name == "haproxy" for s in stack.services):
        print("(HAProxy is not installed: one Rasa process, none to take over; see")
        print(" scripts/setup_haproxy.sh)")
    started = time.monotonic()
    stack.start()
    print(f"All services are up after {time.monotonic() - started:.0f} s.\n")
    telegram = telegram_env({}, stack.secrets.telegram_webhook_secret)
    if telegram and not set_webhook(telegram):
        print("Telegram: webhook not set; run `python -m bot.server.channels.telegram set-webhook`")
    print(f"  Chat (website)     {stack.url('web')}/   (中文: /zh/, русский: /ru/)")
    print(f"  Staff console      {stack.url('web')}/console/")
    print(f"                     user {stack.secrets.staff_user!r}, password in var/secrets.json")
    print(f"  Rasa REST channel  {stack.url('rasa')}/webhooks/rest/webhook")
    print(f"  Catalogue API docs {stack.url('catalogue')}/docs")
    print(f"  Logs               {stack.state_dir / 'logs'}/\n")
    print("A service that exits is restarted. Press Ctrl-C to stop.")
    try:
        Supervisor(stack.services).run()
    except KeyboardInterrupt:
        print("\nStopping…")
    finally:
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m stack run --model PATH`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="start everything until Ctrl-C")
    run_parser.add_argument("--model", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    # Explicit, so Ctrl-C stops everything even where the shell started us ignoring SIGINT.
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, _interrupt)
    run(args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
