"""The event reader never stops on one row: a poison row is set aside and logged, and the
rows after it arrive (issue 18, finding 1)."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from web_support import CATALOGUE_URL, publish

from hub_web.events import ConsoleStore, RabbitMQConsumer, SqlBrokerConsumer
from hub_web.events.consumers import read_event

T0 = 1715000000.0
#: What the probe sent: a message whose metadata nests 900 levels deep.
DEPTH = 900
SECRET_TEXT = "my phone is 555-0100"


def deep_metadata_event(sender_id: str) -> str:
    """A user event as Rasa's SQL broker stores it, its metadata nested `DEPTH` deep."""
    metadata = '{"a":' * DEPTH + "1" + "}" * DEPTH
    return (
        f'{{"event": "user", "sender_id": "{sender_id}", "timestamp": {T0}, '
        f'"text": "{SECRET_TEXT}", "metadata": {metadata}}}'
    )


def good_events(sender_id: str) -> list[dict[str, object]]:
    return [
        {"event": "user", "sender_id": sender_id, "timestamp": T0 + 1, "text": "hello"},
        {"event": "bot", "sender_id": sender_id, "timestamp": T0 + 2, "text": "Hello!"},
        {"event": "pause", "sender_id": sender_id, "timestamp": T0 + 3},
    ]


def insert_raw(broker: Path, sender_id: str, data: str) -> None:
    with closing(sqlite3.connect(broker)) as connection, connection:
        connection.execute("INSERT INTO events (sender_id, data) VALUES (?, ?)", (sender_id, data))


@pytest.fixture
def store(tmp_path: Path) -> ConsoleStore:
    console = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    yield console
    console.close()


def test_a_deeply_nested_event_cannot_stop_the_reader(
    tmp_path: Path, store: ConsoleStore, caplog: pytest.LogCaptureFixture
) -> None:
    broker = tmp_path / "events.db"
    publish(broker, good_events("before"))
    insert_raw(broker, "poison", deep_metadata_event("poison"))
    insert_raw(broker, "broken", '{"event": "user", "text": ')  # malformed JSON
    publish(broker, good_events("after"))
    consumer = SqlBrokerConsumer(f"sqlite:///{broker}", store)
    with caplog.at_level(logging.WARNING, logger="hub_web.events.consumers"):
        assert asyncio.run(consumer.catch_up()) == 8
    consumer.close()

    assert store.offset(consumer.source) == 8
    after = store.conversation("after")
    assert (after["user_messages"], after["bot_messages"], after["paused"]) == (1, 1, True)
    assert store.conversation("poison") is None
    skipped = store.skipped_events()
    assert skipped["count"] == 2
    assert [(row["position"], row["source"]) for row in skipped["latest"]] == [
        (5, "sql broker"),
        (4, "sql broker"),
    ]
    assert skipped["latest"][1]["reason"] == "RecursionError"
    # Logged by position and reason, never with the event's content.
    assert "skipped broker row 4" in caplog.text
    assert SECRET_TEXT not in caplog.text and "poison" not in caplog.text


def test_a_restarted_reader_does_not_read_a_set_aside_row_again(
    tmp_path: Path, store: ConsoleStore
) -> None:
    broker = tmp_path / "events.db"
    publish(broker, good_events("first"))
    insert_raw(broker, "poison", deep_metadata_event("poison"))
    first = SqlBrokerConsumer(f"sqlite:///{broker}", store)
    assert first.consume_available() == 4
    first.close()
    publish(broker, good_events("second"))
    restarted = SqlBrokerConsumer(f"sqlite:///{broker}", store)
    assert restarted.consume_available() == 3
    restarted.close()
    assert store.conversation("second")["paused"] is True
    assert store.skipped_events()["count"] == 1


def test_read_event_gives_a_reason_instead_of_raising() -> None:
    assert read_event(deep_metadata_event("x")) == "RecursionError"
    assert read_event("not json") == "not a JSON object"
    assert read_event(json.dumps({"event": "user"}), "s")["sender_id"] == "s"


class Message:
    """An aio_pika message, as far as the consumer uses it."""

    def __init__(self, body: str) -> None:
        self.body = body.encode()

    def process(self, requeue: bool) -> object:
        class Acknowledged:
            async def __aenter__(self) -> None:
                return None

            async def __aexit__(self, *exc: object) -> bool:
                return False

        return Acknowledged()


def test_the_rabbitmq_reader_sets_aside_a_poison_message(store: ConsoleStore) -> None:
    consumer = RabbitMQConsumer("amqp://unused", store)
    for body in [deep_metadata_event("poison"), *map(json.dumps, good_events("after"))]:
        asyncio.run(consumer._handle(Message(body)))
    assert store.conversation("after")["paused"] is True
    skipped = store.skipped_events()
    assert skipped["count"] == 1
    assert skipped["latest"][0]["source"] == "rabbitmq"


def test_the_handoff_page_shows_what_was_set_aside(staff_client, upstream, tmp_path: Path) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(json={"items": [], "total": 0})
    broker = tmp_path / "events.db"
    publish(broker, good_events("before"))
    insert_raw(broker, "poison", deep_metadata_event("poison"))
    page = client.get("/console/handoffs").text
    assert "Events the console could not read: 1" in page
    assert "RecursionError" in page and SECRET_TEXT not in page
