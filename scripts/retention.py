"""Applies the retention of visitors' data once, to the state of `make run` (`make retention`).

First the catalogue deletes the unqualified leads unchanged for RETENTION_DAYS, then the
console erases the conversations without a lead idle that long (through Rasa's HTTP API, so
the Rasa server of `make run` must be running). Both services also do it by themselves every
RETENTION_INTERVAL_HOURS while they run. Standard library only, like the stack runner.

    python scripts/retention.py [--state-dir var]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as `python scripts/retention.py`
    sys.path.insert(0, str(REPO_ROOT))

from stack.environment import web_backend_env  # noqa: E402
from stack.profiles.default import Ports  # noqa: E402
from stack.secrets import Secrets  # noqa: E402


def commands(state_dir: Path, ports: Ports | None = None) -> list[tuple[list[str], dict[str, str]]]:
    """The two retention commands and their environments, wired as `make run` wires them."""
    ports = ports or Ports()
    secrets = Secrets.load_or_create(state_dir / "secrets.json")
    catalogue_url = f"sqlite:///{state_dir / 'catalogue.db'}"
    catalogue = (
        [str(REPO_ROOT / "catalogue/.venv/bin/python"), "-m", "catalogue_api", "retention"],
        {"DATABASE_URL": os.environ.get("DATABASE_URL", catalogue_url)},
    )
    web = (
        [str(REPO_ROOT / "web/.venv/bin/python"), "-m", "hub_web", "retention"],
        web_backend_env(
            state_dir,
            secrets,
            f"http://127.0.0.1:{ports.rasa}",
            f"http://127.0.0.1:{ports.catalogue}",
        ),
    )
    return [catalogue, web]


def main(argv: list[str] | None = None) -> int:
    """Runs the catalogue's retention, then the console's; the first failure stops it.

    Returns:
        The exit code of the first command that failed, else 0.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state-dir", type=Path, default=REPO_ROOT / "var")
    args = parser.parse_args(argv)
    for argv_, env in commands(args.state_dir.resolve()):
        code = subprocess.run(argv_, cwd=REPO_ROOT, env={**os.environ, **env}, check=False)
        if code.returncode != 0:
            return code.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
