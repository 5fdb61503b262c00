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
broker that can (`bot.event_broker.SQLBatchEventBroker`) stores them in one transaction.
That count is queried once per save, not twice (once for the broker, once to store).

On SQLite it keeps its connections open (`bot.sqlite_engine`).

Registered in `endpoints.yml` as `type: bot.tracker_store.ErasableSQLTrackerStore`, with the
same `dialect`, `db`, `url`, ... as Rasa's `SQL` type.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.sqlite_engine import keep_connections

logger = logging.getLogger(__name__)


class ErasableSQLTrackerStore(SQLTrackerStore):
    """A `SQLTrackerStore` that deletes a conversation when its tracker is replaced by nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Rasa's SQL tracker store (same arguments), on kept connections for SQLite."""
        super().__init__(*args, **kwargs)
        self.engine: sa.engine.Engine = keep_connections(self.engine)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        # The tracker being saved, its length, and its events not stored yet.
        self._unsaved: tuple[DialogueStateTracker, int, list[Event]] | None = None

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The tracker's events not stored yet; queried once per `save`."""
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

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the tracker's new events; a tracker without events erases the conversation.

        Args:
            tracker: The conversation's tracker.
        """
        if len(tracker.events) > 0:
            self._unsaved = None
            try:
                await super().save(tracker)
            finally:
                self._unsaved = None
            return
        with self.session_scope() as session:
            erased = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == tracker.sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        if erased:  # Rasa also saves the empty tracker of every new conversation
            logger.info("erased a conversation's tracker: %d event(s) deleted", erased)
