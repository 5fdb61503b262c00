"""Visitors that keep talking to a stack while its services are killed, and what they saw.

Each `LoadVisitor` is a thread that holds conversations over Rasa's REST channel without
pause: it browses (payloads and free text that reach the catalogue) and fills in the lead
form, in English, Chinese and Russian in turn. A message that gets no answer is sent
again, as a visitor would; the lead form is driven by the slot the bot asks for
(`requested_slot`), so a message sent twice cannot shift the answers. Every request is
recorded as a `Turn`; a `PageVisitor` does the same for the website's home page.
`tests/resilience/load.py` starts them together with a socket.io visitor.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

from stack.profiles.default import Stack

#: Pause between two messages of a visitor, and before sending an unanswered one again.
PAUSE_SECONDS = 0.1
REQUEST_TIMEOUT_SECONDS = 15
LANGUAGES = ("en", "zh", "ru")
LEAD_ROWS = yaml.safe_load(
    (Path(__file__).parent.parent / "e2e" / "lead_visitors.yml").read_text(encoding="utf-8")
)["visitors"]
BROWSING = {
    "en": [
        '/search_projects{"sector":"medical"}',
        "Tell me about the cold chain park",
        '/ask_service{"service":"visa"}',
        "Which logistics projects do you have?",
    ],
    "zh": [
        '/search_projects{"sector":"logistics"}',
        "冷链物流园的投资额是多少？",
        '/ask_service{"service":"legal"}',
        "有哪些医疗项目？",
    ],
    "ru": [
        '/search_projects{"sector":"trade"}',
        "Расскажите о парке холодовой цепи",
        '/ask_service{"service":"accounting"}',
        "Какие есть логистические проекты?",
    ],
}
INTEREST = {
    "en": "the cold chain park, and we need visa support",
    "zh": "冷链物流园，还需要签证服务",
    "ru": "парк холодовой цепи, и нужна помощь с визой",
}
NO_COMPANY = {"en": "no", "zh": "没有", "ru": "нет"}
#: The bot's answer to a completed form: stored, or kept in the outbox for later.
CONFIRMED = {
    "en": ("Your request is registered", "your request is saved here"),
    "zh": ("您的需求已登记", "您的需求已妥善保存"),
    "ru": ("Ваш запрос зарегистрирован", "ваш запрос сохранён"),
}


@dataclass(frozen=True)
class Turn:
    """One request of a visitor: when it was sent, when it ended and whether it was answered.

    Attributes:
        answered: HTTP 200 with at least one message that has text (an empty list, an
            error status or no connection is no answer).
        status: The HTTP status, or None when the server could not be reached.
    """

    visitor: str
    sent_at: float
    ended_at: float
    answered: bool
    status: int | None
    texts: tuple[str, ...] = ()
    #: What was sent: a message's text, "tracker" for a read of the conversation, "page".
    sent: str = ""


@dataclass
class LeadForm:
    """A lead form a visitor went through, and whether the bot confirmed it."""

    sender_id: str
    email: str
    language: str
    confirmed: bool = False


@dataclass
class Recorder:
    """Turns of all visitors, safe to append to from several threads."""

    turns: list[Turn] = field(default_factory=list)
    forms: list[LeadForm] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, turn: Turn) -> None:
        with self.lock:
            self.turns.append(turn)

    def snapshot(self) -> list[Turn]:
        with self.lock:
            return list(self.turns)


class LoadVisitor(threading.Thread):
    """One visitor after another, in one thread, until `stop` is set."""

    def __init__(self, stack: Stack, name: str, recorder: Recorder, stop: threading.Event):
        super().__init__(name=name, daemon=True)
        self.stack = stack
        self.recorder = recorder
        self.stop = stop
        self.session = requests.Session()
        self.sender_id = ""

    def run(self) -> None:
        try:
            self.converse()
        except Exception as error:  # reported by the test, not lost in a dead thread
            self.recorder.errors.append(f"{self.name}: {error!r}")
            raise

    def converse(self) -> None:
        """One conversation after another: browsing, then the lead form, in turn."""
        for number in itertools.count():
            if self.stop.is_set():
                return
            language = LANGUAGES[number % len(LANGUAGES)]
            self.sender_id = f"{self.name}-{number}-{uuid.uuid4().hex[:6]}"
            self.say_until_answered("/greet", language=language)
            if number % 2:
                self.fill_in_the_lead_form(language, LEAD_ROWS[number % len(LEAD_ROWS)])
            else:
                for text in BROWSING[language]:
                    self.say_until_answered(text)

    def say(self, text: str, **metadata: Any) -> Turn:
        """Sends one message and records the turn."""
        sent_at = time.monotonic()
        status, texts = None, ()
        try:
            response = self.session.post(
                f"{self.stack.url('rasa')}/webhooks/rest/webhook",
                json={"sender": self.sender_id, "message": text, "metadata": metadata},
                timeout=REQUEST_TIMEOUT_SECONDS,
            )
            status = response.status_code
            if status == 200:
                texts = tuple(m["text"] for m in response.json() if m.get("text"))
        except (requests.RequestException, ValueError):
            pass
        turn = Turn(self.name, sent_at, time.monotonic(), bool(texts), status, texts, text)
        self.recorder.add(turn)
        return turn

    def say_until_answered(self, text: str, **metadata: Any) -> Turn | None:
        """Sends a message again until it is answered; None when stopped first."""
        while not self.stop.is_set():
            turn = self.say(text, **metadata)
            time.sleep(PAUSE_SECONDS)
            if turn.answered:
                return turn
        return None

    def tracker(self) -> dict[str, Any] | None:
        """The conversation's tracker, read until Rasa answers; None when stopped first."""
        while not self.stop.is_set():
            sent_at, status, tracker = time.monotonic(), None, None
            try:
                response = self.session.get(
                    f"{self.stack.url('rasa')}/conversations/{self.sender_id}/tracker",
                    params={"include_events": "NONE"},
                    headers=self.stack.secrets.rasa_headers(),
                    timeout=REQUEST_TIMEOUT_SECONDS,
                )
                status = response.status_code
                tracker = response.json() if status == 200 else None
            except (requests.RequestException, ValueError):
                pass
            ended_at = time.monotonic()
            self.recorder.add(Turn(self.name, sent_at, ended_at, False, status, sent="tracker"))
            if tracker is not None:
                return tracker
            time.sleep(PAUSE_SECONDS)
        return None

    def fill_in_the_lead_form(self, language: str, row: dict[str, Any]) -> None:
        """Answers what the form asks until it ends; records the form and its outcome."""
        form = LeadForm(self.sender_id, f"{self.sender_id}@example.com", language)
        self.recorder.forms.append(form)
        answers = {
            "lead_name": row["name"],
            "lead_company": row["company"] or NO_COMPANY[language],
            "lead_country": row["country"][language],
            "lead_contact": form.email,
            "lead_interest": INTEREST[language],
            "lead_consent": "/affirm",
        }
        turn = self.say_until_answered("/leave_contact")
        for _ in range(3 * len(answers)):
            tracker = self.tracker()
            if turn is None or tracker is None:
                return
            if any(phrase in text for text in turn.texts for phrase in CONFIRMED[language]):
                form.confirmed = True
                return
            asked = tracker["slots"].get("requested_slot")
            if (tracker.get("active_loop") or {}).get("name") != "lead_form" or asked is None:
                return
            turn = self.say_until_answered(answers[asked])


class PageVisitor(threading.Thread):
    """Loads the website's home page without pause, until `stop` is set."""

    def __init__(self, stack: Stack, recorder: Recorder, stop: threading.Event):
        super().__init__(name="page", daemon=True)
        self.stack = stack
        self.recorder = recorder
        self.stop = stop

    def run(self) -> None:
        session = requests.Session()
        while not self.stop.is_set():
            sent_at = time.monotonic()
            status = None
            with contextlib.suppress(requests.RequestException):
                status = session.get(f"{self.stack.url('web')}/", timeout=10).status_code
            ok = status == 200
            self.recorder.add(Turn(self.name, sent_at, time.monotonic(), ok, status, sent="page"))
            time.sleep(PAUSE_SECONDS)
