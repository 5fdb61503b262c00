"""The real service: ``python -m catalogue_api`` serving HTTP on a local port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import CATALOGUE_DIR

from catalogue_api.seed import load_seed_document


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_python_m_catalogue_api_serves_and_seeds_once(tmp_path: Path) -> None:
    """The real service seeds the hub's own catalogue once, whatever that catalogue holds."""
    seed = load_seed_document()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'nested' / 'dir' / 'catalogue.db'}",
        "CATALOGUE_PORT": str(port),
        "CATALOGUE_API_KEY": "",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(CATALOGUE_DIR), os.environ.get("PYTHONPATH")])
        ),
    }
    base = f"http://127.0.0.1:{port}"
    for _run in range(2):  # the second start must find the seeded database and add nothing
        process = subprocess.Popen(
            [sys.executable, "-m", "catalogue_api"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    status, body = _get(f"{base}/health")
                    break
                except (urllib.error.URLError, ConnectionError):
                    assert process.poll() is None, process.stdout.read() if process.stdout else ""
                    assert time.monotonic() < deadline, "server did not start in 30 s"
                    time.sleep(0.2)
            assert (status, body) == (200, {"status": "ok"})
            status, body = _get(f"{base}/projects?page_size=50&lang=zh")
            assert status == 200 and body["total"] == len(seed.projects)
            assert body["items"][0]["name"] == seed.projects[0].name.zh
            status, body = _get(f"{base}/services", {"Accept-Language": "ru-RU,ru;q=0.9"})
            assert status == 200 and body["items"][0]["name"] == seed.services[0].name.ru
            status, body = _get(f"{base}/staff/leads", {"X-API-Key": "x"})
            assert status == 503 and "CATALOGUE_API_KEY" in body["detail"]
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert (tmp_path / "nested" / "dir" / "catalogue.db").is_file()
