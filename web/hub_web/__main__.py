"""Run the website and staff console: ``python -m hub_web``."""

from __future__ import annotations

import sys

import uvicorn

from hub_web.app import create_app
from hub_web.auth import StaffUsersError
from hub_web.settings import SettingsError, get_settings


def main() -> int:
    """Start uvicorn with the settings from the environment.

    Returns:
        The process exit code (2 on a configuration error).
    """
    try:
        settings = get_settings()
        app = create_app(settings)
    except (SettingsError, StaffUsersError) as error:
        print(f"hub_web: configuration error: {error}", file=sys.stderr)
        return 2
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        proxy_headers=False,
        server_header=False,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
