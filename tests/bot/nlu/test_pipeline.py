"""Checks that Rasa accepts both custom components in an NLU pipeline (no training)."""

from __future__ import annotations

import copy

import pytest
from rasa.engine import validation
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.data import TrainingType

from bot.nlu.language import LanguageDetector
from bot.nlu.tokenizer import MultilingualTokenizer

PIPELINE = [
    {"name": "bot.nlu.tokenizer.MultilingualTokenizer"},
    {"name": "CountVectorsFeaturizer"},
    {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
    {"name": "DIETClassifier", "epochs": 1},
    {"name": "EntitySynonymMapper"},
    {"name": "FallbackClassifier", "threshold": 0.6},
    {"name": "bot.nlu.language.LanguageDetector"},
]


@pytest.fixture(scope="module")
def model_configuration() -> object:
    config = {"recipe": "default.v1", "language": "en", "pipeline": copy.deepcopy(PIPELINE)}
    return DefaultV1Recipe().graph_config_for_recipe(
        config, cli_parameters={}, training_type=TrainingType.NLU
    )


def test_rasa_validates_the_pipeline(model_configuration: object) -> None:
    validation.validate(model_configuration)  # raises on a bad signature or type hint


def test_tokenizer_runs_at_training_and_inference(model_configuration: object) -> None:
    train_nodes = model_configuration.train_schema.nodes
    predict_nodes = model_configuration.predict_schema.nodes

    tokenizer_node = "run_bot.nlu.tokenizer.MultilingualTokenizer0"
    assert train_nodes[tokenizer_node].uses is MultilingualTokenizer
    assert predict_nodes[tokenizer_node].uses is MultilingualTokenizer


def test_language_detector_runs_last_and_only_at_inference(model_configuration: object) -> None:
    predict_schema = model_configuration.predict_schema
    detector_node = "run_bot.nlu.language.LanguageDetector6"

    assert predict_schema.nodes[detector_node].uses is LanguageDetector
    assert predict_schema.nodes[detector_node].needs == {"messages": "run_FallbackClassifier5"}
    # Only Rasa's handler of "/intent{...}" payloads comes after it.
    assert predict_schema.nodes[model_configuration.nlu_target].needs["messages"] == detector_node
    assert all(
        node.uses is not LanguageDetector
        for node in model_configuration.train_schema.nodes.values()
    )
