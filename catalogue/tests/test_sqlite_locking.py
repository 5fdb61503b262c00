"""A long read on the SQLite file stalls nobody, and ``/health`` checks the database (issue 18, 6).

The catalogue's SQLite file is in WAL mode (as the bot's own stores are): a reader holding a
read transaction no longer blocks a writer, so a staff change is answered at once instead of
after the 15 s busy timeout with a 503. ``/health`` reads a table, so a file that is not a
database (or lost its schema) answers 503 with a JSON error instead of 200.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    API_KEY,
    INTAKE,
    INTAKE_KEY,
    STAFF,
    TEST_CATALOGUE,
    TEST_SOURCES,
)
from fastapi.testclient import TestClient
from sqlalchemy import text

from catalogue_api import db
from catalogue_api.app import create_app
from catalogue_api.db import BUSY_TIMEOUT_SECONDS, make_engine
from catalogue_api.lead_schemas import LeadCreate
from catalogue_api.lead_service import new_lead
from catalogue_api.models import utcnow
from catalogue_api.settings import Settings

#: A staff change must be answered within this while another connection reads.
QUICK_SECONDS = 2.0


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """The API on its own SQLite file; the client and the file."""
    path = tmp_path / "catalogue.db"
    app = create_app(
        Settings(database_url=f"sqlite:///{path}", api_key=API_KEY, lead_intake_key=INTAKE_KEY),
        seed=TEST_CATALOGUE,
        sources=TEST_SOURCES,
    )
    with TestClient(app, headers=INTAKE) as client:
        yield client, path


def store_lead(client: TestClient) -> dict[str, int]:
    """Store a lead straight through the service's session factory; its id."""
    body = LeadCreate(name="Reader Test", email="reader@example.com", consent=True)
    with client.app.state.session_factory() as session, session.begin():  # type: ignore[attr-defined]
        lead = new_lead(body, created_by="test", now=utcnow())
        session.add(lead)
        session.flush()
        return {"id": lead.id}


def test_the_file_is_in_wal_mode_with_a_short_busy_timeout(
    sqlite_app: tuple[TestClient, Path],
) -> None:
    """Every connection of the service uses WAL and waits at most a few seconds for a lock."""
    client, path = sqlite_app
    with client.app.state.engine.connect() as connection:  # type: ignore[attr-defined]
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        timeout_ms = connection.execute(text("PRAGMA busy_timeout")).scalar()
    assert timeout_ms == BUSY_TIMEOUT_SECONDS * 1000 <= 5000
    with sqlite3.connect(path) as other:  # the mode is stored in the file itself
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_new_file_switched_to_wal_by_another_connection_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes opening one new file at once: the second waits for the first's switch.

    SQLite answers "database is locked" at once, without its busy timeout, to a change of
    journal mode while another connection holds the file (two ``migrate`` runs at start-up).
    """
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE held (id INTEGER)")
    pauses: list[float] = []

    def release_the_holder(seconds: float) -> None:
        pauses.append(seconds)
        holder.execute("COMMIT")

    monkeypatch.setattr(db.time, "sleep", release_the_holder)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        engine.dispose()
        holder.close()
    assert len(pauses) == 1


def test_a_staff_patch_is_not_blocked_by_a_long_read(
    sqlite_app: tuple[TestClient, Path],
) -> None:
    """Another connection holds a read transaction; a PATCH and a read still answer at once."""
    client, path = sqlite_app
    lead = store_lead(client)
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM leads").fetchone() == (1,)
        started = time.monotonic()
        patched = client.patch(
            f"/staff/leads/{lead['id']}",
            headers=STAFF,
            json={"status": "contacted", "changed_by": "anna"},
        )
        listed = client.get("/staff/leads", headers=STAFF)
        elapsed = time.monotonic() - started
        # The reader still sees the lead as it was when its transaction began.
        assert reader.execute("SELECT status FROM leads").fetchone() == ("new",)
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert patched.status_code == 200, patched.text
    assert listed.json()["items"][0]["status"] == "contacted"
    assert elapsed < QUICK_SECONDS, f"the PATCH waited {elapsed:.1f} s for the reader"


def test_health_is_503_when_the_database_cannot_be_queried(
    sqlite_app: tuple[TestClient, Path],
) -> None:
    """A file that is no longer a database: ``/health`` answers 503 with a JSON error."""
    client, path = sqlite_app
    assert client.get("/health").json() == {"status": "ok"}
    client.app.state.engine.dispose()  # type: ignore[attr-defined]
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    path.write_bytes(b"this is not a database " * 200)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/json")
    assert "database" in response.json()["detail"]


def test_health_is_503_when_the_schema_is_gone(sqlite_app: tuple[TestClient, Path]) -> None:
    """A database that answers but lost its tables is not healthy either."""
    client, path = sqlite_app
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE alembic_version")
    response = client.get("/health")
    assert response.status_code == 503
    assert "database" in response.json()["detail"]
