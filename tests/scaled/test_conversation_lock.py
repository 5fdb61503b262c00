"""Two messages of one conversation at two replicas at the same moment (bot/server/lock_store.py).

Sent straight to replica 1 and replica 2, past the balancer, released together. The
Redis lock lets one replica at a time handle the conversation: both messages are
answered, and the tracker holds each once, the second turn after the first has ended.
"""

from __future__ import annotations

import threading

from stack.profiles.scaled.stack import ScaledStack
from tests.scaled.traffic import Visitor, tracker_events, turns_are_whole, user_texts

CONVERSATIONS = 20
FIRST, SECOND = "hello", "what services does the hub offer"


def _send(
    stack: ScaledStack, visitor: Visitor, together: threading.Barrier, text: str, replica: int
) -> None:
    together.wait()
    visitor.say(text, base_url=stack.replica_url(replica))


def test_simultaneous_messages_at_two_replicas_are_each_handled_once_in_order(
    all_replicas_up: ScaledStack,
) -> None:
    stack = all_replicas_up
    problems = []
    for _ in range(CONVERSATIONS):
        visitor = Visitor(stack.url("rasa"))
        together = threading.Barrier(2)
        threads = [
            threading.Thread(target=_send, args=(stack, visitor, together, FIRST, 1)),
            threading.Thread(target=_send, args=(stack, visitor, together, SECOND, 2)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        events = tracker_events(stack, visitor.sender_id)
        texts = user_texts(events)
        if not all(reply.ok for reply in visitor.replies):
            problems.append((visitor.sender_id, "failed", visitor.replies))
        elif sorted(texts) != sorted([FIRST, SECOND]) or not turns_are_whole(events):
            problems.append((visitor.sender_id, texts, [e["event"] for e in events]))
    assert problems == []
