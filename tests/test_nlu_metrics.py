"""Unit tests of the NLU evaluation metrics (no model needed)."""

from __future__ import annotations

from collections import Counter

import pytest

from evaluation.nlu_metrics import (
    Prediction,
    comparable_entities,
    entity_counts,
    intent_macro_f1,
    precision_recall_f1,
    score,
    table_row,
)


def test_language_entity_counts_only_when_the_gold_names_one() -> None:
    parsed = [
        {"entity": "sector", "value": "logistics"},
        {"entity": "language", "value": "ru"},
        {"entity": "unsupported_language", "value": "kk"},
    ]

    assert comparable_entities(parsed, keep_language=False) == Counter({("sector", "logistics"): 1})
    assert comparable_entities(parsed, keep_language=True) == Counter(
        {("sector", "logistics"): 1, ("language", "ru"): 1}
    )


def test_entities_are_compared_as_multisets() -> None:
    gold = Counter({("district", "pingdu"): 2, ("sector", "medical"): 1})
    predicted = Counter({("district", "pingdu"): 1, ("sector", "logistics"): 1})

    assert entity_counts(gold, predicted) == (1, 1, 2)


def test_precision_recall_f1_on_a_fixed_example() -> None:
    predictions = [
        Prediction(
            text="logistics projects in Pingdu",
            gold_intent="search_projects",
            predicted_intent="search_projects",
            confidence=0.9,
            gold_entities=Counter({("sector", "logistics"): 1, ("district", "pingdu"): 1}),
            predicted_entities=Counter({("sector", "logistics"): 1}),
        ),
        Prediction(
            text="need a visa",
            gold_intent="ask_service",
            predicted_intent="ask_service",
            confidence=0.8,
            gold_entities=Counter({("service", "visa"): 1}),
            predicted_entities=Counter({("service", "visa"): 1, ("service", "legal"): 1}),
        ),
    ]

    scores = score(predictions)

    # 2 true positives, 1 false positive (legal), 1 false negative (pingdu).
    assert scores.entity_precision == pytest.approx(2 / 3)
    assert scores.entity_recall == pytest.approx(2 / 3)
    assert scores.entity_f1 == pytest.approx(2 / 3)
    assert scores.intent_accuracy == 1.0


def test_undefined_ratios_are_none() -> None:
    assert precision_recall_f1(0, 0, 0) == (None, None, None)
    assert precision_recall_f1(0, 2, 0) == (0.0, None, None)
    assert precision_recall_f1(0, 1, 1) == (0.0, 0.0, 0.0)


def test_macro_f1_covers_intents_in_gold_or_predicted() -> None:
    gold = ["greet", "greet", "thank", "deny"]
    predicted = ["greet", "thank", "thank", "nlu_fallback"]

    # greet: P=1, R=1/2 -> 2/3; thank: P=1/2, R=1 -> 2/3; deny: 0; nlu_fallback: 0.
    assert intent_macro_f1(gold, predicted) == pytest.approx((2 / 3 + 2 / 3) / 4)


def test_score_counts_fallbacks_and_reply_language() -> None:
    predictions = [
        Prediction(
            "салам", "greet", "greet", 0.9, expected_reply_language="ru", reply_language="ru"
        ),
        Prediction(
            "рахмет",
            "thank",
            "nlu_fallback",
            1.0,
            expected_reply_language="ru",
            reply_language="en",
        ),
        Prediction(
            "ok",
            "affirm",
            "affirm",
            0.9,
            expected_reply_language="ru",
            reply_language="ru",
            kept_language=True,
        ),
    ]

    scores = score(predictions)

    assert scores.fallbacks == 1
    assert scores.reply_language_accuracy == pytest.approx(2 / 3)
    assert scores.reply_language_kept == 1
    assert scores.intent_accuracy == pytest.approx(2 / 3)
    assert scores.entity_recall is None
    assert not scores.meets_target


def test_table_row_marks_undefined_scores_and_the_target() -> None:
    predictions = [
        Prediction(
            "请用中文",
            "change_language",
            "change_language",
            0.99,
            gold_entities=Counter({("language", "zh"): 1}),
            predicted_entities=Counter({("language", "zh"): 1}),
            expected_reply_language="zh",
            reply_language="zh",
        ),
        Prediction(
            "你好",
            "greet",
            "greet",
            0.97,
            expected_reply_language="zh",
            reply_language="en",
            kept_language=True,
        ),
    ]

    row = table_row("zh", score(predictions))

    assert row == ("| zh | 2 | 100.0 | 1.000 | 100.0 | 100.0 | 100.0 | 0 | 50.0 (1 kept) | PASS |")
