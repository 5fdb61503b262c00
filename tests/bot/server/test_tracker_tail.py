"""A long conversation is read back as a summary and its last turns (bot/server/tracker_tail.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    ConversationPaused,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from actions.consent import CONSENT_RESPONSES
from actions.greeting import GREETING
from actions.handoff import LEAD_KEPT_RESPONSES
from actions.language_offer import OFFER_RESPONSE
from actions.lead_form import FORM_SLOTS
from bot.server import tracker_tail
from bot.server.tracker_store import ErasableSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, search]
slots:
  language: {type: text, initial_value: en, mappings: [{type: custom}]}
  lead_name: {type: text, mappings: [{type: custom}]}
  lead_company: {type: text, mappings: [{type: custom}]}
  lead_country: {type: text, mappings: [{type: custom}]}
  lead_country_code: {type: text, mappings: [{type: custom}]}
  lead_contact: {type: text, mappings: [{type: custom}]}
  lead_interest: {type: text, mappings: [{type: custom}]}
  lead_consent: {type: bool, mappings: [{type: custom}]}
  shown: {type: list, mappings: [{type: custom}]}
forms:
  lead_form: {required_slots: [lead_name]}
responses:
  utter_greet: [{text: Hello}]
"""
)


def bot(text: str, response: str | None = None) -> BotUttered:
    return BotUttered(text, metadata={"utter_action": response} if response else {})


def turn(index: int) -> list[Event]:
    """One turn of a search conversation: the message, an action, its answer, listen."""
    return [
        UserUttered(f"message {index}", {"name": "search", "confidence": 1.0}),
        ActionExecuted("action_search_projects"),
        bot(f"answer {index}"),
        SlotSet("shown", [f"project-{index}"]),
        ActionExecuted("action_listen"),
    ]


def first_turns() -> list[Event]:
    """Session start, a greeting, a lead kept with consent, the form's slots reset."""
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        SlotSet("language", "ru"),
        ActionExecuted("action_listen"),
        UserUttered("hello", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_greet"),
        bot("Hello, I am the assistant", GREETING),
        SlotSet("lead_name", "Aigerim"),
        bot("May we keep your details?", CONSENT_RESPONSES[0]),
        SlotSet("lead_consent", True),
        bot("Saved", "utter_lead_saved"),
        SlotSet("lead_name", None),
        SlotSet("lead_consent", None),
        ActionExecuted("action_listen"),
    ]


@pytest.fixture
def store(tmp_path: Path) -> ErasableSQLTrackerStore:
    return ErasableSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))


def converse(store: ErasableSQLTrackerStore, sender: str, turns: int) -> list[int]:
    """Saves a conversation turn by turn as Rasa does; how many events each turn read."""
    read: list[int] = []

    async def steps() -> None:
        tracker = DialogueStateTracker.from_events(sender, first_turns(), DOMAIN.slots)
        await store.save(tracker)
        for index in range(turns):
            tracker = await store.retrieve(sender)
            assert tracker is not None
            read.append(len(tracker.current_state(EventVerbosity.ALL)["events"]))
            for event in turn(index):
                tracker.update(event)
            await store.save(tracker)

    asyncio.run(steps())
    return read


def test_events_read_per_turn_stay_bounded(store: ErasableSQLTrackerStore) -> None:
    """Turn 200 reads (and sends to the action server) no more events than turn 10."""
    read = converse(store, "long", 200)
    assert read[199] <= read[9] * 1.2, (read[9], read[199])
    full = asyncio.run(store.retrieve_full_tracker("long"))
    assert full is not None and len(full.events) == len(first_turns()) + 200 * 5


def test_the_summary_replays_to_the_same_state(store: ErasableSQLTrackerStore) -> None:
    """Slots, the latest turns and what actions look back for survive the summary."""
    converse(store, "long", 60)
    tracker = asyncio.run(store.retrieve("long"))
    full = asyncio.run(store.retrieve_full_tracker("long"))
    assert tracker is not None and full is not None
    assert tracker.current_slot_values() == full.current_slot_values()
    assert tracker.get_slot("language") == "ru"
    assert tracker.latest_message.text == "message 59"
    user_texts = [e.text for e in tracker.events if isinstance(e, UserUttered)]
    assert user_texts == [f"message {i}" for i in range(60 - tracker_tail.TAIL_TURNS, 60)]
    events = tracker.current_state(EventVerbosity.ALL)["events"]
    responses = [
        (e.get("metadata") or {}).get("utter_action") for e in events if e["event"] == "bot"
    ]
    assert {GREETING, CONSENT_RESPONSES[0], "utter_lead_saved"} <= set(responses)
    # actions.handoff.kept_lead: the form's slots as they were before the confirmation.
    saved_at = responses.index("utter_lead_saved")
    before = [e for e in events if e["event"] == "slot"]
    answers: dict[str, Any] = {}
    for event in events[: [i for i, e in enumerate(events) if e["event"] == "bot"][saved_at]]:
        if event["event"] == "slot":
            answers[event["name"]] = event["value"]
    assert answers["lead_name"] == "Aigerim" and answers["lead_consent"] is True
    assert before and tracker.get_slot("lead_name") is None


def test_a_pause_and_an_active_form_are_kept(store: ErasableSQLTrackerStore) -> None:
    """A handed-off conversation stays paused; a form stays active, past the summary."""

    async def steps() -> DialogueStateTracker | None:
        events = [*first_turns(), ActiveLoop("lead_form"), ConversationPaused()]
        for index in range(30):
            events += turn(index)
        await store.save(DialogueStateTracker.from_events("paused", events, DOMAIN.slots))
        return await store.retrieve("paused")

    tracker = asyncio.run(steps())
    assert tracker is not None and tracker.is_paused()
    assert tracker.active_loop_name == "lead_form"
    assert len(tracker.events) < 30 * 5


def test_only_new_events_are_stored(store: ErasableSQLTrackerStore) -> None:
    """Saving a tracker read as a summary stores its new events once, never the summary."""
    converse(store, "long", 40)
    full = asyncio.run(store.retrieve_full_tracker("long"))
    assert full is not None
    assert len(full.events) == len(first_turns()) + 40 * 5
    assert sum(isinstance(e, SessionStarted) for e in full.events) == 1


def test_a_second_process_reads_the_same_conversation(
    store: ErasableSQLTrackerStore, tmp_path: Path
) -> None:
    """A store without the summary (a restart, another replica) reads the session once."""
    converse(store, "long", 30)
    other = ErasableSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    mine, theirs = asyncio.run(store.retrieve("long")), asyncio.run(other.retrieve("long"))
    assert mine is not None and theirs is not None
    assert [e.as_dict() for e in mine.events] == [e.as_dict() for e in theirs.events]


def test_remembered_responses_match_the_actions() -> None:
    """The summary keeps what the actions look back for, under the actions' own names."""
    assert GREETING in tracker_tail.REMEMBERED_RESPONSES
    assert OFFER_RESPONSE in tracker_tail.REMEMBERED_RESPONSES
    assert set(CONSENT_RESPONSES) <= set(tracker_tail.REMEMBERED_RESPONSES)
    assert set(LEAD_KEPT_RESPONSES) == tracker_tail.SNAPSHOT_RESPONSES
    assert tuple(FORM_SLOTS) == tracker_tail.SNAPSHOT_SLOTS
