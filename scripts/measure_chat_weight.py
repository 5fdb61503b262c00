"""What a 13-turn conversation in the widget costs on the wire: requests and bytes.

Runs the conversation of `tests/browser/chat_traffic.py` in headless Chromium against a
running website (`make run`: http://127.0.0.1:8080) three ways: as the widget is now
(WebSocket), with WebSockets refused (the fallback, long-polling), and with the widget's
socket.io transport of an earlier commit (`--before`, e.g. the long-polling-only widget).
Prints one JSON line per way.

    .venv/bin/python scripts/measure_chat_weight.py --before 7db387c
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as `python scripts/measure_chat_weight.py`
    sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

TRANSPORT_JS = "web/hub_web/static/js/chat/transport.js"


def main() -> None:
    """Measures and prints."""
    # Imported by name: mypy checks scripts/, not the tests these helpers live with.
    traffic_module = importlib.import_module("tests.browser.chat_traffic")
    browser_module = importlib.import_module("tests.browser.conftest")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web-url", default="http://127.0.0.1:8080")
    parser.add_argument("--before", help="a commit whose widget transport to measure too")
    args = parser.parse_args()
    ways: list[tuple[str, bool, str | None]] = [("websocket", False, None)]
    ways.append(("websocket refused (polling fallback)", True, None))
    if args.before:
        old = subprocess.run(
            ["git", "show", f"{args.before}:{TRANSPORT_JS}"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        ways.append((f"widget transport of {args.before}", False, old))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_module.CHROMIUM_PATH,
            headless=True,
            args=browser_module.CHROMIUM_ARGS,
        )
        try:
            for name, blocked, transport_js in ways:
                traffic = traffic_module.record_conversation(
                    browser, args.web_url, traffic_module.THIRTEEN_TURNS, blocked, transport_js
                )
                print(json.dumps({"way": name, **traffic.as_dict()}), flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
