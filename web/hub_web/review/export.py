"""Staff-labelled messages as Rasa NLU training data, one YAML file per language.

The confirmed and corrected messages of the review queue (:mod:`hub_web.review.decisions`)
become examples under their intent, entities annotated inline (``[law](service)``), in
``nlu_<language>.yml``: ready to review and move into ``data/nlu/<language>/``. A message in
a language the bot does not speak goes to that language's file (``nlu_tr.yml``).

Run as ``python -m hub_web.review.export [--out results/corrections] [--db URL]``
(``make export-corrections``); the console offers the same files for download.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from hub_web.events.messages import ConversationMessage
from hub_web.events.store import sqlite_file
from hub_web.review.decisions import LABELLED, ReviewDecision
from hub_web.settings import REPO_ROOT, get_settings

DEFAULT_OUT_DIR = REPO_ROOT / "results" / "corrections"
UNKNOWN_LANGUAGE = "unknown"
#: Characters Rasa would read as entity markup in an example's plain text.
MARKUP_CHARACTERS = frozenset("[]")


@dataclass
class Export:
    """The examples of each language, and the messages that could not be written.

    Attributes:
        examples: ``{language: {intent: [annotated example, ...]}}``.
        skipped: Messages left out: payloads (``/greet``) and texts with ``[`` or ``]``.
    """

    examples: dict[str, dict[str, list[str]]]
    skipped: int = 0


def annotate(text: str, entities: Sequence[dict[str, Any]]) -> str:
    """The text with its entities marked up as Rasa reads them: ``[words](entity)``."""
    parts, position = [], 0
    for entity in sorted(entities, key=lambda item: item["start"]):
        start, end = entity["start"], entity["end"]
        parts += [text[position:start], f"[{text[start:end]}]({entity['entity']})"]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _example(message: ConversationMessage, decision: ReviewDecision) -> str | None:
    text = message.text or ""
    if not text.strip() or text.startswith("/") or MARKUP_CHARACTERS & set(text):
        return None
    # One line per example, as in data/nlu/: newlines inside a message become spaces.
    one_line = text.replace("\r", " ").replace("\n", " ")
    return annotate(one_line, decision.entities or []).strip()


def collect(engine: Engine) -> Export:
    """The labelled messages, by language and intent, in the order they were sent."""
    query = (
        select(ConversationMessage, ReviewDecision)
        .join(ReviewDecision, ReviewDecision.message_id == ConversationMessage.id)
        .where(ReviewDecision.status.in_(LABELLED))
        .order_by(ConversationMessage.id)
    )
    export = Export(examples=defaultdict(lambda: defaultdict(list)))
    with Session(engine) as session:
        for message, decision in session.execute(query):
            example = _example(message, decision)
            if example is None or decision.intent is None:
                export.skipped += 1
                continue
            language = message.unsupported_language or message.language or UNKNOWN_LANGUAGE
            examples = export.examples[language][decision.intent]
            if example not in examples:
                examples.append(example)
    return export


def nlu_yaml(examples: dict[str, list[str]], language: str, exported_at: datetime) -> str:
    """One language's examples as a Rasa NLU training data file."""
    lines = [
        f"# Corrections from the staff console's review queue ({language}), "
        f"exported {exported_at:%Y-%m-%d %H:%M} UTC.",
        f"# Review each example, then move it into data/nlu/{language}/.",
        'version: "3.1"',
        "",
        "nlu:",
    ]
    for intent in sorted(examples):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {example}" for example in examples[intent]]
        lines.append("")
    return "\n".join(lines)


def export_files(engine: Engine, out_dir: Path) -> tuple[list[Path], int]:
    """Write ``nlu_<language>.yml`` for every language with examples.

    Returns:
        The files written and the number of messages left out.
    """
    export = collect(engine)
    out_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    written = []
    for language in sorted(export.examples):
        path = out_dir / f"nlu_{language}.yml"
        path.write_text(nlu_yaml(export.examples[language], language, now), encoding="utf-8")
        written.append(path)
    return written, export.skipped


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the files and say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output folder")
    parser.add_argument("--db", help="the console's database URL (default: CONSOLE_DB_URL)")
    args = parser.parse_args(argv)
    url = args.db or get_settings().console_db_url
    database = sqlite_file(url)
    if database is not None and not database.is_file():
        print(f"no console database at {database}: the console has not run yet", file=sys.stderr)
        return 1
    engine = create_engine(url)
    try:
        written, skipped = export_files(engine, args.out)
    finally:
        engine.dispose()
    for path in written:
        print(f"wrote {path}")
    if not written:
        print(f"no corrected messages yet; nothing written to {args.out}")
    if skipped:
        print(f"left out {skipped} message(s): payloads or text with [ or ]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
