"""Intent and entity scores per evaluation set and language, from one trained model.

    .venv/bin/python evaluation/evaluate_nlu.py --model models/<digest>.tar.gz

Sets: `heldout` (evaluation/nlu/<lang>/heldout.yml, written with the training data and never
trained on) and `eval` (evaluation/nlu/eval/<lang>.yml, the blind set); a missing file is
skipped. Prints one Markdown table per set and writes into the results directory:

* `<set>-<lang>-errors.md`: misclassified messages, entity misses, reply-language misses;
* `<set>-<lang>-confusion.png`: the intent confusion matrix;
* `nlu_evaluation.json`: all scores.

The reply language is the LanguageDetector's decision (`language_detection.reply_language`
in the parse output, the same value as its `language` entity). Each message is read as if
the conversation so far were held in the file's language (ru for other Cyrillic
languages): a message the detector leaves undecided keeps that language ("kept" counts
them). The expected reply language is the file's, or the language a `change_language`
message asks for. The held-out split names entity values by their surface form; they are
mapped to codes with the entity normaliser before comparing.
Always exits 0 once the model ran, whether or not the targets are met.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with warnings.catch_warnings():  # TensorFlow's and SQLAlchemy's deprecation noise
    warnings.simplefilter("ignore")
    import structlog
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu.language.names import normalise_language_value
from evaluation.nlu_metrics import (
    ENTITY_RECALL_TARGET,
    INTENT_ACCURACY_TARGET,
    LANGUAGE_ENTITY,
    TABLE_HEADER,
    Prediction,
    Scores,
    comparable_entities,
    score,
    table_row,
)
from evaluation.nlu_report import plot_confusion_matrix, write_errors
from hub_lexicon.normaliser import default_normaliser

REPO_ROOT = Path(__file__).resolve().parent.parent
# Set name -> file of one language, relative to the repository root.
EVALUATION_SETS = {
    "heldout": "evaluation/nlu/{language}/heldout.yml",
    "eval": "evaluation/nlu/eval/{language}.yml",
}
# Language of the file -> the language the bot should answer in.
REPLY_LANGUAGES = {
    "en": "en",
    "zh": "zh",
    "ru": "ru",
    "other_cyrillic": "ru",
    "other_latin": "ru",  # Uzbek and Kazakh in Latin letters
}


def load_examples(path: Path) -> list[dict[str, Any]]:
    """Reads the annotated messages of one Rasa NLU YAML file.

    Args:
        path: The file.

    Returns:
        One dictionary per message with `text`, `intent` and `entities`.
    """
    return [
        {
            "text": example.get("text"),
            "intent": example.get("intent"),
            "entities": [as_code(entity) for entity in example.get("entities") or []],
        }
        for example in load_data(str(path)).intent_examples
    ]


def as_code(entity: dict[str, Any]) -> dict[str, Any]:
    """A gold entity with its value as a code: the held-out split names surface forms.

    A `language` value ("английский", "по-русски") becomes the language's code ("en"),
    the value the LanguageDetector sets.
    """
    if entity["entity"] == LANGUAGE_ENTITY:
        code = normalise_language_value(entity.get("value"))
    else:
        code = default_normaliser().normalise(entity["entity"], str(entity.get("value")))
    return {**entity, "value": code} if code is not None else entity


async def parse_all(agent: Agent, texts: list[str]) -> list[dict[str, Any]]:
    """Parses messages one by one with the loaded model.

    Args:
        agent: The agent holding the model.
        texts: The messages.

    Returns:
        Rasa's parse output for each message, in order.
    """
    return [await agent.parse_message(text) for text in texts]


def reply_language(parsed: dict[str, Any]) -> str | None:
    """Returns the reply language the LanguageDetector chose, None when it keeps it."""
    detection = parsed.get("language_detection")
    if isinstance(detection, dict):
        return detection.get("reply_language")
    for entity in parsed.get("entities") or []:
        if entity.get("entity") == LANGUAGE_ENTITY:
            return str(entity.get("value"))
    return None


def to_prediction(example: dict[str, Any], parsed: dict[str, Any], language: str) -> Prediction:
    """Pairs one gold message with the model's parse.

    Args:
        example: The gold message from `load_examples`.
        parsed: The model's parse output.
        language: The file's language (a key of `REPLY_LANGUAGES`).

    Returns:
        The prediction, with entities in their comparable form.
    """
    gold_entities = comparable_entities(example["entities"], keep_language=True)
    has_language = any(entity_type == LANGUAGE_ENTITY for entity_type, _ in gold_entities)
    requested = [value for entity_type, value in gold_entities if entity_type == LANGUAGE_ENTITY]
    # Each message is read as if the conversation so far were in the file's language.
    conversation_language = REPLY_LANGUAGES.get(language)
    intent = parsed.get("intent") or {}
    return Prediction(
        text=example["text"],
        gold_intent=example["intent"],
        predicted_intent=str(intent.get("name")),
        confidence=float(intent.get("confidence") or 0.0),
        gold_entities=gold_entities,
        predicted_entities=comparable_entities(
            parsed.get("entities") or [], keep_language=has_language
        ),
        expected_reply_language=requested[0] if requested else conversation_language,
        reply_language=reply_language(parsed) or conversation_language,
        kept_language=reply_language(parsed) is None,
    )


def evaluate_file(agent: Agent, path: Path, language: str) -> list[Prediction]:
    """Parses every message of one file and pairs it with its annotation.

    Args:
        agent: The agent holding the model.
        path: The Rasa NLU YAML file.
        language: The file's language.

    Returns:
        One prediction per message.
    """
    examples = load_examples(path)
    parsed = asyncio.run(parse_all(agent, [example["text"] for example in examples]))
    return [
        to_prediction(example, result, language)
        for example, result in zip(examples, parsed, strict=True)
    ]


def parse_arguments() -> argparse.Namespace:
    """Reads the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="trained model archive")
    parser.add_argument(
        "--results", type=Path, default=REPO_ROOT / "results", help="output directory"
    )
    parser.add_argument(
        "--sets", nargs="+", choices=sorted(EVALUATION_SETS), default=list(EVALUATION_SETS)
    )
    return parser.parse_args()


def main() -> int:
    """Evaluates the model on every set and language; returns the exit code."""
    args = parse_arguments()
    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    args.results.mkdir(parents=True, exist_ok=True)

    warnings.simplefilter("ignore")
    agent = Agent.load(str(args.model))
    # Libraries loaded with the model put their own filters in front of the one above.
    warnings.simplefilter("ignore")
    report: dict[str, dict[str, dict[str, Any]]] = {}
    for set_name in args.sets:
        pattern = EVALUATION_SETS[set_name].format(language="<lang>")
        print(f"\n### NLU, {set_name} set ({pattern})\n")
        rows: list[str] = []
        skipped: list[str] = []
        for language in REPLY_LANGUAGES:
            path = REPO_ROOT / EVALUATION_SETS[set_name].format(language=language)
            if not path.is_file():
                skipped.append(language)
                continue
            predictions = evaluate_file(agent, path, language)
            scores: Scores = score(predictions)
            report.setdefault(set_name, {})[language] = dataclasses.asdict(scores)
            rows.append(table_row(language, scores))
            stem = f"{set_name}-{language}"
            write_errors(args.results / f"{stem}-errors.md", stem, predictions)
            plot_confusion_matrix(args.results / f"{stem}-confusion.png", stem, predictions)
        if rows:
            print("\n".join([TABLE_HEADER, *rows]))
        if skipped:
            print(f"\n(no file, skipped: {', '.join(skipped)})")

    print(
        f"\ntarget: intent accuracy >= {INTENT_ACCURACY_TARGET * 100:.0f} %, "
        f"entity recall >= {ENTITY_RECALL_TARGET * 100:.0f} % per language"
    )
    for set_name, languages in report.items():
        verdicts = [
            f"{language} {'PASS' if Scores(**scores).meets_target else 'MISS'}"
            for language, scores in languages.items()
        ]
        print(f"  {set_name}: {', '.join(verdicts)}")
    (args.results / "nlu_evaluation.json").write_text(json.dumps(report, indent=2))
    print(f"\nerrors and confusion matrices: {args.results}/<set>-<lang>-*")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
