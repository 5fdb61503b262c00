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

The checks are in `evaluation/conversation_checks.py`; the REST channel and the catalogue
API as the checks read them in `evaluation/conversation_client.py`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# `Conversation` and `visible_text` are re-exported: scripts import them from here.
from evaluation.conversation_checks import TurnResult, check_leads, play  # noqa: E402
from evaluation.conversation_client import Conversation as Conversation  # noqa: E402
from evaluation.conversation_client import project_names  # noqa: E402
from evaluation.conversation_client import visible_text as visible_text  # noqa: E402
from stack.profiles.default import Ports, Stack  # noqa: E402

DEFAULT_SET = REPO_ROOT / "evaluation/conversations/conversations_blind.yml"


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
