"""A website visitor over Rasa's socket.io channel while services are killed.

It talks as the widget does (web/hub_web/static/js/chat/transport.js and chat-widget.js):
long polling only, the widget's reconnection delays, and after each reconnection the same
session asked for again, so the conversation goes on wherever the socket lands.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from typing import Any

import socketio

from stack.profiles.default import Stack
from tests.resilience.visitors import (
    BROWSING,
    LANGUAGES,
    PAUSE_SECONDS,
    REQUEST_TIMEOUT_SECONDS,
    Recorder,
    Turn,
)

#: The widget's reconnection: socket.io-client's delays, at most 10 s between two attempts.
RECONNECTION = {"reconnection_delay": 1, "reconnection_delay_max": 10, "randomization_factor": 0.5}
#: After the first message of an answer, how long the others may take to arrive.
REST_OF_ANSWER_SECONDS = 0.3


class SocketVisitor(threading.Thread):
    """Browses the catalogue over socket.io without pause, until `stop` is set.

    A message is answered when a `bot_uttered` with text arrives. A disconnection ends the
    wait at once (as a refused connection does for a REST visitor), and the message is
    sent again once the session is confirmed again.
    """

    def __init__(self, stack: Stack, recorder: Recorder, stop: threading.Event) -> None:
        super().__init__(name="socket", daemon=True)
        self.stack = stack
        self.recorder = recorder
        self.stop = stop
        self.session_id: str | None = None
        self.ready = threading.Event()  # connected, and the session confirmed
        self.answers: queue.Queue[str | None] = queue.Queue()  # None: disconnected
        self.client = socketio.Client(**RECONNECTION)
        self.client.on("connect", self._on_connect)
        self.client.on("disconnect", self._on_disconnect)
        self.client.on("session_confirm", self._on_session_confirm)
        self.client.on("bot_uttered", self._on_bot_uttered)

    def _on_connect(self) -> None:
        self.client.emit("session_request", {"session_id": self.session_id})

    def _on_disconnect(self) -> None:
        self.ready.clear()
        self.answers.put(None)

    def _on_session_confirm(self, data: Any) -> None:
        self.session_id = data if isinstance(data, str) else data["session_id"]
        self.ready.set()

    def _on_bot_uttered(self, message: Any) -> None:
        if isinstance(message, dict) and message.get("text"):
            self.answers.put(message["text"])

    def run(self) -> None:
        try:
            self.converse()
        except Exception as error:  # reported by the test, not lost in a dead thread
            self.recorder.errors.append(f"{self.name}: {error!r}")
            raise
        finally:
            self.client.disconnect()

    def converse(self) -> None:
        """Connects, then browses in English, Chinese and Russian in turn."""
        while not self.stop.is_set() and not self.client.connected:
            try:
                self.client.connect(
                    self.stack.url("rasa"), socketio_path="/socket.io", transports=["polling"]
                )
            except socketio.exceptions.ConnectionError:
                time.sleep(RECONNECTION["reconnection_delay"])
        for number in itertools.count():
            language = LANGUAGES[number % len(LANGUAGES)]
            for text in BROWSING[language]:
                while not self.stop.is_set() and not self.say(text, language).answered:
                    time.sleep(PAUSE_SECONDS)
                if self.stop.is_set():
                    return
                time.sleep(PAUSE_SECONDS)

    def say(self, text: str, language: str) -> Turn:
        """Sends one message once the session is confirmed, and records the turn."""
        sent_at = answered_at = time.monotonic()
        texts: list[str] = []
        if self.ready.wait(REQUEST_TIMEOUT_SECONDS):
            self._arrived()  # what is left of an earlier answer
            metadata = {"language": language}
            message = {"message": text, "session_id": self.session_id, "metadata": metadata}
            try:
                self.client.emit("user_uttered", {**message, "customData": metadata})
                first = self.answers.get(timeout=REQUEST_TIMEOUT_SECONDS)
            except (socketio.exceptions.SocketIOError, queue.Empty):
                first = None
            answered_at = time.monotonic()
            if first is not None:
                texts = [first, *self._arrived(within=REST_OF_ANSWER_SECONDS)]
        # The turn ends with the first message of the answer, as a REST turn with its response.
        ended_at = answered_at if texts else time.monotonic()
        turn = Turn(self.name, sent_at, ended_at, bool(texts), None, tuple(texts), text)
        self.recorder.add(turn)
        return turn

    def _arrived(self, within: float = 0.0) -> list[str]:
        """The texts that arrive within `within` seconds (already there, with 0)."""
        deadline = time.monotonic() + within
        texts = []
        while True:
            remaining = deadline - time.monotonic()
            try:
                text = self.answers.get(remaining > 0, max(remaining, 0.0))
            except queue.Empty:
                return texts
            if text is not None:
                texts.append(text)
