"""The event consumers and the console's tables, on a fixed stream of Rasa events."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from web_support import publish

from hub_web.events import ConsoleStore, RabbitMQConsumer, SqlBrokerConsumer, make_consumer
from hub_web.settings import load_settings

T0 = 1715000000.0
VISITOR = "visitor-zh"
OTHER = "visitor-en"


def _event(sender_id: str, seconds: float, event: str, **fields: object) -> dict[str, object]:
    return {"sender_id": sender_id, "event": event, "timestamp": T0 + seconds, **fields}


#: Two conversations as Rasa's event broker publishes them, interleaved: a Chinese visitor who
#: asks for a person (paused), gets a staff reply, is handed back and talks to the bot again;
#: an English visitor who only greets.
STREAM = [
    _event(VISITOR, 0, "action", name="action_session_start"),
    _event(VISITOR, 0, "session_started"),
    _event(VISITOR, 0, "action", name="action_listen"),
    _event(VISITOR, 1, "user", text="/greet", parse_data={"intent": {"name": "greet"}}),
    _event(VISITOR, 1, "slot", name="language", value="zh"),
    _event(VISITOR, 2, "bot", text="您好！"),
    _event(OTHER, 3, "user", text="hello"),
    _event(OTHER, 3, "slot", name="language", value="en"),
    _event(OTHER, 4, "bot", text="Hello!"),
    _event(VISITOR, 5, "user", text="有医疗项目吗?"),
    _event(VISITOR, 6, "bot", text="Xinhong 医疗产业投资项目"),
    _event(VISITOR, 7, "user", text="转人工"),
    _event(VISITOR, 8, "bot", text="工作人员会尽快回复您。"),
    _event(VISITOR, 8, "pause"),
    _event(VISITOR, 9, "bot", text="您好，我是中心工作人员。", metadata={"from_staff": "alice"}),
]
HAND_BACK = [
    _event(VISITOR, 20, "resume"),
    _event(VISITOR, 20, "action", name="action_listen"),
    _event(VISITOR, 21, "user", text="谢谢"),
    _event(VISITOR, 22, "bot", text="不客气"),
]


@pytest.fixture
def store(tmp_path: Path) -> ConsoleStore:
    console = ConsoleStore(f"sqlite:///{tmp_path / 'var' / 'console.db'}")
    yield console
    console.close()


def test_a_fixed_stream_becomes_one_row_per_conversation(store: ConsoleStore) -> None:
    assert store.apply_events(STREAM) == len(STREAM)
    assert store.conversation(VISITOR) == {
        "sender_id": VISITOR,
        "language": "zh",
        "first_event_at": "2024-05-06T12:53:20+00:00",
        "last_event_at": "2024-05-06T12:53:29+00:00",
        "paused": True,
        "last_user_message": "转人工",
        "last_user_message_at": "2024-05-06T12:53:27+00:00",
        "user_messages": 3,
        "bot_messages": 3,
        "staff_messages": 1,
    }
    other = store.conversation(OTHER)
    assert other["language"] == "en" and other["paused"] is False
    assert (other["user_messages"], other["bot_messages"]) == (1, 1)
    assert store.paused_among([VISITOR, OTHER, "unknown"]) == {VISITOR}
    assert store.conversations_per_language() == {"en": 1, "zh": 1}

    store.apply_events(HAND_BACK)
    visitor = store.conversation(VISITOR)
    assert visitor["paused"] is False
    assert visitor["last_user_message"] == "谢谢" and visitor["user_messages"] == 4
    assert visitor["last_event_at"] == "2024-05-06T12:53:42+00:00"
    assert store.paused_among([VISITOR]) == set()


def test_a_restart_or_new_session_unpauses_and_odd_events_are_tolerated(
    store: ConsoleStore,
) -> None:
    store.apply_events(
        [
            _event("a", 0, "pause"),
            _event("a", 1, "restart"),
            _event("b", 0, "pause"),
            _event("b", 5, "session_started"),
            _event("c", 0, "pause"),
            {"event": "user", "text": "no sender"},
            {"sender_id": "d", "event": "user", "text": None, "timestamp": "yesterday"},
            _event("e", 0, "slot", name="language", value=None),
            _event("e", 1, "user", text="x" * 5000),
        ]
    )
    assert store.paused_among(["a", "b", "c", "d"]) == {"c"}
    assert store.conversation("d")["first_event_at"] is None
    assert len(store.conversation("e")["last_user_message"]) == 1000
    assert store.conversations_per_language() == {"unknown": 2}


def test_events_arriving_out_of_order_keep_first_and_last_times(store: ConsoleStore) -> None:
    store.apply_events([_event("a", 10, "user", text="late"), _event("a", 2, "bot", text="x")])
    row = store.conversation("a")
    assert row["first_event_at"].endswith("12:53:22+00:00")
    assert row["last_event_at"].endswith("12:53:30+00:00")


def test_sql_consumer_reads_new_rows_by_id_exactly_once(tmp_path: Path, store) -> None:
    broker = tmp_path / "events.db"
    consumer = SqlBrokerConsumer(f"sqlite:///{broker}", store, batch_size=4)
    assert consumer.consume_available() == 0
    assert not broker.exists()  # Rasa creates its database, never the console

    publish(broker, STREAM[:9])
    assert consumer.consume_available() == 9  # three batches of at most 4
    assert consumer.consume_available() == 0
    assert store.offset(consumer.source) == 9
    publish(broker, STREAM[9:])
    assert consumer.consume_available() == len(STREAM) - 9
    consumer.close()

    # A new process continues where the last one stopped: nothing is counted twice.
    restarted = SqlBrokerConsumer(f"sqlite:///{broker}", store)
    assert restarted.consume_available() == 0
    publish(broker, HAND_BACK)
    assert asyncio.run(restarted.catch_up()) == len(HAND_BACK)
    restarted.close()
    visitor = store.conversation(VISITOR)
    assert (visitor["user_messages"], visitor["bot_messages"], visitor["paused"]) == (4, 4, False)


def test_sql_consumer_skips_unreadable_rows_and_never_writes_the_broker(
    tmp_path: Path, store
) -> None:
    broker = tmp_path / "events.db"
    publish(broker, STREAM[:2])
    with closing(sqlite3.connect(broker)) as connection, connection:
        connection.execute("INSERT INTO events (sender_id, data) VALUES ('x', 'not json')")
        connection.execute("INSERT INTO events (sender_id, data) VALUES ('y', '[1, 2]')")
        # An event body without sender_id takes the row's.
        connection.execute(
            "INSERT INTO events (sender_id, data) VALUES (?, ?)",
            ("z", json.dumps({"event": "user", "text": "hi", "timestamp": T0})),
        )
    before = broker.read_bytes()
    consumer = SqlBrokerConsumer(f"sqlite:///{broker}", store)
    assert consumer.consume_available() == 5
    consumer.close()
    assert store.offset(consumer.source) == 5
    assert store.conversation("z")["last_user_message"] == "hi"
    assert store.conversation("x") is None
    assert broker.read_bytes() == before


def test_a_lone_surrogate_does_not_stop_the_console(tmp_path: Path, store) -> None:
    """JSON may spell "\\ud800", which SQLite cannot store: the text is kept with a "?"."""
    broker = tmp_path / "events.db"
    publish(broker, STREAM[:2])
    with closing(sqlite3.connect(broker)) as connection, connection:
        connection.execute(
            "INSERT INTO events (sender_id, data) VALUES (?, ?)",
            ("s", '{"event": "user", "text": "\\ud800 hi", "timestamp": ' + f"{T0}}}"),
        )
    publish(broker, STREAM[2:])
    consumer = SqlBrokerConsumer(f"sqlite:///{broker}", store)
    assert consumer.consume_available() == len(STREAM) + 1
    consumer.close()
    assert store.conversation("s")["last_user_message"] == "? hi"
    assert store.conversation(OTHER)["bot_messages"] == 1


def test_an_event_the_console_cannot_store_is_skipped_not_retried(
    tmp_path: Path, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    broker = tmp_path / "events.db"
    publish(broker, STREAM)
    apply_events = store.apply_events

    def fail_on_the_pause(events, **kwargs):
        if any(event.get("event") == "pause" for event in events):
            raise ValueError("cannot store")
        return apply_events(events, **kwargs)

    monkeypatch.setattr(store, "apply_events", fail_on_the_pause)
    consumer = SqlBrokerConsumer(f"sqlite:///{broker}", store, batch_size=100)
    assert consumer.consume_available() == len(STREAM)
    consumer.close()
    assert store.offset(consumer.source) == len(STREAM)
    # Every event but the pause is in: the bot's answers before and after it, for example.
    assert store.conversation(VISITOR)["bot_messages"] == 3
    assert store.conversation(VISITOR)["paused"] is False


def test_sql_consumer_waits_for_rasa_to_create_the_table(tmp_path: Path, store) -> None:
    broker = tmp_path / "events.db"
    sqlite3.connect(broker).close()  # an empty database: Rasa has not created the table yet
    consumer = SqlBrokerConsumer(f"sqlite:///{broker}", store)
    assert consumer.consume_available() == 0
    publish(broker, STREAM[:1])
    assert consumer.consume_available() == 1
    consumer.close()


def test_sql_consumer_runs_in_the_background(tmp_path: Path, store) -> None:
    broker = tmp_path / "events.db"
    consumer = SqlBrokerConsumer(f"sqlite:///{broker}", store, poll_seconds=0.05)

    async def scenario() -> None:
        task = asyncio.create_task(consumer.run())
        await asyncio.sleep(0.1)
        publish(broker, STREAM)
        for _ in range(100):
            if store.offset(consumer.source) == len(STREAM):
                break
            await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert store.paused_among([VISITOR]) == {VISITOR}


def test_make_consumer_follows_the_settings(store) -> None:
    assert isinstance(make_consumer(load_settings({}), store), SqlBrokerConsumer)
    rabbit = make_consumer(load_settings({"EVENT_BROKER": "rabbitmq"}), store)
    assert isinstance(rabbit, RabbitMQConsumer) and rabbit.queue_name == "hub_console"
    assert make_consumer(load_settings({"EVENT_BROKER": "none"}), store) is None


RABBITMQ_URL = os.environ.get("HUB_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")


def _rabbitmq_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _rabbitmq_is_up(), reason="no RabbitMQ on 127.0.0.1:5672")
def test_rabbitmq_consumer_reads_rasas_exchange(store) -> None:
    """Against the local RabbitMQ: events published as Rasa's pika broker does reach the store."""
    import aio_pika

    name = f"hub-console-test-{uuid.uuid4().hex[:8]}"
    consumer = RabbitMQConsumer(RABBITMQ_URL, store, queue=name, exchange=name)

    async def scenario() -> None:
        task = asyncio.create_task(consumer.run())
        await asyncio.wait_for(consumer.ready.wait(), timeout=20)
        connection = await aio_pika.connect_robust(RABBITMQ_URL)
        async with connection:
            channel = await connection.channel()
            # Declared exactly as Rasa 3.6's PikaEventBroker declares its exchange.
            exchange = await channel.declare_exchange(name, aio_pika.ExchangeType.FANOUT)
            for event in [*STREAM, *HAND_BACK]:
                body = json.dumps(event).encode()
                await exchange.publish(aio_pika.Message(body, delivery_mode=2), "")
            await exchange.publish(aio_pika.Message(b"not json"), "")
            for _ in range(200):
                visitor = store.conversation(VISITOR)
                if visitor and visitor["user_messages"] == 4 and not visitor["paused"]:
                    break
                await asyncio.sleep(0.05)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await channel.queue_delete(name)
            await channel.exchange_delete(name)

    asyncio.run(scenario())
    visitor = store.conversation(VISITOR)
    assert visitor["user_messages"] == 4 and visitor["paused"] is False
    assert visitor["staff_messages"] == 1 and visitor["language"] == "zh"
    assert store.conversation(OTHER)["language"] == "en"
