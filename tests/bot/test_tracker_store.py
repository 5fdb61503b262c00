"""Erasing a conversation from the SQL tracker store: Rasa's append-only save, and ours."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.tracker_store import ErasableSQLTrackerStore

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
    """``type: bot.tracker_store.ErasableSQLTrackerStore`` in endpoints.yml gives this store."""
    config = EndpointConfig(
        type="bot.tracker_store.ErasableSQLTrackerStore", dialect="sqlite", db=database
    )
    store = TrackerStore.create(config, DOMAIN)
    if isinstance(store, FailSafeTrackerStore):
        store = store.tracker_store
    assert isinstance(store, ErasableSQLTrackerStore)
