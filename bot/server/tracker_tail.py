"""A conversation's recent turns, with a short summary of the earlier ones in front.

Rasa 3.6 reads a conversation's whole session from the tracker store for every message,
deserialises and replays each event, has each policy compute the dialogue state after every
action of the session, and sends every event to the action server (`EventVerbosity.ALL`).
A turn's cost grows with the length of the session (issue 23: 5× Rasa's CPU time at turn
200 of one session). Yet the policies (`config.yml`: MemoizationPolicy with its
`max_history` of 5, the RulePolicy) and the actions only look at the last few turns, at the
slots, and at a few earlier events named below.

So the tracker store (`bot.server.tracker_store`) builds the tracker from a checkpoint: a
*summary* of the session up to a turn boundary, followed by the stored events of the last
`TAIL_TURNS` user messages as they are. The summary is made of ordinary Rasa events that
replay to the same state:

- `action_session_start` and `session_started` (the session as Rasa starts it);
- the earlier events that actions look back for (`REMEMBERED_RESPONSES`): the last bot
  message of each of these responses, for the lead confirmations with the lead form's slots
  (`SNAPSHOT_SLOTS`) as they were right before it (`actions.handoff.kept_lead`);
- every slot whose value differs from its initial value, the active loop (and whether it
  was rejected), and a pause (`actions.leads`: a handoff pauses the bot).

Nothing is lost: the tracker store keeps every event, the full tracker (`GET
/conversations/{id}/tracker`, `retrieve_full_tracker`) still has them all, the staff
console reads its own event tables, and the summary itself is never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.trackers import DialogueStateTracker

from hub_vocabulary import LEAD_FORM_SLOTS

#: User messages whose events are kept as they are; more than the policies look back
#: (MemoizationPolicy's max_history of 5 actions) and than the actions do
#: (`actions.base.previous_bot_action`: the turn before the latest).
TAIL_TURNS = 8

#: Responses whose last bot message in the session stays in the summary: the actions find
#: them among the tracker's events. `utter_greet`: `actions.greeting.has_greeted`;
#: `utter_offer_english`: `actions.language_offer`; the consent questions:
#: `actions.consent.asked_consent`; the lead confirmations: `actions.handoff.kept_lead`.
REMEMBERED_RESPONSES = (
    "utter_greet",
    "utter_offer_english",
    "utter_ask_lead_consent",
    "utter_invalid_lead_consent",
    "utter_lead_saved",
    "utter_lead_queued",
)
#: Remembered responses preceded, in the summary, by the values `SNAPSHOT_SLOTS` had.
SNAPSHOT_RESPONSES = frozenset({"utter_lead_saved", "utter_lead_queued"})
#: The lead form's slots (`actions.lead_form.FORM_SLOTS` too).
SNAPSHOT_SLOTS = LEAD_FORM_SLOTS
_RESETS = frozenset({"restart", "session_started", "reset_slots"})


@dataclass
class Summary:
    """The state of a session up to a turn boundary, as events that replay to it."""

    #: Remembered bot messages, each preceded by its slot snapshot when it has one.
    remembered: list[dict[str, Any]] = field(default_factory=list)
    #: The whole summary: session start, `remembered`, slots, active loop, pause.
    events: list[dict[str, Any]] = field(default_factory=list)


def cut_index(types: Sequence[str], names: Sequence[str | None]) -> int:
    """Where the kept tail of these events starts; 0 when they hold few enough user turns.

    The tail starts at the `action_listen` right before the `TAIL_TURNS`-th last user
    message (or at that message when no `action_listen` precedes it).

    Args:
        types: Each event's type (`user`, `action`, ...).
        names: Each event's action or slot name.
    """
    users = [index for index, kind in enumerate(types) if kind == "user"]
    if len(users) <= TAIL_TURNS:
        return 0
    start = users[-TAIL_TURNS]
    if start > 0 and types[start - 1] == "action" and names[start - 1] == "action_listen":
        start -= 1
    return start


def remember(
    earlier: list[dict[str, Any]], events: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The remembered events after `events`, which follow those remembered in `earlier`.

    Args:
        earlier: The remembered events so far (`Summary.remembered`).
        events: The events that leave the tail, in order.

    Returns:
        The last bot message of each remembered response, in order, each lead
        confirmation preceded by the lead form's slots as they were.
    """
    slots: dict[str, Any] = {}
    kept: dict[str, list[dict[str, Any]]] = {}
    for event in [*earlier, *events]:
        kind = event.get("event")
        if kind == "slot" and event.get("name") in SNAPSHOT_SLOTS:
            slots[event["name"]] = event.get("value")
        elif kind in _RESETS:
            slots.clear()
        elif kind == "bot":
            response = (event.get("metadata") or {}).get("utter_action")
            if response in REMEMBERED_RESPONSES:
                kept.pop(response, None)  # re-inserted last: the order of the session
                snapshot = []
                if response in SNAPSHOT_RESPONSES:
                    timestamp = event.get("timestamp")
                    snapshot = [
                        {
                            "event": "slot",
                            "name": name,
                            "value": slots.get(name),
                            "timestamp": timestamp,
                        }
                        for name in SNAPSHOT_SLOTS
                    ]
                kept[response] = [*snapshot, event]
    return [event for group in kept.values() for event in group]


def summarise(tracker: DialogueStateTracker, remembered: list[dict[str, Any]]) -> Summary:
    """The summary of a session whose events so far `tracker` has replayed.

    Args:
        tracker: The session's tracker up to the turn boundary.
        remembered: What `remember` kept of those events.
    """
    timestamp = tracker.events[-1].timestamp if tracker.events else 0.0
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_session_start", "timestamp": timestamp},
        {"event": "session_started", "timestamp": timestamp},
        *remembered,
    ]
    # The remembered slot values are older: the current ones follow them.
    remembered_slots = {event.get("name") for event in remembered if event.get("event") == "slot"}
    for name, slot in tracker.slots.items():
        if slot.value != slot.initial_value or name in remembered_slots:
            events.append(
                {"event": "slot", "name": name, "value": slot.value, "timestamp": timestamp}
            )
    loop = tracker.active_loop_name
    if loop:
        events.append({"event": "active_loop", "name": loop, "timestamp": timestamp})
        if tracker.active_loop is not None and tracker.active_loop.rejected:
            events.append(
                {"event": "action_execution_rejected", "name": loop, "timestamp": timestamp}
            )
    if tracker.is_paused():
        events.append({"event": "pause", "timestamp": timestamp})
    return Summary(remembered, events)
