"""Metric helpers for `evaluation/evaluate_nlu.py`; they need no trained model.

Entities are compared per message as multisets of (entity type, canonical value) pairs.
The `unsupported_language` entity is never compared, and `language` only when the gold
message names one (the LanguageDetector adds a `language` entity to almost every message).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sklearn.metrics import f1_score

LANGUAGE_ENTITY = "language"
IGNORED_ENTITIES = frozenset({"unsupported_language"})
FALLBACK_INTENT = "nlu_fallback"
INTENT_ACCURACY_TARGET = 0.95
ENTITY_RECALL_TARGET = 0.90

EntityPair = tuple[str, str]


@dataclass(frozen=True)
class Prediction:
    """One evaluated message: the gold annotation and what the model returned.

    Attributes:
        text: The message text.
        gold_intent: The annotated intent.
        predicted_intent: The intent the model chose (may be `nlu_fallback`).
        confidence: The confidence of the predicted intent.
        gold_entities: The annotated (type, value) pairs.
        predicted_entities: The parsed (type, value) pairs, filtered by `comparable_entities`.
        expected_reply_language: The language the bot should answer in (en, zh or ru).
        reply_language: The reply language: the LanguageDetector's choice, or the
            conversation's language when it kept it.
        kept_language: Whether the detector kept the conversation's language.
    """

    text: str
    gold_intent: str
    predicted_intent: str
    confidence: float
    gold_entities: Counter[EntityPair] = field(default_factory=Counter)
    predicted_entities: Counter[EntityPair] = field(default_factory=Counter)
    expected_reply_language: str | None = None
    reply_language: str | None = None
    kept_language: bool = False

    @property
    def intent_correct(self) -> bool:
        """Whether the predicted intent equals the gold one."""
        return self.predicted_intent == self.gold_intent

    @property
    def missed_entities(self) -> Counter[EntityPair]:
        """Gold pairs the model did not return (false negatives)."""
        return self.gold_entities - self.predicted_entities

    @property
    def spurious_entities(self) -> Counter[EntityPair]:
        """Returned pairs with no gold counterpart (false positives)."""
        return self.predicted_entities - self.gold_entities


@dataclass(frozen=True)
class Scores:
    """The scores of one evaluation set in one language.

    Entity scores are None when undefined (nothing predicted, or nothing annotated).
    `reply_language_kept` counts the messages where the detector kept the conversation's
    language (no decision).
    """

    messages: int
    intent_accuracy: float
    intent_macro_f1: float
    entity_precision: float | None
    entity_recall: float | None
    entity_f1: float | None
    fallbacks: int
    reply_language_accuracy: float | None
    reply_language_kept: int = 0

    @property
    def meets_target(self) -> bool:
        """Whether intent accuracy and entity recall reach their targets."""
        recall_ok = self.entity_recall is None or self.entity_recall >= ENTITY_RECALL_TARGET
        return self.intent_accuracy >= INTENT_ACCURACY_TARGET and recall_ok


def comparable_entities(
    entities: Iterable[Mapping[str, Any]], keep_language: bool
) -> Counter[EntityPair]:
    """Turns Rasa entity dictionaries into the multiset of pairs that is scored.

    Args:
        entities: Entities as Rasa returns or annotates them (`entity` and `value` keys).
        keep_language: Whether `language` entities count (only when the gold has one).

    Returns:
        A Counter of (entity type, value as a string) pairs.
    """
    pairs: Counter[EntityPair] = Counter()
    for entity in entities:
        entity_type = str(entity.get("entity"))
        if entity_type in IGNORED_ENTITIES:
            continue
        if entity_type == LANGUAGE_ENTITY and not keep_language:
            continue
        pairs[(entity_type, str(entity.get("value")))] += 1
    return pairs


def entity_counts(
    gold: Counter[EntityPair], predicted: Counter[EntityPair]
) -> tuple[int, int, int]:
    """Counts true positives, false positives and false negatives for one message.

    Args:
        gold: The annotated pairs.
        predicted: The parsed pairs.

    Returns:
        (true positives, false positives, false negatives).
    """
    true_positives = sum((gold & predicted).values())
    return (
        true_positives,
        sum(predicted.values()) - true_positives,
        sum(gold.values()) - true_positives,
    )


def precision_recall_f1(
    true_positives: int, false_positives: int, false_negatives: int
) -> tuple[float | None, float | None, float | None]:
    """Computes precision, recall and F1 from counts, None where a ratio is 0/0.

    Args:
        true_positives: Pairs both annotated and predicted.
        false_positives: Predicted pairs with no gold counterpart.
        false_negatives: Gold pairs that were not predicted.

    Returns:
        (precision, recall, F1).
    """
    predicted = true_positives + false_positives
    annotated = true_positives + false_negatives
    precision = true_positives / predicted if predicted else None
    recall = true_positives / annotated if annotated else None
    if precision is None or recall is None:
        return precision, recall, None
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def intent_macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro-averaged intent F1 over the intents present in gold or predicted.

    Args:
        gold: The annotated intents.
        predicted: The predicted intents, in the same order.

    Returns:
        The unweighted mean of the per-intent F1 scores (0 for an empty set).
    """
    labels = sorted(set(gold) | set(predicted))
    if not labels:
        return 0.0
    return float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0))


def score(predictions: Sequence[Prediction]) -> Scores:
    """Scores the predictions of one evaluation set in one language.

    Args:
        predictions: The evaluated messages.

    Returns:
        The set's scores.
    """
    gold = [prediction.gold_intent for prediction in predictions]
    predicted = [prediction.predicted_intent for prediction in predictions]
    totals = [0, 0, 0]
    for prediction in predictions:
        counts = entity_counts(prediction.gold_entities, prediction.predicted_entities)
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
    precision, recall, f1 = precision_recall_f1(*totals)
    with_language = [p for p in predictions if p.expected_reply_language is not None]
    reply_accuracy = (
        sum(p.reply_language == p.expected_reply_language for p in with_language)
        / len(with_language)
        if with_language
        else None
    )
    return Scores(
        messages=len(predictions),
        intent_accuracy=(
            sum(p.intent_correct for p in predictions) / len(predictions) if predictions else 0.0
        ),
        intent_macro_f1=intent_macro_f1(gold, predicted),
        entity_precision=precision,
        entity_recall=recall,
        entity_f1=f1,
        fallbacks=predicted.count(FALLBACK_INTENT),
        reply_language_accuracy=reply_accuracy,
        reply_language_kept=sum(p.kept_language for p in with_language),
    )


def percent(value: float | None) -> str:
    """Formats a ratio as a percentage with one decimal, or a dash when undefined."""
    return "-" if value is None else f"{100 * value:.1f}"


TABLE_HEADER = (
    "| language | messages | intent acc. % | intent macro F1 | entity P % | entity R % "
    "| entity F1 % | fallbacks | reply language acc. % | target |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
)


def table_row(language: str, scores: Scores) -> str:
    """Formats one language's scores as a row of `TABLE_HEADER`'s table."""
    kept = f" ({scores.reply_language_kept} kept)" if scores.reply_language_kept else ""
    return (
        f"| {language} | {scores.messages} | {percent(scores.intent_accuracy)} "
        f"| {scores.intent_macro_f1:.3f} | {percent(scores.entity_precision)} "
        f"| {percent(scores.entity_recall)} | {percent(scores.entity_f1)} "
        f"| {scores.fallbacks} | {percent(scores.reply_language_accuracy)}{kept} "
        f"| {'PASS' if scores.meets_target else 'MISS'} |"
    )
