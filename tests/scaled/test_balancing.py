"""One conversation through HAProxy: round robin over the replicas, its state kept.

HAProxy names the replica that answered in `X-Replica`; with no other traffic, round
robin without stickiness alternates. The lead form still completes, the lead reaches the
catalogue, and the shared tracker store holds every message once, in order, each turn
finished before the next.
"""

from __future__ import annotations

import itertools

from stack.profiles.scaled.stack import ScaledStack
from tests.e2e.chat import staff_leads
from tests.scaled.traffic import (
    SAVED,
    Visitor,
    lead_form,
    tracker_events,
    turns_are_whole,
    user_texts,
)


def test_one_conversation_alternates_between_replicas_and_keeps_its_state(
    all_replicas_up: ScaledStack,
) -> None:
    stack = all_replicas_up
    visitor = Visitor(stack.url("rasa"))
    messages = lead_form(1)
    for text in messages:
        visitor.say(text)

    assert [reply.status for reply in visitor.replies] == [200] * len(messages)
    served_by = [reply.replica for reply in visitor.replies]
    assert set(served_by) == set(stack.rasa_names())
    assert all(a != b for a, b in itertools.pairwise(served_by)), served_by
    assert SAVED in visitor.replies[-1].texts

    events = tracker_events(stack, visitor.sender_id)
    assert user_texts(events) == messages
    assert turns_are_whole(events)
    leads = [
        lead
        for lead in staff_leads(stack, page_size="500")
        if lead["conversation_id"] == visitor.sender_id
    ]
    assert [(lead["name"], lead["country_code"]) for lead in leads] == [("Dilnoza Karimova", "KZ")]
