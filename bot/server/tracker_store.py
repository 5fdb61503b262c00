"""`ErasableSQLTrackerStore`: Rasa's SQL tracker store, where a conversation can be erased.

Rasa's HTTP API replaces a conversation's events with `PUT /conversations/{id}/tracker/events`
("will override an existing tracker", `rasa/server.py`), but Rasa 3.6's `SQLTrackerStore.save`
only appends the events it does not have yet, so the old events stay in the database
(RasaHQ/rasa#3676; the fix, RasaHQ/rasa#3699, was not merged). The staff console erases a
visitor's conversation with that `PUT` and an empty list, and this subclass makes it delete:
saving a tracker without any event deletes the conversation's rows. Rasa itself never saves an
empty tracker otherwise (a new conversation starts with `action_listen`).

It also streams new events to the event broker without reading the conversation back.
Rasa 3.6's `TrackerStore.stream_events` retrieves the stored tracker (every event of the
session, deserialised and replayed) only to count its events; the new events are those past
that count. Here the count comes from the same SQL query Rasa's `save` runs anyway, and a
broker that can (`bot.server.event_broker.SQLBatchEventBroker`) stores them in one transaction.
That count is queried once per save, not twice (once for the broker, once to store).

For each message, Rasa reads the current session back (`retrieve`). This store reads only
the events of the session's last turns, after a summary of the earlier ones that it keeps
in memory per conversation (`bot.server.tracker_tail` says what the summary holds and why): a
turn's cost no longer grows with the length of the conversation (issue 23). A process that
has no summary yet (a restart, another replica, an erased conversation) reads the whole
session once. The new events of such a tracker are those appended after it was read, so
saving it needs no count of the stored events either. `retrieve_full_tracker` (the HTTP
API's `GET /conversations/{id}/tracker`) still reads every event.

On SQLite it keeps its connections open (`bot.server.sqlite_engine`). On SQLite and PostgreSQL it
stores a turn's new events with one INSERT statement instead of Rasa's ORM objects inserted
one by one (the same rows).

Registered in `endpoints.yml` as `type: bot.server.tracker_store.ErasableSQLTrackerStore`, with the
same `dialect`, `db`, `url`, ... as Rasa's `SQL` type.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.server.sqlite_engine import keep_connections
from bot.server.tracker_tail import Summary, cut_index, remember, summarise

logger = logging.getLogger(__name__)

#: Conversations whose summary a process keeps (least recently used ones are dropped).
KEPT_SUMMARIES = 10_000
#: Databases where `save` inserts a turn's rows with one statement (checked to give the rows
#: and ids Rasa's own `save` gives); others keep Rasa's.
ROW_INSERT_DIALECTS = frozenset({"sqlite", "postgresql"})
#: Attribute of a tracker read by `retrieve`: how many of its events are stored.
_STORED = "_hub_stored_events"


@dataclass(frozen=True)
class _Checkpoint:
    """A summary of a session up to (and with) one stored event."""

    row_id: int
    row_timestamp: float
    session_start: float | None
    summary: Summary


class ErasableSQLTrackerStore(SQLTrackerStore):
    """A `SQLTrackerStore` that deletes a conversation when its tracker is replaced by nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Rasa's SQL tracker store (same arguments), on kept connections for SQLite."""
        super().__init__(*args, **kwargs)
        self.engine: sa.engine.Engine = keep_connections(self.engine)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        # The tracker being saved, its length, and its events not stored yet.
        self._unsaved: tuple[DialogueStateTracker, int, list[Event]] | None = None
        self._checkpoints: OrderedDict[str, _Checkpoint] = OrderedDict()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The current session: a summary of its earlier turns, then its last turns' events.

        Args:
            sender_id: The conversation's id.

        Returns:
            The tracker, or None when the conversation has no stored event.
        """
        if not self.domain:
            return None
        event = self.SQLEvent
        with self.session_scope() as session:
            session_start = (
                session.query(sa.func.max(event.timestamp))
                .filter(event.sender_id == sender_id, event.type_name == "session_started")
                .scalar()
            )
            checkpoint = self._valid_checkpoint(session, sender_id, session_start)
            query = session.query(
                event.id, event.type_name, event.action_name, event.timestamp, event.data
            ).filter(event.sender_id == sender_id)
            if session_start is not None:
                query = query.filter(event.timestamp >= session_start)
            if checkpoint is not None:
                query = query.filter(event.id > checkpoint.row_id)
            rows = query.order_by(event.id).all()
        if not rows and checkpoint is None:
            return None
        summary = checkpoint.summary if checkpoint is not None else Summary()
        events = [json.loads(row.data) for row in rows]
        cut = cut_index([row.type_name for row in rows], [row.action_name for row in rows])
        if cut:
            dropped = events[:cut]
            state = DialogueStateTracker.from_dict(
                sender_id, [*summary.events, *dropped], self.domain.slots
            )
            summary = summarise(state, remember(summary.remembered, dropped))
            last = rows[cut - 1]
            self._keep(sender_id, _Checkpoint(last.id, last.timestamp, session_start, summary))
            events = events[cut:]
        tracker = DialogueStateTracker.from_dict(
            sender_id, [*summary.events, *events], self.domain.slots
        )
        setattr(tracker, _STORED, len(tracker.events))
        return tracker

    def _valid_checkpoint(
        self, session: Any, sender_id: str, session_start: float | None
    ) -> _Checkpoint | None:
        """This conversation's checkpoint, if its event is still stored in this session."""
        checkpoint = self._checkpoints.get(sender_id)
        if checkpoint is None:
            return None
        still_stored = (
            checkpoint.session_start == session_start
            and session.query(self.SQLEvent.id)
            .filter(
                self.SQLEvent.id == checkpoint.row_id,
                self.SQLEvent.sender_id == sender_id,
                self.SQLEvent.timestamp == checkpoint.row_timestamp,
            )
            .first()
            is not None
        )
        if not still_stored:
            self._checkpoints.pop(sender_id, None)
            return None
        self._checkpoints.move_to_end(sender_id)
        return checkpoint

    def _keep(self, sender_id: str, checkpoint: _Checkpoint) -> None:
        self._checkpoints[sender_id] = checkpoint
        self._checkpoints.move_to_end(sender_id)
        while len(self._checkpoints) > KEPT_SUMMARIES:
            self._checkpoints.popitem(last=False)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The tracker's events not stored yet; queried once per `save`."""
        stored = getattr(tracker, _STORED, None)
        if stored is not None:  # read by `retrieve`: the events appended since
            return itertools.islice(tracker.events, stored, None)
        unsaved = self._unsaved
        if unsaved is not None and unsaved[0] is tracker and unsaved[1] == len(tracker.events):
            return iter(unsaved[2])
        events = list(super()._additional_events(session, tracker))
        self._unsaved = (tracker, len(tracker.events), events)
        return iter(events)

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Publishes the tracker's events not stored yet (called by `save` before storing).

        Args:
            tracker: The conversation's tracker, as it is about to be saved.
        """
        if self.event_broker is None:
            return
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
        if not new_events:
            return
        publish_many = getattr(self.event_broker, "publish_many", None)
        if publish_many is None:
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
            return
        publish_many([{"sender_id": tracker.sender_id, **event.as_dict()} for event in new_events])

    async def _save_rows(self, tracker: DialogueStateTracker) -> None:
        """Rasa's `SQLTrackerStore.save`, the new events' rows in one INSERT statement.

        The rows are the ones Rasa's `save` adds one ORM object at a time (its unit of work
        then inserts them one by one); used on `ROW_INSERT_DIALECTS`, where the ids are the
        same too.
        """
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = []
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the tracker's new events; a tracker without events erases the conversation.

        Args:
            tracker: The conversation's tracker.
        """
        if len(tracker.events) > 0:
            self._unsaved = None
            try:
                if self.engine.dialect.name in ROW_INSERT_DIALECTS:
                    await self._save_rows(tracker)
                else:
                    await super().save(tracker)
            finally:
                self._unsaved = None
            if getattr(tracker, _STORED, None) is not None:
                setattr(tracker, _STORED, len(tracker.events))
            return
        self._checkpoints.pop(tracker.sender_id, None)
        with self.session_scope() as session:
            erased = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == tracker.sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        if erased:  # Rasa also saves the empty tracker of every new conversation
            logger.info("erased a conversation's tracker: %d event(s) deleted", erased)
