"""Locust scenario of `make bench`: conversations on Rasa's REST channel.

Each simulated user holds `BENCH_CONVERSATIONS` conversations of `BENCH_TURNS` messages,
one after the other and without think time, each under a new sender id; it then stops,
and the run ends when the last user has stopped (or at Locust's `--run-time`, whichever
comes first). Every message is timed and checked; one line per message goes to
`BENCH_SAMPLES` (JSON lines), from which bench/__main__.py computes the percentiles
(Locust's own statistics round response times into buckets).

Settings, from the environment (bench/__main__.py sets them):
    BENCH_MESSAGES        JSON list of the messages, sent in turn (cycled)
    BENCH_CHECK           "reply" (any text, image or custom reply) or "project_card"
                          (a catalogue search result: a custom project_card reply)
    BENCH_CONVERSATIONS   conversations per user
    BENCH_TURNS           messages per conversation
    BENCH_SAMPLES         output file
    BENCH_LABEL           a prefix for the sender ids
"""

from __future__ import annotations

import itertools
import json
import os
import time
import uuid

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

MESSAGES: list[str] = json.loads(os.environ.get("BENCH_MESSAGES", '["hello"]'))
CHECK = os.environ.get("BENCH_CHECK", "reply")
CONVERSATIONS = int(os.environ.get("BENCH_CONVERSATIONS", "1"))
TURNS = int(os.environ.get("BENCH_TURNS", "10"))
SAMPLES_PATH = os.environ.get("BENCH_SAMPLES", "samples.jsonl")
LABEL = os.environ.get("BENCH_LABEL", "bench")
WEBHOOK = "/webhooks/rest/webhook"

_samples = open(SAMPLES_PATH, "w")  # noqa: SIM115 - closed at quit
_users_done = 0


def check_answer(answer: object) -> str | None:
    """Returns why the answer is wrong, or None when it is what the scenario expects."""
    if not isinstance(answer, list) or not answer:
        return "no reply"
    if CHECK == "project_card":
        cards = [
            item
            for item in answer
            if isinstance(item, dict)
            and isinstance(item.get("custom"), dict)
            and (item["custom"].get("data") or {}).get("type") == "project_card"
        ]
        return None if cards else "no project card"
    kinds = {"text", "image", "custom"}
    if not any(isinstance(item, dict) and item.keys() & kinds for item in answer):
        return "empty reply"
    return None


class Visitor(FastHttpUser):
    """One visitor after another on one connection: conversations of TURNS messages."""

    wait_time = between(0, 0)
    # Generous, so that a slow answer under load counts as slow rather than as an error.
    network_timeout = 60.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        """Sets the user's conversation budget and its place in the message list."""
        self.conversations_left = CONVERSATIONS
        # Each user starts at another place in the message list.
        self.messages = itertools.cycle(MESSAGES)
        for _ in range(hash(uuid.uuid4()) % len(MESSAGES)):
            next(self.messages)

    @task
    def conversation(self) -> None:
        """One conversation of TURNS messages under a new sender id, each timed and checked."""
        if self.conversations_left <= 0:
            raise StopUser()
        self.conversations_left -= 1
        sender = f"{LABEL}-{uuid.uuid4().hex[:12]}"
        for turn in range(TURNS):
            text = next(self.messages)
            started_wall = time.time()
            started = time.perf_counter()
            error = None
            with self.client.post(
                WEBHOOK,
                json={"sender": sender, "message": text},
                name=f"turn {turn + 1}" if turn == 0 else "turn 2+",
                catch_response=True,
            ) as response:
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    error = f"HTTP {response.status_code}"
                else:
                    try:
                        error = check_answer(response.json())
                    except ValueError:
                        error = "not JSON"
                if error:
                    response.failure(error)
                else:
                    response.success()
            _samples.write(
                json.dumps(
                    {
                        "start": started_wall,
                        "ms": round(elapsed * 1000, 2),
                        "turn": turn + 1,
                        "error": error,
                    }
                )
                + "\n"
            )

    def on_stop(self) -> None:
        """Ends the whole run when the last user has held all its conversations."""
        global _users_done
        _users_done += 1
        if _users_done >= self.environment.parsed_options.num_users:
            # The last user is done: end the run without waiting for --run-time.
            gevent.spawn_later(0.1, self.environment.runner.quit)


@events.quitting.add_listener
def _close_samples(environment: object, **_kwargs: object) -> None:
    _samples.flush()
    _samples.close()
