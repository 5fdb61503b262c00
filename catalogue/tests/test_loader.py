"""The project loader: YAML and CSV files that load, dry runs, and the command as a process.

Rejected files and failed writes, which keep the old catalogue: ``test_loader_rejection.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CATALOGUE_DIR, TEST_PROJECT_IDS
from fastapi.testclient import TestClient
from loader_support import (
    EXAMPLE_CSV,
    GOOD_ROW,
    HEADER,
    SEED_IDS,
    SEED_YAML,
    catalogue_ids,
    run_load,
    write,
)

from catalogue_api import file_parsing

pytestmark = pytest.mark.usefixtures("restore_catalogue_if_db")


def test_load_yaml_replaces_the_catalogue(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
    capsys,
) -> None:
    """A valid YAML file replaces the whole project catalogue."""
    path = write(
        tmp_path,
        "projects.yaml",
        """
        projects:
          - id: new-port
            name: {en: New Port, zh: 新港口项目, ru: Новый порт}
            sectors: [logistics, trade]
            district: scoda
            status: signed
            investment_cny: 1500000000
            summary: {en: A port., zh: 港口。}
          - id: lantern-plaza-area
            name: {en: Lantern Plaza Area, zh: 灯笼广场片区项目, ru: Район площади «Фонарь»}
            sectors: [infrastructure]
            status: signed
        """,
    )
    assert run_load(db, monkeypatch, path) == 0
    assert "loaded 2 projects (replaced 7)" in capsys.readouterr().out
    assert catalogue_ids(client) == ["new-port", "lantern-plaza-area"]
    en = client.get("/projects/new-port").json()
    assert en["investment_cny"] == 1500000000
    assert en["investment_label"] == "1,500,000,000 yuan"
    assert en["district_label"] == "SCODA"
    ru = client.get("/projects/new-port", params={"lang": "ru"}).json()
    assert ru["investment_label"] == "1\u00a0500\u00a0000\u00a0000 юаней"
    assert ru["summary"] == "A port."  # missing language falls back to English
    assert client.get("/projects/lantern-plaza-area").json()["sectors"] == ["infrastructure"]
    assert client.get("/projects/gearwheel-works-branch").status_code == 404


def test_example_csv_is_the_seed_catalogue(
    client: TestClient,
    db,
    monkeypatch,
    capsys,
) -> None:
    """``examples/projects.csv`` holds the seed file's projects exactly."""
    assert run_load(db, monkeypatch, SEED_YAML) == 0
    before = client.get("/projects", params={"page_size": 50, "lang": "ru"}).json()
    assert run_load(db, monkeypatch, EXAMPLE_CSV) == 0
    assert f"loaded {len(SEED_IDS)} projects" in capsys.readouterr().out
    assert client.get("/projects", params={"page_size": 50, "lang": "ru"}).json() == before


def test_seed_yaml_is_a_valid_loader_file() -> None:
    """The hub's seed file is itself a valid project file."""
    assert [p.id for p in file_parsing.read_projects_file(SEED_YAML)] == SEED_IDS


def test_csv_with_bom_blank_lines_and_minimal_columns(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
) -> None:
    """A CSV file with a BOM, blank lines and only the required columns loads."""
    content = f"\ufeff{HEADER}\n{GOOD_ROW}\n\n,,,,,,,\n"
    path = write(tmp_path, "p.csv", content)
    assert run_load(db, monkeypatch, path) == 0
    assert catalogue_ids(client) == ["new-port"]
    assert client.get("/projects/new-port").json()["sectors"] == ["logistics", "trade"]


def test_dry_run_changes_nothing(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
    capsys,
) -> None:
    """``--dry-run`` validates the file and changes nothing."""
    path = write(tmp_path, "p.csv", f"{HEADER}\n{GOOD_ROW}\n")
    assert run_load(db, monkeypatch, path, "--dry-run") == 0
    assert "valid, 1 projects" in capsys.readouterr().out
    assert catalogue_ids(client) == TEST_PROJECT_IDS


def test_leads_keep_removed_project_ids(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
    capsys,
    make_lead,
    staff,
) -> None:
    """Leads keep ids of removed projects; the loader warns about them."""
    lead = make_lead(projects=["lantern-plaza-area", "gearwheel-works-branch"])
    path = write(tmp_path, "p.csv", f"{HEADER}\n{GOOD_ROW}\n")
    assert run_load(db, monkeypatch, path) == 0
    err = capsys.readouterr().err
    assert "no longer in the catalogue" in err
    assert "gearwheel-works-branch, lantern-plaza-area" in err
    stored = client.get(f"/staff/leads/{lead['id']}", headers=staff).json()
    assert stored["projects"] == ["lantern-plaza-area", "gearwheel-works-branch"]
    found = client.get(
        "/staff/leads", headers=staff, params={"project": "lantern-plaza-area"}
    ).json()
    assert [item["id"] for item in found["items"]] == [lead["id"]]
    # A new lead can no longer name the removed project.
    response = client.post(
        "/leads",
        json={
            "name": "x",
            "email": "x@example.com",
            "consent": True,
            "projects": ["lantern-plaza-area"],
        },
    )
    assert response.status_code == 422


def test_cli_entry_point(tmp_path: Path) -> None:
    """``python -m catalogue_api load`` as a process: exit codes and messages."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(CATALOGUE_DIR), os.environ.get("PYTHONPATH")])
        ),
    }
    bad = write(tmp_path, "bad.csv", f"{HEADER}\nx,X,乙,Б,mining,,signed,\n")
    result = subprocess.run(
        [sys.executable, "-m", "catalogue_api", "load", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "line 2 (id 'x'): field 'sectors'" in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "catalogue_api", "load", str(EXAMPLE_CSV)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"loaded {len(SEED_IDS)} projects (replaced {len(SEED_IDS)})" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "catalogue_api", "load"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
