"""Fuzz: a thousand generated messages and 200 bad bodies to the running stack's REST channel.

Messages are any Unicode text, control and format characters, empty, emoji only, mixed
scripts, longer than the 2,000-character limit, and commands (`/restart`,
`/intent{"x":"y"}`, broken JSON), in 40 conversations, with metadata of any shape; bad
bodies are bytes, JSON of the wrong shape or fields of the wrong type. Every answer must
be a 2xx or a clear 4xx (a JSON object with an `error` or `message` text), never a 5xx.
A valid request must be answered (an empty list is silence, unless the conversation is
paused for the staff), and every message of the answer must be a domain response in the
conversation's language: the `language` slot, or, where the conversation stored nothing,
the script of the message (a message in a language the bot does not speak is told so in
English, by design, and the conversation keeps its language). Deterministic
(`derandomize`), no shrinking (the stack keeps state; every failure is listed instead);
each message is followed by a look at the conversation's slots.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from bot.server.channels.payloads import PAYLOADS
from bot.server.channels.validation import (
    MAX_MESSAGE_LENGTH,
    InvalidRequest,
    is_language,
    read_rest_body,
    script_language,
)
from hub_vocabulary import DISTRICTS, SECTORS, SERVICE_TYPES, TOPICS
from stack.profiles.default import Stack
from tests.e2e.replies import responses_of

pytestmark = pytest.mark.e2e

MIN_MESSAGES = 1000
BAD_BODIES = 200
#: The answer to a message in a language the bot does not speak: English by design.
UNSUPPORTED_LANGUAGE = ("utter_unsupported_language", "en")
SENDERS = [f"fuzz-{index:02d}" for index in range(40)]
EMOJI = [
    *"😀😂🤖🚀👍🙏✨🎉🔥💼🏗🚢",
    "🇨🇳",
    "🇷🇺",
    "👍🏽",
    "❤\ufe0f\u200d🔥",
    "🧑\u200d💻",
    "👨\u200d👩\u200d👧",
]
WORDS = [
    "hello", "projects", "visa", "medical park", "医疗", "项目", "签证", "你好",
    "Привет", "проекты", "визa", "Циндао", "مرحبا", "שלום", "नमस्ते", "こんにちは",
    "안녕하세요", "Ὀδυσσεύς", "İstanbul", "ǅemal", "a\u0301", "🙂",
]  # fmt: skip
INTENTS = [*sorted(PAYLOADS), "restart", "session_start", "back", "nlu_fallback", "x", "intent"]
ENTITY_KEYS = ["x", "language", "sector", "district", "project", "service", "topic"]
ENTITY_KEYS += ["lead_name", "lead_contact", "handoff_requested", "requested_slot", "lead_id"]
CODES = [*SECTORS, *DISTRICTS, *SERVICE_TYPES, *TOPICS, "en", "zh", "ru", "xx", "any"]

json_values = st.one_of(
    st.sampled_from(CODES), st.text(max_size=20), st.integers(), st.none(), st.booleans()
)
commands = st.one_of(
    st.sampled_from(["/restart", '/intent{"x":"y"}', "/", "//greet", "/ greet", "/GREET"]),
    st.builds(lambda intent: f"/{intent}", st.sampled_from(INTENTS)),
    st.builds(
        lambda intent, entities, space: f"/{intent}{space}{json.dumps(entities)}",
        st.sampled_from(INTENTS),
        st.dictionaries(st.sampled_from(ENTITY_KEYS), json_values, max_size=3),
        st.sampled_from(["", " "]),
    ),
    st.builds(  # broken JSON
        lambda intent, inside: f"/{intent}{{{inside}",
        st.sampled_from(INTENTS),
        st.one_of(
            st.sampled_from(['"x":"y"', '"x":', '"language": "ru"', "}}", '"a"}]', "{"]),
            st.text(max_size=20),
        ),
    ),
    st.builds(lambda command, text: f"{command} {text}", st.sampled_from(["/restart"]), st.text()),
)
messages = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=40),
    st.just(""),
    st.lists(st.sampled_from(EMOJI), min_size=1, max_size=12).map("".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join),
    st.builds(  # over the limit
        lambda unit, extra: (unit * (MAX_MESSAGE_LENGTH // len(unit) + 2))[
            : MAX_MESSAGE_LENGTH + 1 + extra
        ],
        st.text(min_size=1, max_size=12),
        st.integers(0, 30_000),
    ),
    commands,
)
metadata = st.one_of(
    st.none(),
    st.fixed_dictionaries({"language": st.sampled_from(["en", "zh", "ru", "xx", "", "EN"])}),
    st.dictionaries(st.text(max_size=8), json_values, max_size=3),
)
valid_bodies = st.builds(
    lambda sender, message, meta, ascii_only: json.dumps(
        {"sender": sender, "message": message, "metadata": meta}, ensure_ascii=ascii_only
    ).encode(),
    st.sampled_from(SENDERS),
    messages,
    metadata,
    st.booleans(),
)
bad_fields = st.one_of(
    st.fixed_dictionaries({"message": messages}),
    st.fixed_dictionaries(
        {"sender": st.sampled_from(["", " ", "x" * 256]), "message": st.just("hi")}
    ),
    st.fixed_dictionaries(
        {
            "sender": st.sampled_from(SENDERS),
            "message": json_values.filter(lambda value: not isinstance(value, str)),
        }
    ),
    st.fixed_dictionaries(
        {
            "sender": st.sampled_from(SENDERS),
            "message": st.just("hi"),
            "metadata": st.one_of(st.text(), st.integers(), st.lists(st.integers())),
        }
    ),
    st.lists(st.integers(), max_size=2),
)
invalid_bodies = st.one_of(
    st.binary(max_size=64), st.builds(lambda fields: json.dumps(fields).encode(), bad_fields)
)


@dataclass
class Outcomes:
    """What the fuzz saw: counts by kind of outcome, and the failures."""

    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def fail(self, body: bytes, problem: str) -> None:
        self.failures.append(f"{problem}: {body[:160]!r}")


def check(stack: Stack, session: requests.Session, body: bytes, outcomes: Outcomes) -> None:
    """Sends one body and records whether the answer keeps the promises above."""
    try:
        request = read_rest_body(body)
    except InvalidRequest:
        request = None
    response = session.post(
        f"{stack.url('rasa')}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    outcomes.counts["requests"] += 1
    status = response.status_code
    if status >= 500:
        return outcomes.fail(body, f"HTTP {status}")
    if 400 <= status < 500:
        outcomes.counts["4xx"] += 1
        if request is not None:
            outcomes.counts["4xx to a valid body"] += 1
        try:
            answer = response.json()
        except ValueError:
            return outcomes.fail(body, f"HTTP {status} without JSON")
        text = answer.get("error") or answer.get("message") if isinstance(answer, dict) else None
        if not isinstance(text, str) or not text.strip():
            outcomes.fail(body, f"HTTP {status} without a message: {answer!r}")
        return None
    if request is None:
        return outcomes.fail(body, f"invalid body accepted with HTTP {status}")
    texts = [message.get("text") for message in response.json() if message.get("text")]
    tracker = session.get(
        f"{stack.url('rasa')}/conversations/{quote(request.sender, safe='')}/tracker",
        params={"include_events": "NONE"},
        headers=stack.secrets.rasa_headers(),
        timeout=30,
    ).json()
    if not texts:
        if tracker.get("paused"):
            outcomes.counts["silent, paused for the staff"] += 1
            return None
        return outcomes.fail(body, "silence")
    outcomes.counts["answered"] += 1
    language = tracker.get("slots", {}).get("language")
    if not is_language(language):
        language = script_language(request.message)
    for text, matches in responses_of(texts):
        if not matches:
            outcomes.fail(body, f"reply is no domain response: {text[:80]!r}")
        elif UNSUPPORTED_LANGUAGE in matches:
            outcomes.counts["told the languages it speaks"] += 1
        elif language not in {match_language for _, match_language in matches}:
            outcomes.fail(body, f"reply not in {language} ({sorted(matches)}): {text[:80]!r}")


FUZZ_SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def test_a_thousand_generated_messages_are_answered_in_a_supported_language(stack: Stack):
    outcomes = Outcomes()
    session = requests.Session()

    @settings(FUZZ_SETTINGS, max_examples=MIN_MESSAGES)
    @given(body=valid_bodies)
    @example(body=b'{"sender": "fuzz-00", "message": "\\ud800 lone surrogate"}')
    @example(body=b'{"sender": "fuzz-01", "message": "\\u0000\\u0007\\u001b[2J"}')
    @example(body='{"sender": "fuzz-02", "message": "hi"}'.encode("utf-16"))
    @example(body=b'{"sender": "fuzz-04", "message": "/intent{\\"x\\":\\"y\\"}"}')
    @example(body=b'{"sender": "fuzz-05", "message": "/greet{\\"language\\": \\"ru\\""}')
    def fuzz(body: bytes) -> None:
        check(stack, session, body, outcomes)

    fuzz()
    print(dict(outcomes.counts))
    assert outcomes.counts["requests"] >= MIN_MESSAGES
    assert outcomes.failures == [], "\n".join(outcomes.failures[:50])


def test_generated_bad_bodies_get_a_clear_4xx(stack: Stack):
    outcomes = Outcomes()
    session = requests.Session()

    @settings(FUZZ_SETTINGS, max_examples=BAD_BODIES)
    @given(body=invalid_bodies)
    @example(body=b'{"sender": "fuzz-03", "message": "\xff\xfe broken UTF-8"}')
    @example(body=b'{"sender": "fuzz-03", "message": "hi"')
    def fuzz(body: bytes) -> None:
        check(stack, session, body, outcomes)

    fuzz()
    print(dict(outcomes.counts))
    assert outcomes.failures == [], "\n".join(outcomes.failures[:50])
