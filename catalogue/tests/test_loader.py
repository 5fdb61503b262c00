"""The project loader: YAML and CSV, success and rejection (old catalogue kept), atomicity."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import TEST_PROJECT_IDS
from fastapi.testclient import TestClient

from catalogue_api import catalogue_writes, cli, file_parsing
from catalogue_api.seed import load_seed_document

CATALOGUE_DIR = Path(__file__).resolve().parents[1]
EXAMPLE_CSV = CATALOGUE_DIR / "examples" / "projects.csv"
SEED_YAML = CATALOGUE_DIR / "catalogue_api" / "data" / "catalogue.yaml"
SEED_IDS = [p.id for p in load_seed_document().projects]

HEADER = "id,name_en,name_zh,name_ru,sectors,district,status,investment_cny"
GOOD_ROW = "new-port,New Port,新港口项目,Новый порт,logistics;trade,scoda,signed,1500000000"


@pytest.fixture(autouse=True)
def _restore(request: pytest.FixtureRequest) -> None:
    """Every test here that touches a database gets the test projects back afterwards."""
    if "db" in request.fixturenames:
        request.getfixturevalue("restore_catalogue")


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


# ---------------------------------------------------------------- success


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


# ---------------------------------------------------------------- rejection


CSV_FAILURES = [
    (f"{HEADER}\n{GOOD_ROW}\nbad,B,乙,Б,mining,,signed,\n", "line 3 (id 'bad'): field 'sectors'"),
    (f"{HEADER}\nno-zh,No zh,,Без,trade,,signed,\n", "line 2 (id 'no-zh'): field 'name_zh'"),
    (f"{HEADER}\nx,X,乙,Б,trade,,planned,\n", "line 2 (id 'x'): field 'status'"),
    (f"{HEADER}\nx,X,乙,Б,trade,beijing,signed,\n", "line 2 (id 'x'): field 'district'"),
    (f"{HEADER}\nx,X,乙,Б,,,signed,\n", "line 2 (id 'x'): field 'sectors'"),
    (f"{HEADER}\nx,X,乙,Б,trade;trade,,signed,\n", "sector listed twice: trade"),
    (f"{HEADER}\nx,X,乙,Б,trade,,signed,lots\n", "line 2 (id 'x'): field 'investment_cny'"),
    (f"{HEADER}\nx,X,乙,Б,trade,,signed,-5\n", "line 2 (id 'x'): field 'investment_cny'"),
    (f"{HEADER}\nx,X,乙,Б,trade,,signed,nan\n", "line 2 (id 'x'): field 'investment_cny'"),
    (f"{HEADER}\nBad Id,X,乙,Б,trade,,signed,\n", "line 2 (id 'Bad Id'): field 'id'"),
    (f"{HEADER}\n,X,乙,Б,trade,,signed,\n", "line 2: field 'id'"),
    (
        f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n",
        "line 3 (id 'new-port'): field 'id': duplicate of line 2",
    ),
    (f"{HEADER}\nx,X,乙,Б,trade,,signed,,extra\n", "line 2: more values than columns"),
    (f"{HEADER},colour\n{GOOD_ROW},red\n", "line 1: unknown column(s) 'colour'"),
    ("id,name_en,sectors,status\nx,X,trade,signed\n", "line 1: missing column(s) name_ru, name_zh"),
    (f"{HEADER}\n", "no projects in the file"),
    ("", "the file is empty"),
    (f'{HEADER}\nx,"X,乙,Б,trade,,signed,\n', "near line 2: not valid CSV: unexpected end of data"),
    (f"{HEADER}\nx,X\x00,乙,Б,trade,,signed,\n", "field 'name_en'"),
]


@pytest.mark.parametrize(("content", "expected"), CSV_FAILURES)
def test_bad_csv_is_rejected_and_catalogue_kept(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
    capsys,
    content: str,
    expected: str,
) -> None:
    """A bad CSV file is rejected naming line, id and field; the catalogue stays."""
    path = write(tmp_path, "bad.csv", content.encode("utf-8"))
    before = client.get("/projects", params={"page_size": 50}).json()
    assert run_load(db, monkeypatch, path) == 1
    err = capsys.readouterr().err
    assert "rejected, catalogue unchanged" in err
    assert f"{path}: " in err
    assert expected in err, err
    assert client.get("/projects", params={"page_size": 50}).json() == before


YAML_FAILURES = [
    ("projects: [\n  {id: x\n", "not valid YAML at line"),
    ("just text\n", "expected a list of projects"),
    ("other: []\n", "needs a 'projects' list"),
    ("projects:\n  - 5\n", "projects[0] (entry 1): expected a mapping"),
    (
        "- id: x\n  name: {en: X, zh: 乙, ru: Б}\n  sectors: [trade]\n  status: signed\n"
        "  colour: red\n",
        "projects[0] (entry 1) (id 'x'): field 'colour': unknown field",
    ),
    (
        "- id: x\n  name: {en: X, zh: 乙}\n  sectors: [trade]\n  status: signed\n",
        "field 'name.ru'",
    ),
    (
        "- id: ok\n  name: {en: X, zh: 乙, ru: Б}\n  sectors: [trade]\n  status: signed\n"
        "- id: y\n  name: {en: Y, zh: 乙, ru: Б}\n  status: signed\n",
        "projects[1] (entry 2) (id 'y'): field 'sectors'",
    ),
    ("[]\n", "no projects in the file"),
]


@pytest.mark.parametrize(("content", "expected"), YAML_FAILURES)
def test_bad_yaml_is_rejected_and_catalogue_kept(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
    capsys,
    content: str,
    expected: str,
) -> None:
    """A bad YAML file is rejected naming entry, id and field; the catalogue stays."""
    path = write(tmp_path, "bad.yaml", content.encode("utf-8"))
    assert run_load(db, monkeypatch, path) == 1
    err = capsys.readouterr().err
    assert expected in err, err
    assert catalogue_ids(client) == TEST_PROJECT_IDS


def test_every_error_of_a_file_is_reported(tmp_path: Path) -> None:
    """Every error of a file is reported, not only the first."""
    path = write(tmp_path, "bad.csv", f"{HEADER}\nx,X,乙,Б,mining,,signed,\ny,Y,乙,Б,trade,,won,\n")
    with pytest.raises(file_parsing.CatalogueFileError) as caught:
        file_parsing.read_projects_file(path)
    assert len(caught.value.errors) == 2
    assert "line 2 (id 'x'): field 'sectors'" in caught.value.errors[0]
    assert "line 3 (id 'y'): field 'status'" in caught.value.errors[1]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("p.txt", b"whatever", "unsupported file type"),
        ("p.csv", b"id,name_en\n\xff\xfe\n", "not UTF-8"),
    ],
)
def test_unreadable_files(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
    capsys,
    name: str,
    content: bytes,
    expected: str,
) -> None:
    """Unsupported file types and non-UTF-8 files are rejected."""
    path = write(tmp_path, name, content)
    assert run_load(db, monkeypatch, path) == 1
    assert expected in capsys.readouterr().err
    assert catalogue_ids(client) == TEST_PROJECT_IDS


def test_missing_file(client: TestClient, db, monkeypatch, tmp_path: Path, capsys) -> None:
    """A missing file is rejected and the catalogue stays."""
    assert run_load(db, monkeypatch, tmp_path / "absent.csv") == 1
    assert "cannot read the file" in capsys.readouterr().err
    assert catalogue_ids(client) == TEST_PROJECT_IDS


def test_failed_write_rolls_back(client: TestClient, db, monkeypatch) -> None:
    """The old rows are deleted inside the transaction; a failure after that restores them."""
    real_insert = catalogue_writes.insert_projects

    def insert_then_fail(session, projects) -> None:
        real_insert(session, projects)
        session.flush()
        raise RuntimeError("power cut")

    monkeypatch.setattr(catalogue_writes, "insert_projects", insert_then_fail)
    projects = file_parsing.parse_projects_csv(f"{HEADER}\n{GOOD_ROW}\n")
    with pytest.raises(RuntimeError):
        catalogue_writes.replace_projects(db.factory, projects)
    assert catalogue_ids(client) == TEST_PROJECT_IDS


def test_database_error_is_reported_and_catalogue_kept(
    client: TestClient,
    db,
    monkeypatch,
    tmp_path: Path,
    capsys,
) -> None:
    """A constraint violation during the write (name over the column size) exits 1, no change."""
    long_name = "N" * 250
    path = write(tmp_path, "p.csv", f"{HEADER}\n{GOOD_ROW}\n")
    real_row = catalogue_writes.project_row

    def oversized(project, position):
        row = real_row(project, position)
        row.status = long_name  # projects.status is VARCHAR(16)
        return row

    monkeypatch.setattr(catalogue_writes, "project_row", oversized)
    exit_code = run_load(db, monkeypatch, path)
    if db.name == "sqlite":
        # SQLite does not enforce VARCHAR lengths: the write succeeds there.
        assert exit_code == 0
        return
    assert exit_code == 1
    assert "database error, catalogue unchanged" in capsys.readouterr().err
    assert catalogue_ids(client) == TEST_PROJECT_IDS


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
