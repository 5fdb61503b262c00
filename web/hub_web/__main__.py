"""Run the website and staff console: ``python -m hub_web [serve | retention]``.

``retention`` applies the retention of conversations once (``RETENTION_DAYS``) and exits:
0 done, 1 an upstream failed, 2 a configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

import uvicorn

from hub_web.app import create_app
from hub_web.auth import StaffUsersError
from hub_web.privacy.retention import apply_retention_once
from hub_web.settings import SettingsError, get_settings
from hub_web.upstream import UpstreamError


def retention() -> int:
    """Erase the conversations without a lead idle for ``RETENTION_DAYS``, once.

    Returns:
        The process exit code.
    """
    try:
        settings = get_settings()
    except SettingsError as error:
        print(f"hub_web: configuration error: {error}", file=sys.stderr)
        return 2
    try:
        result = asyncio.run(apply_retention_once(settings))
    except UpstreamError as error:
        print(f"hub_web: nothing erased, the {error.service} service failed", file=sys.stderr)
        return 1
    if result is None:
        print("retention is off (RETENTION_DAYS=0): nothing erased")
        return 0
    print(
        f"erased {result.erased} conversation(s) without a lead idle since "
        f"{result.cutoff:%Y-%m-%d %H:%M} UTC; {result.failed} failed"
    )
    return 1 if result.failed else 0


def main(argv: list[str] | None = None) -> int:
    """Start uvicorn with the settings from the environment, or run one command.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        The process exit code (2 on a configuration error).
    """
    parser = argparse.ArgumentParser(prog="python -m hub_web")
    parser.add_argument("command", nargs="?", choices=["serve", "retention"], default="serve")
    if parser.parse_args(argv).command == "retention":
        return retention()
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
