"""The environment the stack gives its services, beside their commands (`profiles/default.py`).

Standard library only, like the rest of the package: `make retention` runs it in the
catalogue's environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from stack.secrets import Secrets


def website_origins(host: str, web_port: int, env: Mapping[str, str]) -> list[str]:
    """The origins whose pages may call Rasa from a browser (its `--cors`).

    `HUB_WEBSITE_ORIGINS` (in `env` or the environment; space- or comma-separated, e.g.
    `https://www.example.org`) when set; otherwise the website of this stack, on loopback
    under both of its names.
    """
    configured = env.get("HUB_WEBSITE_ORIGINS", os.environ.get("HUB_WEBSITE_ORIGINS", ""))
    if origins := configured.replace(",", " ").split():
        return origins
    names = ["127.0.0.1", "localhost"] if host in {"127.0.0.1", "localhost"} else [host]
    return [f"http://{name}:{web_port}" for name in names]


def web_backend_env(
    state: Path, secrets: Secrets, rasa_url: str, catalogue_url: str
) -> dict[str, str]:
    """What the website needs to reach Rasa, the catalogue and its databases.

    The web service of `make run` and `make retention`'s console command both use it.

    Args:
        state: The stack's state folder (the console's and the event broker's SQLite files).
        secrets: The stack's secrets.
        rasa_url: The Rasa server's address.
        catalogue_url: The catalogue API's address.

    Returns:
        The environment variables.
    """
    return {
        "RASA_URL": rasa_url,
        "RASA_JWT_SECRET": secrets.rasa_jwt_secret,
        "CATALOGUE_API_URL": catalogue_url,
        "CATALOGUE_API_KEY": secrets.catalogue_api_key,
        "AUDIT_HASH_KEY": secrets.audit_hash_key,
        "CONSOLE_DB_URL": f"sqlite:///{state / 'console.db'}",
        "EVENT_BROKER": "sql",
        "EVENT_BROKER_URL": f"sqlite:///{state / 'events.db'}",
    }


def passthrough(*names: str) -> dict[str, str]:
    """The variables among `names` that this process's environment sets, as they are."""
    return {name: os.environ[name] for name in names if name in os.environ}
