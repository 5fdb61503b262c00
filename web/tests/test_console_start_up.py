"""The console database at start-up (SQLite, as the console runs).

A console database made before migrations, whole or made by a release that had fewer areas,
is adopted with its rows kept; a table unlike the console's is refused; start-ups at once take
turns.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from migration_support import baseline, fill, new_engine, rows, schema_diff, snapshot

from hub_web import migrate
from hub_web.events import ConsoleStore

WEB_DIR = Path(__file__).resolve().parents[1]


def test_start_up_adopts_a_console_db_made_before_migrations(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    baseline().create_all(engine)
    fill(engine, baseline())
    before = rows(engine)
    assert migrate.VERSION_TABLE not in sa.inspect(engine).get_table_names()
    store = ConsoleStore(str(engine.url))
    store.close()
    assert migrate.current_revision(engine) == "0002"
    assert schema_diff(engine) == []
    assert rows(engine) == before


def test_an_older_console_db_gains_the_tables_it_lacks(tmp_path: Path) -> None:
    """A release with fewer areas: its tables kept with their rows, the others created."""
    engine = new_engine(tmp_path)
    kept = {"console_conversations", "console_messages", "console_consumer_offsets"}
    baseline().create_all(engine, tables=[baseline().tables[name] for name in kept])
    fill(engine, baseline(), kept)
    before = rows(engine, kept)
    ConsoleStore(str(engine.url)).close()
    assert migrate.current_revision(engine) == "0002"
    assert schema_diff(engine) == []
    assert rows(engine, kept) == before


def test_a_table_unlike_the_consoles_is_refused_unchanged(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE console_messages (id INTEGER, other TEXT)")
    with pytest.raises(migrate.MigrationError, match=r"console_messages \(id, other\)"):
        migrate.upgrade_database(engine)
    assert sa.inspect(engine).get_table_names() == ["console_messages"]


def test_a_second_start_up_changes_nothing(tmp_path: Path) -> None:
    engine = new_engine(tmp_path)
    ConsoleStore(str(engine.url)).close()
    fill(engine, baseline())
    before = (snapshot(engine), rows(engine))
    ConsoleStore(str(engine.url)).close()
    assert (snapshot(engine), rows(engine)) == before


def test_concurrent_start_ups_both_succeed(tmp_path: Path) -> None:
    """Two website processes open one new console database at once: one waits."""
    url = f"sqlite:///{tmp_path / 'console.db'}"
    program = (
        "import sys; from hub_web.events import ConsoleStore; ConsoleStore(sys.argv[1]).close()"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", program, url],
            cwd=WEB_DIR,
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    engine = sa.create_engine(url)
    assert migrate.current_revision(engine) == "0002"
    assert schema_diff(engine) == []


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    engines = [new_engine(tmp_path) for _ in range(3)]
    barrier = threading.Barrier(len(engines))
    errors: list[BaseException] = []

    def start(engine: sa.Engine) -> None:
        barrier.wait()
        try:
            migrate.upgrade_database(engine)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert migrate.current_revision(engines[0]) == "0002"
