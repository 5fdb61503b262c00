"""Rolling model update under load (stack/profiles/scaled/rolling.py): no request fails.

Visitors keep filling in the lead form through HAProxy while every Rasa replica is
replaced, one at a time, with another model file; afterwards every replica serves it.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import requests

from stack.profiles.scaled.stack import ScaledStack
from tests.scaled.traffic import Load, tracker_events, turns_are_whole


def test_a_rolling_update_under_load_fails_no_request(
    all_replicas_up: ScaledStack, tmp_path: Path
) -> None:
    stack = all_replicas_up
    new_model = tmp_path / f"updated-{int(time.time())}.tar.gz"
    shutil.copyfile(stack.model_path, new_model)
    progress: list[str] = []

    with Load(stack.url("rasa"), threads=4) as load:
        load.wait_for_replies(8)
        seconds = stack.rolling_update(new_model, report=progress.append)
        load.wait_for_replies(len(load.replies) + 8)
    replies = load.replies

    print(f"rolling update: {seconds:.0f} s, {len(replies)} requests meanwhile; {progress}")
    failed = [reply for reply in replies if not reply.ok]
    assert failed == []
    assert {reply.replica for reply in replies} == set(stack.rasa_names())
    for index in range(1, stack.rasa_replicas + 1):
        status = requests.get(
            f"{stack.replica_url(index)}/status", headers=stack.secrets.rasa_headers(), timeout=10
        ).json()
        assert Path(status["model_file"]).name == new_model.name
    for visitor in load.visitors:
        assert turns_are_whole(tracker_events(stack, visitor.sender_id)), visitor.sender_id
