"""Helpers of the project loader's tests: its files, running ``load``, the listed projects."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import CATALOGUE_DIR
from fastapi.testclient import TestClient

from catalogue_api import cli
from catalogue_api.seed import load_seed_document

EXAMPLE_CSV = CATALOGUE_DIR / "examples" / "projects.csv"
SEED_YAML = CATALOGUE_DIR / "catalogue_api" / "data" / "catalogue.yaml"
SEED_IDS = [p.id for p in load_seed_document().projects]

HEADER = "id,name_en,name_zh,name_ru,sectors,district,status,investment_cny"
GOOD_ROW = "new-port,New Port,新港口项目,Новый порт,logistics;trade,scoda,signed,1500000000"


def catalogue_ids(client: TestClient) -> list[str]:
    """The project ids the API lists, in catalogue order."""
    items = client.get("/projects", params={"page_size": 50}).json()["items"]
    return [p["id"] for p in items]


def run_load(db, monkeypatch, path: Path, *extra: str) -> int:
    """Run ``python -m catalogue_api load`` in this process on the backend's database."""
    monkeypatch.setenv("DATABASE_URL", db.url)
    return cli.main(["load", str(path), *extra])


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write a test file (text is dedented) and return its path."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return path
