"""The checks of a conversation evaluation: every turn's expectations, then the lead.

`play` sends a conversation's turns and checks each reply (`check_turn`): the reply
language, facts that must appear, wrong things that must not, the project referred to and
the lead form's next question. `check_leads` waits for the outbox to deliver, then checks
whether each conversation's lead was stored, with the fields it should hold. The set's
schema is in evaluation/conversations/README.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from evaluation.conversation_client import Conversation, leads_by_conversation, visible_text
from stack.profiles.default import Stack

#: The lead form's slots by the names the set uses (domain.yml, `lead_form`).
FORM_FIELDS = {
    "name": "lead_name",
    "company": "lead_company",
    "country": "lead_country",
    "contact": "lead_contact",
    "interest": "lead_interest",
    "consent": "lead_consent",
}
LEAD_WAIT_SECONDS = 20.0


@dataclass
class TurnResult:
    """One turn: what was sent, what came back and which checks failed."""

    conversation: str
    language: str
    index: int
    sent: str
    reply: str
    failures: list[str] = field(default_factory=list)


def reply_language(text: str) -> str:
    """The language a reply is written in, by its script: Han -> zh, Cyrillic -> ru, else en."""
    han = sum("\u4e00" <= char <= "\u9fff" for char in text)
    cyrillic = sum("\u0400" <= char <= "\u04ff" for char in text)
    latin = sum(char.isascii() and char.isalpha() for char in text)
    if han >= 2 and han * 3 >= latin:
        return "zh"
    if cyrillic > latin:
        return "ru"
    return "en"


def fold(text: str) -> str:
    """Text for matching: case folded, every kind of space one plain space ("12\u202f000")."""
    return " ".join(text.casefold().split())


def check_turn(
    expect: dict[str, Any], reply: str, requested: str | None, names: dict[tuple[str, str], str]
) -> list[str]:
    """The expectations of one turn that the reply does not meet."""
    failures = []
    folded = fold(reply)
    wanted_language = expect.get("reply_language")
    if wanted_language and reply_language(reply) != wanted_language:
        failures.append(f"reply language {reply_language(reply)}, expected {wanted_language}")
    for group in expect.get("any_of") or []:
        options = [group] if isinstance(group, str) else group
        if not any(fold(str(option)) in folded for option in options):
            failures.append(f"none of {options}")
    for wrong in expect.get("none_of") or []:
        if fold(str(wrong)) in folded:
            failures.append(f"says {wrong!r}")
    project = expect.get("project")
    if project:
        name = names.get((project, wanted_language or reply_language(reply)))
        if name is None:
            failures.append(f"unknown project {project}")
        elif fold(name) not in folded:
            failures.append(f"does not name {project} ({name})")
    asks_for = expect.get("asks_for")
    if asks_for:
        expected_slot = None if asks_for == "none" else FORM_FIELDS.get(asks_for, asks_for)
        if requested != expected_slot:
            failures.append(f"form asks for {requested}, expected {expected_slot}")
    return failures


def play(
    stack: Stack, case: dict[str, Any], names: dict[tuple[str, str], str]
) -> tuple[Conversation, list[TurnResult]]:
    """Plays one conversation and checks each turn."""
    conversation = Conversation(stack, case["id"])
    results = []
    for index, turn in enumerate(case["turns"], start=1):
        expect = turn.get("expect") or {}
        if "click" in turn:
            payload = conversation.button_payload(turn["click"])
            sent = f"[{turn['click']}]"
            if payload is None:
                results.append(
                    TurnResult(case["id"], case["language"], index, sent, "", ["no such button"])
                )
                continue
            messages = conversation.send(payload)
        else:
            sent = turn["user"]
            messages = conversation.send(sent)
        reply = visible_text(messages)
        requested = conversation.requested_slot() if expect.get("asks_for") else None
        failures = check_turn(expect, reply, requested, names)
        results.append(TurnResult(case["id"], case["language"], index, sent, reply, failures))
    return conversation, results


def check_leads(
    stack: Stack, played: list[tuple[dict[str, Any], Conversation]]
) -> dict[str, list[str]]:
    """Lead failures per conversation id, once the outbox has had time to deliver."""
    expected = {case["id"]: conv.sender_id for case, conv in played if case.get("lead")}
    deadline = time.monotonic() + LEAD_WAIT_SECONDS
    while True:
        leads = leads_by_conversation(stack)
        stored = [cid for cid, sender in expected.items() if leads.get(sender)]
        wanted = [case["id"] for case, _ in played if case.get("lead") == "stored"]
        if set(wanted) <= set(stored) or time.monotonic() > deadline:
            break
        time.sleep(1)
    failures: dict[str, list[str]] = {}
    for case, conv in played:
        outcome = case.get("lead")
        found = leads.get(conv.sender_id, [])
        problems = []
        if outcome == "stored" and not found:
            problems.append("no lead stored")
        elif outcome == "not_stored" and found:
            problems.append(f"a lead was stored: {found[0].get('name')!r}")
        for key, value in (case.get("lead_fields") or {}).items():
            if found and str(value).casefold() not in str(found[0].get(key) or "").casefold():
                problems.append(f"lead {key} is {found[0].get(key)!r}, expected {value!r}")
        if problems:
            failures[case["id"]] = problems
    return failures
