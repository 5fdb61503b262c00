"""Developer-facing outputs of `evaluation/evaluate_nlu.py`: error lists and confusion matrices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sklearn.metrics import confusion_matrix

from evaluation.nlu_metrics import EntityPair, Prediction


def _cell(text: object) -> str:
    """Makes a value safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _pairs(pairs: Counter[EntityPair]) -> str:
    """Formats entity pairs as `type=value`, repeated by multiplicity."""
    return ", ".join(f"{kind}={value}" for kind, value in sorted(pairs.elements())) or "-"


def errors_markdown(title: str, predictions: Sequence[Prediction]) -> str:
    """Builds the error report of one set and language.

    Args:
        title: The heading, e.g. `eval-ru`.
        predictions: The evaluated messages.

    Returns:
        Markdown with intent errors, entity errors and reply-language errors.
    """
    intent_errors = [p for p in predictions if not p.intent_correct]
    entity_errors = [p for p in predictions if p.missed_entities or p.spurious_entities]
    language_errors = [
        p
        for p in predictions
        if p.expected_reply_language is not None and p.reply_language != p.expected_reply_language
    ]
    lines = [f"# {title}: errors", "", f"{len(predictions)} messages.", ""]
    lines += [
        f"## Intent errors ({len(intent_errors)})",
        "",
        "| text | gold | predicted | confidence |",
        "| --- | --- | --- | ---: |",
    ]
    lines += [
        f"| {_cell(p.text)} | {p.gold_intent} | {p.predicted_intent} | {p.confidence:.3f} |"
        for p in sorted(intent_errors, key=lambda p: (p.gold_intent, p.predicted_intent))
    ]
    lines += [
        "",
        f"## Entity errors ({len(entity_errors)})",
        "",
        "| text | gold intent | missed (gold, not predicted) | spurious (predicted, not gold) |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_cell(p.text)} | {p.gold_intent} | {_cell(_pairs(p.missed_entities))} "
        f"| {_cell(_pairs(p.spurious_entities))} |"
        for p in entity_errors
    ]
    lines += [
        "",
        f"## Reply language errors ({len(language_errors)})",
        "",
        "| text | expected | chosen |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {_cell(p.text)} | {p.expected_reply_language} | {p.reply_language or 'keep'} |"
        for p in language_errors
    ]
    return "\n".join(lines) + "\n"


def write_errors(path: Path, title: str, predictions: Sequence[Prediction]) -> None:
    """Writes `errors_markdown` to a file.

    Args:
        path: The output file.
        title: The heading.
        predictions: The evaluated messages.
    """
    path.write_text(errors_markdown(title, predictions), encoding="utf-8")


def plot_confusion_matrix(path: Path, title: str, predictions: Sequence[Prediction]) -> None:
    """Draws the intent confusion matrix (gold rows, predicted columns) as a PNG.

    Args:
        path: The output file.
        title: The plot title, e.g. `eval-ru`.
        predictions: The evaluated messages.
    """
    # Imported here, so that importing this module neither loads nor configures matplotlib.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    gold = [p.gold_intent for p in predictions]
    predicted = [p.predicted_intent for p in predictions]
    labels = sorted(set(gold) | set(predicted))
    matrix = confusion_matrix(gold, predicted, labels=labels)
    size = max(6.0, 0.55 * len(labels) + 3.0)
    figure, axes = plt.subplots(figsize=(size, size * 0.9))
    axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels=labels, rotation=60, ha="right", fontsize=10)
    axes.set_yticks(range(len(labels)), labels=labels, fontsize=10)
    axes.set_xlabel("predicted intent", fontsize=11)
    axes.set_ylabel("gold intent", fontsize=11)
    correct = sum(p.intent_correct for p in predictions)
    axes.set_title(f"{title}: {correct}/{len(predictions)} intents correct", fontsize=12, pad=12)
    threshold = matrix.max() / 2 if matrix.size else 0
    for row, column in zip(*matrix.nonzero(), strict=True):
        count = matrix[row, column]
        axes.text(
            column,
            row,
            str(count),
            ha="center",
            va="center",
            fontsize=9,
            color="white" if count > threshold else "black",
        )
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
