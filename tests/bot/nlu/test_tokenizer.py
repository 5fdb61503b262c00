"""Tests of the MultilingualTokenizer (jieba for Han runs, words for other scripts)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.nlu.utils import bilou_utils
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.tokenizer import MultilingualTokenizer

CHINESE_NLU_DATA = """
version: "3.1"
nlu:
- intent: ask_projects
  examples: |
    - [胶州](district)有哪些[医疗](sector)项目？
    - 我想了解[上合金融大厦](project)的情况
    - 有没有[medical](sector)项目?
"""


def make_tokenizer(tmp_path: Path, **config: object) -> MultilingualTokenizer:
    return MultilingualTokenizer.create(
        {**MultilingualTokenizer.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("tokenizer"),
        ExecutionContext(GraphSchema({}), "1"),
    )


@pytest.fixture
def tokenizer(tmp_path: Path) -> MultilingualTokenizer:
    return make_tokenizer(tmp_path)


def tokens_of(tokenizer: MultilingualTokenizer, text: str) -> list[tuple[str, int, int]]:
    tokens = tokenizer.tokenize(Message(data={"text": text}), "text")
    for token in tokens:
        assert text[token.start : token.end] == token.text  # offsets point at the token
    return [(token.text, token.start, token.end) for token in tokens]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "上合示范区有哪些医疗项目？",
            [("上合", 0, 2), ("示范区", 2, 5), ("有", 5, 6), ("哪些", 6, 8),
             ("医疗", 8, 10), ("项目", 10, 12)],
        ),
        (
            "Где находится офис в Цзяочжоу?",
            [("Где", 0, 3), ("находится", 4, 13), ("офис", 14, 18), ("в", 19, 20),
             ("Цзяочжоу", 21, 29)],
        ),
        (
            "Hi! I'm looking for a lawyer, please.",
            [("Hi", 0, 2), ("I'm", 4, 7), ("looking", 8, 15), ("for", 16, 19), ("a", 20, 21),
             ("lawyer", 22, 28), ("please", 30, 36)],
        ),
        ("有没有medical项目?", [("有没有", 0, 3), ("medical", 3, 10), ("项目", 10, 12)]),
        (
            "какие projects в Пинду",
            [("какие", 0, 5), ("projects", 6, 14), ("в", 15, 16), ("Пинду", 17, 22)],
        ),
        (
            "我想了解SCO Finance Building项目",
            [("我", 0, 1), ("想", 1, 2), ("了解", 2, 4), ("SCO", 4, 7), ("Finance", 8, 15),
             ("Building", 16, 24), ("项目", 24, 26)],
        ),
    ],
)  # fmt: skip
def test_tokens_and_offsets(
    tokenizer: MultilingualTokenizer, text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert tokens_of(tokenizer, text) == expected


def test_punctuation_whitespace_and_emoji_are_dropped(tokenizer: MultilingualTokenizer) -> None:
    text = "  你好，世界！「项目」…  👍 (ok) — да?!"
    words = [word for word, _, _ in tokens_of(tokenizer, text)]

    assert words == ["你好", "世界", "项目", "ok", "да"]


def test_words_with_inner_punctuation_stay_whole(tokenizer: MultilingualTokenizer) -> None:
    text = "по-английски, ivan.petrov@example.ru, 3.5 COVID-19 MCC17"
    words = [word for word, _, _ in tokens_of(tokenizer, text)]

    assert words == ["по-английски", "ivan.petrov@example.ru", "3.5", "COVID-19", "MCC17"]


def test_text_without_words_becomes_one_token(tokenizer: MultilingualTokenizer) -> None:
    assert tokens_of(tokenizer, " 👍 ") == [("👍", 1, 2)]


def test_process_sets_text_tokens(tokenizer: MultilingualTokenizer) -> None:
    message = Message(data={"text": "请问签证怎么办理"})
    tokenizer.process([message])

    tokens = message.get(TOKENS_NAMES["text"])
    assert "".join(token.text for token in tokens) == "请问签证怎么办理"
    assert [token.start for token in tokens] == sorted(token.start for token in tokens)


def test_chinese_entity_annotations_align_with_tokens(tokenizer: MultilingualTokenizer) -> None:
    training_data = RasaYAMLReader().reads(CHINESE_NLU_DATA)
    tokenizer.process_training_data(training_data)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a misaligned entity raises a warning
        EntityExtractorMixin.check_correct_entity_annotations(training_data)

    first = training_data.training_examples[0]
    tokens = first.get(TOKENS_NAMES["text"])
    tags = bilou_utils.bilou_tags_from_offsets(tokens, bilou_utils.map_message_entities(first))
    assert [token.text for token in tokens] == ["胶州", "有", "哪些", "医疗", "项目"]
    assert tags == ["U-district", "O", "O", "U-sector", "O"]


def test_whitespace_tokenizer_would_misalign_the_same_entities(tmp_path: Path) -> None:
    """Control: without Chinese segmentation, the annotations cannot align."""
    training_data = RasaYAMLReader().reads(CHINESE_NLU_DATA)
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(
        training_data
    )

    with pytest.warns(UserWarning, match="Misaligned entity annotation"):
        EntityExtractorMixin.check_correct_entity_annotations(training_data)


def test_intent_names_are_split_when_configured(tmp_path: Path) -> None:
    splitting = make_tokenizer(tmp_path, intent_tokenization_flag=True, intent_split_symbol="_")
    example = Message(data={"text": "项目", "intent": "ask_project_details"})
    splitting.process_training_data(TrainingData([example]))

    assert [token.text for token in example.get(TOKENS_NAMES["intent"])] == [
        "ask",
        "project",
        "details",
    ]


def test_intent_names_stay_whole_by_default(tokenizer: MultilingualTokenizer) -> None:
    example = Message(data={"text": "项目", "intent": "ask_project_details"})
    tokenizer.process_training_data(TrainingData([example]))

    assert [token.text for token in example.get(TOKENS_NAMES["intent"])] == ["ask_project_details"]


def test_user_dictionary_keeps_project_names_whole(tmp_path: Path) -> None:
    dictionary = tmp_path / "projects.txt"
    dictionary.write_text("上合金融大厦 100 nz\n", encoding="utf-8")
    plain = make_tokenizer(tmp_path)
    with_dictionary = make_tokenizer(tmp_path, dictionary_path=str(dictionary))
    text = "上合金融大厦项目在哪里"

    assert ("上合金融大厦", 0, 6) not in tokens_of(plain, text)
    assert tokens_of(with_dictionary, text)[0] == ("上合金融大厦", 0, 6)


def test_missing_user_dictionary_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        make_tokenizer(tmp_path, dictionary_path=str(tmp_path / "missing.txt"))


def test_segmentation_is_deterministic(tmp_path: Path) -> None:
    text = "首程控股园区基础设施合作项目和现代医药物流产业园项目"
    first = tokens_of(make_tokenizer(tmp_path), text)

    assert all(tokens_of(make_tokenizer(tmp_path), text) == first for _ in range(3))
