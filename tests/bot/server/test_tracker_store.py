"""Erasing a conversation from the SQL tracker store: Rasa's append-only save, and ours."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.server.event_broker import SQLBatchEventBroker
from bot.server.tracker_store import ErasableSQLTrackerStore

DOMAIN = Domain.empty()
EMAIL = "aigerim@example.com"


def conversation(sender_id: str) -> DialogueStateTracker:
    """A short conversation whose visitor gave an e-mail address."""
    return DialogueStateTracker.from_events(
        sender_id,
        [
            ActionExecuted("action_listen"),
            UserUttered(f"my e-mail is {EMAIL}"),
            BotUttered("Thank you."),
        ],
    )


def emptied(sender_id: str) -> DialogueStateTracker:
    """What Rasa's server saves for ``PUT /conversations/{id}/tracker/events`` with ``[]``."""
    return DialogueStateTracker.from_dict(sender_id, [], DOMAIN.slots)


def stored_events(store: SQLTrackerStore, sender_id: str) -> int:
    """How many rows the store holds for one conversation."""
    with store.session_scope() as session:
        return session.query(store.SQLEvent).filter_by(sender_id=sender_id).count()


def run(step):
    """Run one coroutine of the (async) tracker store API."""
    return asyncio.run(step)


@pytest.fixture
def database(tmp_path: Path) -> str:
    """A fresh SQLite file for the tracker store."""
    return str(tmp_path / "tracker.db")


def test_rasa_sql_tracker_store_keeps_events_a_replacement_drops(database: str) -> None:
    """Rasa's own store: saving the emptied tracker leaves every event in the database."""
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=database)
    run(store.save(conversation("visitor-1")))
    run(store.save(emptied("visitor-1")))
    assert stored_events(store, "visitor-1") == 3


def test_an_emptied_tracker_erases_only_its_conversation(database: str) -> None:
    """Ours deletes the conversation's rows, and only them; doing it again changes nothing."""
    store = ErasableSQLTrackerStore(DOMAIN, dialect="sqlite", db=database)
    run(store.save(conversation("visitor-1")))
    run(store.save(conversation("visitor-2")))
    run(store.save(emptied("visitor-1")))
    assert stored_events(store, "visitor-1") == 0
    assert run(store.retrieve("visitor-1")) is None
    assert stored_events(store, "visitor-2") == 3
    run(store.save(emptied("visitor-1")))
    assert stored_events(store, "visitor-2") == 3


def test_a_conversation_goes_on_after_its_erasure(database: str) -> None:
    """The same sender id can talk again: a new tracker is stored from its first event."""
    store = ErasableSQLTrackerStore(DOMAIN, dialect="sqlite", db=database)
    run(store.save(conversation("visitor-1")))
    run(store.save(emptied("visitor-1")))
    again = DialogueStateTracker.from_events("visitor-1", [ActionExecuted("action_listen")])
    run(store.save(again))
    tracker = run(store.retrieve("visitor-1"))
    assert [event.as_dict()["event"] for event in tracker.events] == ["action"]
    assert EMAIL not in str([event.as_dict() for event in tracker.events])


def test_endpoints_yml_type_loads_it(database: str) -> None:
    """``type: bot.server.tracker_store.ErasableSQLTrackerStore`` in endpoints.yml: this store."""
    config = EndpointConfig(
        type="bot.server.tracker_store.ErasableSQLTrackerStore", dialect="sqlite", db=database
    )
    store = TrackerStore.create(config, DOMAIN)
    if isinstance(store, FailSafeTrackerStore):
        store = store.tracker_store
    assert isinstance(store, ErasableSQLTrackerStore)


def streaming_store(tmp_path: Path, broker: EventBroker) -> ErasableSQLTrackerStore:
    """Our store on a fresh SQLite file, streaming the events it saves to `broker`."""
    return ErasableSQLTrackerStore(
        DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"), event_broker=broker
    )


def broker_events(broker: SQLBatchEventBroker) -> list[tuple[str, str]]:
    """(sender_id, event type) of every row the broker stored, in order."""
    with broker.session_scope() as session:
        rows = session.query(broker.SQLBrokerEvent).order_by(broker.SQLBrokerEvent.id).all()
        return [(row.sender_id, json.loads(row.data)["event"]) for row in rows]


def test_each_save_streams_only_the_new_events_in_one_transaction(tmp_path: Path) -> None:
    """The broker gets each event once, in order, without the stored tracker being read."""
    broker = SQLBatchEventBroker(db=str(tmp_path / "events.db"))
    store = streaming_store(tmp_path, broker)
    tracker = conversation("visitor-4")
    run(store.save(tracker))
    tracker.update(UserUttered("and the visa?"))
    tracker.update(BotUttered("Here is how."))
    store.retrieve = None  # reading the conversation back would fail
    run(store.save(tracker))
    run(store.save(tracker))  # nothing new
    assert broker_events(broker) == [
        ("visitor-4", "action"),
        ("visitor-4", "user"),
        ("visitor-4", "bot"),
        ("visitor-4", "user"),
        ("visitor-4", "bot"),
    ]
    assert stored_events(store, "visitor-4") == 5


def test_a_broker_without_batches_gets_the_new_events_one_by_one(tmp_path: Path) -> None:
    """Rasa's own brokers (pika in the scaled profile) get `publish` per new event."""
    published: list[dict] = []

    class ListBroker(EventBroker):
        def publish(self, event: dict) -> None:
            published.append(event)

    store = streaming_store(tmp_path, ListBroker())
    tracker = conversation("visitor-5")
    run(store.save(tracker))
    tracker.update(UserUttered("hello"))
    run(store.save(tracker))
    assert [event["event"] for event in published] == ["action", "user", "bot", "user"]
    assert {event["sender_id"] for event in published} == {"visitor-5"}


def test_each_save_counts_the_stored_events_once(tmp_path: Path, monkeypatch) -> None:
    """One count query per save, shared by the broker and the store; nothing stored twice."""
    counted: list[str] = []
    rasa_additional_events = SQLTrackerStore._additional_events

    def counting(self, session, tracker):
        counted.append(tracker.sender_id)
        return rasa_additional_events(self, session, tracker)

    monkeypatch.setattr(SQLTrackerStore, "_additional_events", counting)
    broker = SQLBatchEventBroker(db=str(tmp_path / "events.db"))
    store = streaming_store(tmp_path, broker)
    tracker = conversation("visitor-6")
    run(store.save(tracker))
    tracker.update(UserUttered("and the visa?"))
    run(store.save(tracker))
    run(store.save(tracker))
    assert counted == ["visitor-6"] * 3
    assert stored_events(store, "visitor-6") == 4
    assert len(broker_events(broker)) == 4


def _rows(engine, table: str) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(row) for row in connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        ]


def _empty_postgres_database(suffix: str) -> dict[str, object]:
    """The tracker store's arguments for an empty PostgreSQL test database (else skipped)."""
    import sqlalchemy as sa

    from tests.backing_services import postgres_database

    url = postgres_database(suffix)
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS events")
        connection.exec_driver_sql("DROP SEQUENCE IF EXISTS events_seq")
    engine.dispose()
    parts = sa.engine.make_url(url)
    return {
        "dialect": "postgresql",
        "host": parts.host,
        "port": parts.port,
        "db": parts.database,
        "username": parts.username,
        "password": parts.password,
    }


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_rows_stored_are_rasas_own(tmp_path: Path, dialect: str) -> None:
    """Issue 23: one INSERT statement per turn, not Rasa's ORM objects; the same rows and ids."""
    from rasa.core.brokers.sql import SQLEventBroker

    if dialect == "sqlite":
        ours = ErasableSQLTrackerStore(
            DOMAIN,
            dialect="sqlite",
            db=str(tmp_path / "ours.db"),
            event_broker=SQLBatchEventBroker(db=str(tmp_path / "ours-events.db")),
        )
        rasas = SQLTrackerStore(
            DOMAIN,
            dialect="sqlite",
            db=str(tmp_path / "rasas.db"),
            event_broker=SQLEventBroker(db=str(tmp_path / "rasas-events.db")),
        )
    else:
        ours = ErasableSQLTrackerStore(DOMAIN, **_empty_postgres_database("tracker_rows_ours"))
        rasas = SQLTrackerStore(DOMAIN, **_empty_postgres_database("tracker_rows_rasas"))
    turns = {
        sender_id: (
            conversation(sender_id).events,
            [
                UserUttered("and the second turn", {"name": "greet", "confidence": 1}),
                ActionExecuted("utter_greet"),
            ],
        )
        for sender_id in ("first", "second")
    }
    for store in (ours, rasas):
        for sender_id, (first_turn, second_turn) in turns.items():
            tracker = DialogueStateTracker.from_events(sender_id, list(first_turn))
            run(store.save(tracker))
            for event in second_turn:
                tracker.update(event)
            run(store.save(tracker))
    assert _rows(ours.engine, "events") == _rows(rasas.engine, "events")
    assert len(_rows(ours.engine, "events")) == 10
    if dialect == "sqlite":
        assert _rows(ours.event_broker.engine, "events") == _rows(
            rasas.event_broker.engine, "events"
        )
    ours.engine.dispose()
    rasas.engine.dispose()
