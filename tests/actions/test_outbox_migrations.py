"""The lead outbox's Alembic migrations, on SQLite and on PostgreSQL.

`0001` is the schema of the outbox before migrations; an outbox made then (no version table),
by the first release (without `conversation_id` and `claimed_until`) or a later one (with
them), is adopted at start-up with its rows kept. PostgreSQL runs in
`<HUB_TEST_DB_PREFIX>_outbox_migrations` (tests/backing_services.py); without a server those
cases are skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from actions import outbox_migrate
from actions.outbox import LeadOutbox
from actions.outbox_store import lead_outbox, metadata
from tests.backing_services import postgres_database

ROOT = Path(__file__).resolve().parents[2]
FIRST_RELEASE = sa.MetaData()
sa.Table(
    "lead_outbox",
    FIRST_RELEASE,
    sa.Column("client_reference", sa.Text, primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("lead_id", sa.Integer),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.CheckConstraint("state IN ('pending', 'delivered', 'rejected')", name="lead_outbox_state"),
)
WAITING = {"name": "Anna", "email": "anna@example.com", "conversation_id": "conv-1"}
ROWS = [
    {"client_reference": "ref-1", "payload": json.dumps(WAITING), "state": "pending",
     "attempts": 2, "last_error": "timeout", "lead_id": None, "created_at": 1.0,
     "updated_at": 2.0},
    {"client_reference": "ref-2", "payload": json.dumps({"name": "Bo"}), "state": "pending",
     "attempts": 0, "last_error": None, "lead_id": None, "created_at": 3.0, "updated_at": 3.0},
    {"client_reference": "ref-3", "payload": "{}", "state": "delivered", "attempts": 1,
     "last_error": None, "lead_id": 7, "created_at": 4.0, "updated_at": 5.0},
]  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a PostgreSQL test database emptied first."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'outbox.sqlite3'}"
        return
    address = postgres_database("outbox_migrations")
    engine = sa.create_engine(address, future=True)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS lead_outbox, lead_outbox_version")
    engine.dispose()
    yield address


@pytest.fixture
def engine(url: str) -> Iterator[sa.engine.Engine]:
    """An engine on the empty database."""
    made = sa.create_engine(url, future=True)
    yield made
    made.dispose()


def schema_diff(engine: sa.engine.Engine) -> list[Any]:
    """What autogenerate would change to make the database match `outbox_store.metadata`."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "version_table": outbox_migrate.VERSION_TABLE}
        )
        return list(compare_metadata(context, metadata))


def rows(engine: sa.engine.Engine) -> list[dict[str, Any]]:
    """Every row of the outbox, as dictionaries, by reference."""
    with engine.connect() as connection:
        found = connection.execute(sa.select(lead_outbox).order_by("client_reference"))
        return [dict(row._mapping) for row in found]


def test_the_history_is_one_baseline() -> None:
    assert outbox_migrate.head_revision() == outbox_migrate.BASELINE_REVISION == "0001"


def test_upgrade_head_gives_the_tables_schema(engine: sa.engine.Engine) -> None:
    outbox_migrate.upgrade_database(engine)
    assert outbox_migrate.current_revision(engine) == "0001"
    assert schema_diff(engine) == []
    names = set(sa.inspect(engine).get_table_names())
    assert names == {"lead_outbox", outbox_migrate.VERSION_TABLE}


def test_a_first_release_outbox_is_adopted_with_its_rows(engine: sa.engine.Engine) -> None:
    """No `conversation_id` nor `claimed_until`: both added, filled, rows kept."""
    FIRST_RELEASE.create_all(engine)
    with engine.begin() as connection:
        connection.execute(FIRST_RELEASE.tables["lead_outbox"].insert(), ROWS)
    outbox_migrate.open_database(str(engine.url)).dispose()
    assert outbox_migrate.current_revision(engine) == "0001"
    assert schema_diff(engine) == []
    expected = [
        {**ROWS[0], "conversation_id": "conv-1", "claimed_until": 0.0},
        {**ROWS[1], "conversation_id": None, "claimed_until": 0.0},
        {**ROWS[2], "conversation_id": None, "claimed_until": 0.0},
    ]
    assert rows(engine) == expected


def test_a_later_outbox_without_version_is_stamped_with_its_rows(
    engine: sa.engine.Engine,
) -> None:
    """Today's columns (made by `create_all` and the old ALTERs): only the stamp is added."""
    metadata.create_all(engine)
    added = [
        {**row, "conversation_id": f"c{n}", "claimed_until": 9.5} for n, row in enumerate(ROWS)
    ]
    added[2]["payload"] = json.dumps(WAITING)  # a settled lead an earlier release kept whole
    with engine.begin() as connection:
        connection.execute(lead_outbox.insert(), added)
    outbox = LeadOutbox(str(engine.url), keep_settled_seconds=1e12)
    outbox.close()
    assert outbox_migrate.current_revision(engine) == "0001"
    assert schema_diff(engine) == []
    assert rows(engine) == [
        added[0],
        added[1],
        {**added[2], "payload": "{}", "conversation_id": None},
    ]


def test_an_unknown_outbox_table_is_refused_unchanged(engine: sa.engine.Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE lead_outbox (client_reference TEXT, other TEXT)")
    with pytest.raises(outbox_migrate.MigrationError, match="other"):
        outbox_migrate.upgrade_database(engine)
    inspector = sa.inspect(engine)
    assert inspector.get_table_names() == ["lead_outbox"]
    assert [c["name"] for c in inspector.get_columns("lead_outbox")] == [
        "client_reference",
        "other",
    ]


def test_a_second_start_up_changes_nothing(engine: sa.engine.Engine) -> None:
    outbox_migrate.upgrade_database(engine)
    with engine.begin() as connection:
        connection.execute(lead_outbox.insert(), [{**ROWS[0], "claimed_until": 0.0}])
    before = rows(engine)
    outbox_migrate.upgrade_database(engine)
    assert rows(engine) == before
    assert schema_diff(engine) == []


def test_concurrent_start_ups_both_succeed(url: str, engine: sa.engine.Engine) -> None:
    """Two action servers open one new outbox at once: one waits for the other."""
    program = "import sys; from actions.outbox import LeadOutbox; LeadOutbox(sys.argv[1]).close()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", program, url],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert outbox_migrate.current_revision(engine) == "0001"
    assert schema_diff(engine) == []


def test_threads_of_one_process_take_turns(url: str, engine: sa.engine.Engine) -> None:
    engines = [sa.create_engine(url, future=True) for _ in range(3)]
    barrier = threading.Barrier(len(engines))
    errors: list[BaseException] = []

    def start(each: sa.engine.Engine) -> None:
        barrier.wait()
        try:
            outbox_migrate.upgrade_database(each)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=start, args=(each,)) for each in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for each in engines:
        each.dispose()
    assert errors == []
    assert outbox_migrate.current_revision(engine) == "0001"
