"""The Telegram channel in the stack: off unless `TELEGRAM_BOT_TOKEN` is set.

Rasa fills `${VARS}` in the credentials file and fails on one that is unset, so the
repository's `credentials.yml` has no Telegram section. With a token set (in the stack's
`extra_env` or the environment), the stack writes `<state>/credentials.yml`: the
repository's file plus the channel's section, whose settings Rasa reads from the
environment (`bot/settings.py`); the webhook secret comes from `TELEGRAM_WEBHOOK_SECRET`
or the stack's secrets file. `set_webhook` runs `python -m bot.server.channels.telegram
set-webhook` once, at deploy time, when `TELEGRAM_WEBHOOK_URL` is set.

Standard library only, like the rest of the stack runner.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BASE_CREDENTIALS = REPO_ROOT / "credentials.yml"
SECTION = (
    "\n# Written by the stack runner because TELEGRAM_BOT_TOKEN is set; configured from the\n"
    "# environment (TELEGRAM_*, HUB_PUBLIC_URL): see bot/server/channels/telegram.py.\n"
    "bot.server.channels.telegram.HubTelegramInput:\n"
)
#: What the Rasa server reads to run the channel.
PASSED = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
    "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_API_URL",
    "HUB_PUBLIC_URL",
)


def telegram_env(extra_env: Mapping[str, str], secret: str) -> dict[str, str]:
    """The Rasa server's Telegram settings, or nothing when no token is set.

    Args:
        extra_env: The stack's own environment additions (they win over the process's).
        secret: The webhook secret of the stack's secrets file, used when
            `TELEGRAM_WEBHOOK_SECRET` is not set.
    """
    env = {**os.environ, **extra_env}
    if not env.get("TELEGRAM_BOT_TOKEN", "").strip():
        return {}
    chosen = {name: env[name] for name in PASSED if env.get(name, "").strip()}
    chosen.setdefault("TELEGRAM_WEBHOOK_SECRET", secret)
    return chosen


def credentials_file(state_dir: Path, telegram: Mapping[str, str]) -> Path:
    """The credentials file to start Rasa with: with the Telegram section when configured."""
    if not telegram:
        return BASE_CREDENTIALS
    path = state_dir / "credentials.yml"
    path.write_text(BASE_CREDENTIALS.read_text(encoding="utf-8") + SECTION, encoding="utf-8")
    return path


def set_webhook(telegram: Mapping[str, str], timeout: float = 300) -> bool:
    """Tells Telegram the webhook once, when its URL is configured; whether it was set."""
    if not telegram.get("TELEGRAM_WEBHOOK_URL"):
        return False
    result = subprocess.run(
        [str(REPO_ROOT / ".venv/bin/python"), "-m", "bot.server.channels.telegram", "set-webhook"],
        cwd=REPO_ROOT,
        env={**os.environ, **telegram},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result.returncode == 0
