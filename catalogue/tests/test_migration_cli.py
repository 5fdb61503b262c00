"""The ``alembic`` command (pyproject.toml, no .ini) and ``python -m catalogue_api migrate``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import CATALOGUE_DIR
from migration_support import create_legacy_database, insert_legacy_rows

from catalogue_api import migrate
from catalogue_api.db import make_engine


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env={**os.environ, **env, "PYTHONPATH": str(CATALOGUE_DIR)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_alembic_command_and_python_m_migrate(tmp_path: Path) -> None:
    """The ``alembic`` command (pyproject.toml, no .ini) and ``python -m catalogue_api migrate``."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgraded = _run(["-m", "alembic", "-x", f"url={url}", "upgrade", "head"], {}, CATALOGUE_DIR)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Running upgrade 0001 -> 0002" in upgraded.stderr
    assert "Running upgrade 0002 -> 0003" in upgraded.stderr
    assert "Running upgrade 0003 -> 0004" in upgraded.stderr
    assert "Running upgrade 0004 -> 0005" in upgraded.stderr
    assert "Running upgrade 0005 -> 0006" in upgraded.stderr
    assert "Running upgrade 0006 -> 0007" in upgraded.stderr
    assert "Running upgrade 0007 -> 0008" in upgraded.stderr
    check = _run(["-m", "alembic", "-x", f"url={url}", "check"], {}, CATALOGUE_DIR)
    assert check.returncode == 0 and "No new upgrade operations detected" in check.stdout

    legacy_url = f"sqlite:///{tmp_path / 'legacy.db'}"
    engine = make_engine(legacy_url)
    try:
        create_legacy_database(engine)
        insert_legacy_rows(engine)
    finally:
        engine.dispose()
    # From the repository root, naming the configuration; the URL from DATABASE_URL.
    current = _run(
        ["-m", "alembic", "-c", str(CATALOGUE_DIR / "pyproject.toml"), "upgrade", "head"],
        {"DATABASE_URL": legacy_url},
        tmp_path,
    )
    assert current.returncode == 0, current.stderr
    assert "stamped at revision 0001" in current.stderr
    again = _run(["-m", "catalogue_api", "migrate"], {"DATABASE_URL": legacy_url}, tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"database at revision {migrate.head_revision()}"
