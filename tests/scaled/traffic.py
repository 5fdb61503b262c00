"""Visitors for the scaled tests: REST messages through HAProxy, and a background load.

Unlike `tests/e2e/chat.py`, a reply is never raised as an error: the tests count
failures, and note which replica answered (HAProxy's `X-Replica` header).
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from stack.profiles.scaled.stack import ScaledStack

#: The lead form, as in tests/e2e/test_lead_visitors.py: greeting, the form's questions
#: (name, company, country, e-mail or phone, interest) and the consent.
NAMES = ("Aibek Nurlanov", "Dilnoza Karimova", "Rahul Sharma", "Bat-Erdene Ganbold")
SAVED = "Your request is registered"
REQUEST_TIMEOUT_SECONDS = 180


def lead_form(number: int) -> list[str]:
    """The messages of one visitor who fills in the lead form in English."""
    name = NAMES[number % len(NAMES)]
    return [
        "/greet",
        "/leave_contact",
        name,
        "no",
        "Kazakhstan",
        f"visitor{number}@example.kz",
        "the cold chain park",
        "/affirm",
    ]


@dataclass
class Reply:
    """What one message got: the HTTP status (or the error's name), replica, texts."""

    status: int | str
    replica: str | None = None
    texts: str = ""

    @property
    def ok(self) -> bool:
        """A 200 with at least one answer."""
        return self.status == 200 and bool(self.texts)


@dataclass
class Visitor:
    """One conversation over Rasa's REST channel, through `base_url` (HAProxy by default)."""

    base_url: str
    sender_id: str = field(default_factory=lambda: f"scaled-{uuid.uuid4().hex[:10]}")
    replies: list[Reply] = field(default_factory=list)

    def say(self, text: str, base_url: str | None = None) -> Reply:
        """Sends one message and notes the reply."""
        try:
            response = requests.post(
                f"{base_url or self.base_url}/webhooks/rest/webhook",
                json={"sender": self.sender_id, "message": text, "metadata": {"language": "en"}},
                timeout=REQUEST_TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            reply = Reply(type(error).__name__)
        else:
            texts = (
                "\n".join(m.get("text") or "" for m in response.json())
                if response.status_code == 200
                else response.text[:200]
            )
            reply = Reply(response.status_code, response.headers.get("X-Replica"), texts)
        self.replies.append(reply)
        return reply

    @property
    def completed_form(self) -> bool:
        """Whether the bot confirmed a lead in this conversation."""
        return any(SAVED in reply.texts for reply in self.replies)


def tracker_events(stack: ScaledStack, sender_id: str) -> list[dict[str, Any]]:
    """The conversation's events, from Rasa's HTTP API through the balancer."""
    response = requests.get(
        f"{stack.url('rasa')}/conversations/{sender_id}/tracker",
        headers=stack.secrets.rasa_headers(),
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["events"]


def user_texts(events: list[dict[str, Any]]) -> list[str]:
    """The user messages the tracker holds, in order."""
    return [event.get("text") or "" for event in events if event["event"] == "user"]


def turns_are_whole(events: list[dict[str, Any]]) -> bool:
    """Every user message was handled to its end (`action_listen`) before the next came."""
    waiting = False
    for event in events:
        if event["event"] == "user":
            if waiting:
                return False
            waiting = True
        elif event["event"] == "action" and event.get("name") == "action_listen":
            waiting = False
    return not waiting


class Load:
    """Visitors filling in the lead form in background threads until `stop`."""

    def __init__(self, base_url: str, threads: int = 4) -> None:
        self.base_url = base_url
        self.visitors: list[Visitor] = []
        self._replies: list[Reply] = []  # in the order they came
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)
        ]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, thread_number: int) -> None:
        form = 0
        while not self._stop.is_set():
            visitor = Visitor(self.base_url)
            with self._lock:
                self.visitors.append(visitor)
            for text in lead_form(thread_number * 1000 + form):
                reply = visitor.say(text)
                with self._lock:
                    self._replies.append(reply)
            form += 1

    def stop(self) -> None:
        """Lets every visitor finish the form it is in, then returns."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=600)

    @property
    def replies(self) -> list[Reply]:
        """Every reply so far, in the order they came."""
        with self._lock:
            return list(self._replies)

    def wait_for_replies(self, count: int, timeout: float = 600) -> None:
        """Blocks until the visitors have had `count` replies in all."""
        deadline = time.monotonic() + timeout
        while len(self.replies) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {len(self.replies)} replies after {timeout:.0f} s")
            self._stop.wait(0.2)
