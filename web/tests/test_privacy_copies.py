"""The console's own copies of a conversation (its tables, the SQL broker) and the audit log."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from privacy_support import EMAIL, OTHER, START, VISITOR, conversation_events
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, insert, inspect, select
from web_support import AUDIT_KEY, publish

from hub_web.events import ConsoleStore, SqlBrokerConsumer
from hub_web.privacy.audit import AuditLog, subject_hash
from hub_web.privacy.local_copies import (
    conversation_rows,
    conversations_idle_since,
    delete_conversation_rows,
    erase_local_copies,
    redact_broker_rows,
)


@pytest.fixture
def store(tmp_path: Path) -> ConsoleStore:
    """The console's database with two visitors' conversations applied."""
    console = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    console.apply_events([*conversation_events(VISITOR), *conversation_events(OTHER, START + 99)])
    yield console
    console.close()


def broker_url(tmp_path: Path) -> str:
    """The test's SQL event broker, with both conversations in it."""
    publish(tmp_path / "events.db", [*conversation_events(VISITOR), *conversation_events(OTHER)])
    return f"sqlite:///{tmp_path / 'events.db'}"


def tables_mentioning(store: ConsoleStore, text: str) -> set[str]:
    """The console tables in which any value contains ``text``."""
    found = set()
    with store.engine.connect() as connection:
        for name in inspect(connection).get_table_names():
            table = Table(name, MetaData(), autoload_with=connection)
            if any(
                text in str(value) for row in connection.execute(select(table)) for value in row
            ):
                found.add(name)
    return found


def test_every_table_holding_the_conversation_is_found(store: ConsoleStore) -> None:
    rows = conversation_rows(store.engine, VISITOR)
    assert set(rows) == tables_mentioning(store, VISITOR)
    assert "console_conversations" in rows
    assert all(OTHER not in str(table_rows) for table_rows in rows.values())
    assert rows["console_conversations"][0]["first_event_at"].startswith("2024-05-06T")


def test_deleting_leaves_no_trace_and_other_conversations_alone(store: ConsoleStore) -> None:
    before = conversation_rows(store.engine, OTHER)
    assert delete_conversation_rows(store.engine, [VISITOR]) > 0
    assert tables_mentioning(store, VISITOR) == set()
    assert tables_mentioning(store, EMAIL) <= tables_mentioning(store, OTHER)
    assert conversation_rows(store.engine, OTHER) == before
    assert delete_conversation_rows(store.engine, [VISITOR]) == 0  # again: nothing left


def test_a_table_added_later_and_its_references_are_covered(store: ConsoleStore) -> None:
    """A new table with ``sender_id``, and one referring to its rows, need no change here."""
    metadata = MetaData()
    notes = Table(
        "console_notes",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("sender_id", String(255)),
    )
    marks = Table(
        "console_note_marks",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("note_id", ForeignKey("console_notes.id")),
    )
    metadata.create_all(store.engine)
    with store.engine.begin() as connection:
        connection.execute(
            insert(notes), [{"id": 1, "sender_id": VISITOR}, {"id": 2, "sender_id": OTHER}]
        )
        connection.execute(insert(marks), [{"id": 10, "note_id": 1}, {"id": 20, "note_id": 2}])
    rows = conversation_rows(store.engine, VISITOR)
    assert rows["console_notes"] == [{"id": 1, "sender_id": VISITOR}]
    assert rows["console_note_marks"] == [{"id": 10, "note_id": 1}]
    delete_conversation_rows(store.engine, [VISITOR])
    with store.engine.connect() as connection:
        assert connection.execute(select(marks.c.id)).scalars().all() == [20]


def test_broker_rows_are_emptied_not_deleted(tmp_path: Path) -> None:
    url = broker_url(tmp_path)
    assert redact_broker_rows(url, [VISITOR]) == len(conversation_events(VISITOR))
    with closing(sqlite3.connect(tmp_path / "events.db")) as connection:
        rows = connection.execute("SELECT id, sender_id, data FROM events ORDER BY id").fetchall()
    assert len(rows) == 2 * len(conversation_events(VISITOR))  # ids kept for the consumer
    assert [row[1] for row in rows if row[2] is None] == [None] * len(conversation_events(VISITOR))
    assert {row[1] for row in rows if row[2] is not None} == {OTHER}
    assert VISITOR not in str(rows)


def test_no_broker_means_nothing_to_redact(tmp_path: Path) -> None:
    assert redact_broker_rows(None, [VISITOR]) == 0
    missing = f"sqlite:///{tmp_path / 'not-yet.db'}"
    assert redact_broker_rows(missing, [VISITOR]) == 0
    assert not (tmp_path / "not-yet.db").exists()  # never created for Rasa


def test_the_consumer_does_not_bring_erased_rows_back(tmp_path: Path) -> None:
    """Rows the consumer had not read yet are emptied first, so they cannot return."""
    store = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    try:
        url = broker_url(tmp_path)
        erase_local_copies(store.engine, url, [VISITOR])
        SqlBrokerConsumer(url, store).consume_available()
        assert conversation_rows(store.engine, VISITOR) == {}
        assert conversation_rows(store.engine, OTHER)
    finally:
        store.close()


def test_idle_conversations(store: ConsoleStore) -> None:
    between = datetime.fromtimestamp(START + 50, tz=UTC)
    assert conversations_idle_since(store.engine, between) == [VISITOR]
    later = datetime.fromtimestamp(START + 1000, tz=UTC)
    assert conversations_idle_since(store.engine, later) == sorted([VISITOR, OTHER])


def test_the_audit_log_keeps_no_personal_data(store: ConsoleStore) -> None:
    log = AuditLog(store.engine, AUDIT_KEY)
    log.record("alice", "erase", "done", lead_id=5, conversation_id=VISITOR, detail="leads 5")
    log.record("retention", "retention", "done", detail="x" * 1000)
    newest, oldest = log.recent()
    assert (oldest["actor"], oldest["lead_id"], oldest["subject"]) == (
        "alice",
        5,
        subject_hash(VISITOR, AUDIT_KEY),
    )
    assert len(oldest["subject"]) == 16 and VISITOR not in str(oldest)
    assert oldest["at"].endswith("+00:00")
    assert newest["subject"] is None and len(newest["detail"]) == 300
    assert subject_hash(None, AUDIT_KEY) is None and subject_hash(
        VISITOR, AUDIT_KEY
    ) == subject_hash(VISITOR, AUDIT_KEY)
