"""``python -m catalogue_api``: serve the API with uvicorn (settings from the environment)."""

from __future__ import annotations

import logging
import sys

import uvicorn

from catalogue_api.app import create_app
from catalogue_api.settings import SettingsError, load_settings


def main() -> int:
    """Start uvicorn on ``CATALOGUE_HOST``:``CATALOGUE_PORT``.

    Returns:
        Process exit code.
    """
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not settings.api_key:
        logging.getLogger("catalogue_api").warning(
            "CATALOGUE_API_KEY is not set: the /staff endpoints answer 503"
        )
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        server_header=False,
        proxy_headers=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
