"""Replica loss under load: `kill -9` of a Rasa replica and of an action server.

Visitors fill in the lead form through HAProxy; in the middle, one Rasa replica and one
action server are killed. HAProxy sends the request that was in flight to another server
(`retry-on conn-failure empty-response`) and takes the dead one out; the conversations
go on at the other replica, and every form the bot confirmed has its lead in the
catalogue. The supervisor then restarts the killed processes.
"""

from __future__ import annotations

import os
import signal
import time

from stack.profiles.scaled.stack import ScaledStack
from tests.e2e.chat import staff_leads
from tests.scaled.traffic import Load

LEAD_DELIVERY_TIMEOUT_SECONDS = 60.0


def _kill(stack: ScaledStack, name: str) -> int:
    process = stack.service(name).process
    assert process is not None and process.poll() is None, f"{name} is not running"
    os.killpg(process.pid, signal.SIGKILL)
    return process.pid


def test_killing_a_replica_and_an_action_server_loses_no_conversation_and_no_lead(
    all_replicas_up: ScaledStack,
) -> None:
    stack = all_replicas_up
    killed_rasa, killed_actions = stack.rasa_names()[-1], stack.action_names()[0]
    with Load(stack.url("rasa"), threads=4) as load:
        load.wait_for_replies(12)
        before = len(load.replies)
        _kill(stack, killed_rasa)
        _kill(stack, killed_actions)
        load.wait_for_replies(before + 24)
    replies, visitors = load.replies, load.visitors

    # The four in flight at the kill may have met either replica; the next ones came
    # before the killed replica could be back (loading a model takes longer).
    after = replies[before + 4 : before + 12]
    failed = [reply for reply in replies if not reply.ok]
    print(f"{len(replies)} requests, {len(failed)} failed; {len(visitors)} conversations")
    assert failed == []
    assert killed_rasa not in {reply.replica for reply in after}
    completed = {visitor.sender_id for visitor in visitors if visitor.completed_form}
    assert len(completed) >= 4

    deadline = time.monotonic() + LEAD_DELIVERY_TIMEOUT_SECONDS
    while True:
        stored = {lead["conversation_id"] for lead in staff_leads(stack, page_size="500")}
        lost = completed - stored
        if not lost or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert lost == set()
