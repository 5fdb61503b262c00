"""Intent F1 per language on the held-out split (tests/nlu/<lang>/), which is never trained on.

    .venv/bin/python scripts/evaluate_nlu.py --model models/<digest>.tar.gz

Prints a Markdown table and writes results/nlu_evaluation.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

import structlog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import f1_score

REPO_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh", "ru")


async def predict(agent: Agent, texts: list[str]) -> list[str]:
    predictions = []
    for text in texts:
        parsed = await agent.parse_message(text)
        predictions.append(parsed["intent"]["name"])
    return predictions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "results" / "nlu_evaluation.json")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))

    agent = Agent.load(str(args.model))
    report: dict[str, dict[str, float]] = {}
    for language in LANGUAGES:
        examples = load_data(str(REPO_ROOT / "tests" / "nlu" / language)).intent_examples
        expected = [example.get("intent") for example in examples]
        predicted = asyncio.run(predict(agent, [example.get("text") for example in examples]))
        report[language] = {
            "examples": len(examples),
            "accuracy": sum(e == p for e, p in zip(expected, predicted, strict=True))
            / len(examples),
            "f1_macro": f1_score(expected, predicted, average="macro", zero_division=0),
            "f1_weighted": f1_score(expected, predicted, average="weighted", zero_division=0),
            "fallbacks": predicted.count("nlu_fallback"),
        }

    print(
        "| language | held-out examples | accuracy | intent F1 (macro) "
        "| intent F1 (weighted) | fell back |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for language, scores in report.items():
        print(
            f"| {language} | {scores['examples']} | {scores['accuracy']:.3f} | "
            f"{scores['f1_macro']:.3f} | {scores['f1_weighted']:.3f} | {scores['fallbacks']} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
