"""Whole conversations against a running stack: a conversation is right only if every turn is.

    .venv/bin/python evaluation/evaluate_conversations.py --model models/<digest>.tar.gz \
        [--set evaluation/conversations/conversations_blind.yml] [--port-offset 900]

Starts a stack of its own (stack/profiles/default.py, on its own ports and a temporary state
directory), plays each conversation of the set over the REST channel, tapping buttons where
a turn says `click:`, and checks every turn's expectations (the set's schema is in
evaluation/conversations/README.md): the reply language, facts that must appear, wrong things that
must not, the project referred to, the lead form's next question, and at the end whether
the conversation's lead was stored. Prints conversations fully right and turns right per
language, then every failing turn with the bot's reply; writes everything to
results/<set name>.json. Always exits 0 once the stack ran.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from stack.profiles.default import Ports, Stack  # noqa: E402

DEFAULT_SET = REPO_ROOT / "evaluation/conversations/conversations_blind.yml"
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


def visible_text(messages: list[dict[str, Any]]) -> str:
    """Everything a visitor sees of the bot's messages: texts and button titles."""
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.extend(button.get("title", "") for button in message.get("buttons") or [])
    return "\n".join(part for part in parts if part)


class Conversation:
    """One visitor talking to the stack's REST channel."""

    def __init__(self, stack: Stack, conversation_id: str) -> None:
        self.stack = stack
        self.sender_id = f"eval-{conversation_id}-{uuid.uuid4().hex[:8]}"
        self.last_messages: list[dict[str, Any]] = []

    def send(self, text: str) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.stack.url('rasa')}/webhooks/rest/webhook",
            json={"sender": self.sender_id, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        self.last_messages = response.json()
        return self.last_messages

    def button_payload(self, title: str) -> str | None:
        """The payload of the button the visitor taps: by its title, or a card's only button.

        A card ("China MCC17 ... / Details") is tapped by what it shows: a card that names
        the words and holds one button stands for that button.
        """
        wanted = title.casefold()
        for message in self.last_messages:
            for button in message.get("buttons") or []:
                if wanted in button.get("title", "").casefold():
                    return button.get("payload")
        for message in self.last_messages:
            buttons = message.get("buttons") or []
            if len(buttons) == 1 and wanted in (message.get("text") or "").casefold():
                return buttons[0].get("payload")
        return None

    def requested_slot(self) -> str | None:
        response = requests.get(
            f"{self.stack.url('rasa')}/conversations/{self.sender_id}/tracker",
            headers=self.stack.secrets.rasa_headers(),
            timeout=30,
        )
        response.raise_for_status()
        return response.json()["slots"].get("requested_slot")


def project_names(stack: Stack) -> dict[tuple[str, str], str]:
    """(project id, language) -> the project's name as the catalogue gives it."""
    names = {}
    for lang in ("en", "zh", "ru"):
        page = 1
        while True:
            response = requests.get(
                f"{stack.url('catalogue')}/projects",
                params={"lang": lang, "page": page, "page_size": 50},
                timeout=30,
            )
            response.raise_for_status()
            body = response.json()
            for project in body["items"]:
                names[(project["id"], lang)] = project["name"]
            if page * 50 >= body["total"]:
                break
            page += 1
    return names


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


def leads_by_conversation(stack: Stack) -> dict[str, list[dict[str, Any]]]:
    """Every stored lead, grouped by its conversation id."""
    leads: dict[str, list[dict[str, Any]]] = defaultdict(list)
    page = 1
    while True:
        response = requests.get(
            f"{stack.url('catalogue')}/staff/leads",
            params={"page": page, "page_size": 500},
            headers={"X-API-Key": stack.secrets.catalogue_api_key},
            timeout=30,
        )
        response.raise_for_status()
        items = response.json()["items"]
        for lead in items:
            leads[lead.get("conversation_id") or ""].append(lead)
        if len(items) < 500:
            return leads
        page += 1


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


def language_group(case: dict[str, Any]) -> str:
    language = case["language"]
    if language in ("kk", "ky", "uz"):
        return f"Central Asian ({case.get('script', 'cyrillic')})"
    return language


def report(
    cases: list[dict[str, Any]], turns: list[TurnResult], leads: dict[str, list[str]]
) -> dict:
    """Prints the table and the failing turns; returns the summary."""
    by_case: dict[str, list[TurnResult]] = defaultdict(list)
    for turn in turns:
        by_case[turn.conversation].append(turn)
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for case in cases:
        row = rows[language_group(case)]
        case_turns = by_case[case["id"]]
        right = sum(not turn.failures for turn in case_turns)
        row[0] += right == len(case_turns) and case["id"] not in leads
        row[1] += 1
        row[2] += right
        row[3] += len(case_turns)
    total = [sum(row[i] for row in rows.values()) for i in range(4)]
    print("| language | conversations fully right | turns right |")
    print("| --- | --- | --- |")
    for name, row in [*sorted(rows.items()), ("all", total)]:
        print(f"| {name} | {row[0]}/{row[1]} ({row[0] / row[1]:.0%}) | {row[2]}/{row[3]} |")
    print("\nFailing turns:")
    for turn in turns:
        if turn.failures:
            reply = turn.reply.replace("\n", " / ")[:400]
            print(f"- {turn.conversation} #{turn.index} {turn.sent!r}: {'; '.join(turn.failures)}")
            print(f"    bot: {reply}")
    for case_id, problems in leads.items():
        print(f"- {case_id} (lead): {'; '.join(problems)}")
    return {"rows": {name: row for name, row in rows.items()}, "total": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--set", dest="eval_set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--port-offset", type=int, default=900)
    parser.add_argument("--only", help="play only conversations whose id starts with this")
    args = parser.parse_args()
    if not args.eval_set.exists():
        print(f"no conversation set at {args.eval_set}; nothing to evaluate")
        return
    cases = yaml.safe_load(args.eval_set.read_text(encoding="utf-8"))["conversations"]
    if args.only:
        cases = [case for case in cases if case["id"].startswith(args.only)]
    offset = args.port_offset
    ports = Ports(
        catalogue=18000 + offset, actions=15055 + offset, rasa=15005 + offset, web=18080 + offset
    )
    with tempfile.TemporaryDirectory(prefix="hub-eval-") as state:
        stack = Stack(
            model_path=REPO_ROOT / args.model if not args.model.is_absolute() else args.model,
            state_dir=Path(state),
            ports=ports,
            with_web=False,
            extra_env={"LEAD_OUTBOX_RETRY_SECONDS": "1"},
        )
        stack.start()
        try:
            names = project_names(stack)
            played, turns = [], []
            for case in cases:
                conversation, results = play(stack, case, names)
                played.append((case, conversation))
                turns.extend(results)
            leads = check_leads(stack, played)
        finally:
            stack.stop()
    summary = report(cases, turns, leads)
    out = REPO_ROOT / "results"
    out.mkdir(exist_ok=True)
    (out / f"{args.eval_set.stem}.json").write_text(
        json.dumps(
            {"summary": summary, "turns": [asdict(t) for t in turns], "leads": leads},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
