"""`bot.nlu.language.component`: the LanguageDetector component in the Rasa pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.language import (
    LANGUAGE_DETECTION_PROPERTY,
    REASON_AMBIGUOUS,
    REASON_EXPLICIT_REQUEST,
    REASON_SCRIPT,
    REASON_UNSUPPORTED,
    LanguageDetector,
)


@pytest.fixture
def detector(tmp_path: Path) -> LanguageDetector:
    return LanguageDetector.create(
        LanguageDetector.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("language_detector"),
        ExecutionContext(GraphSchema({}), "1"),
    )


def parsed_message(
    text: str,
    intent: str = "ask_projects",
    entities: list[dict] | None = None,
    ranking: list[dict] | None = None,
) -> Message:
    """A message as the earlier pipeline components (DIET, FallbackClassifier) leave it."""
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.9}, add_to_output=True)
    message.set(
        "intent_ranking",
        ranking or [{"name": intent, "confidence": 0.9}, {"name": "greet", "confidence": 0.1}],
        add_to_output=True,
    )
    message.set("entities", entities or [], add_to_output=True)
    return message


def entities_of_type(message: Message, entity_type: str) -> list[dict]:
    return [entity for entity in message.get("entities") if entity["entity"] == entity_type]


def test_component_sets_the_language_entity(detector: LanguageDetector) -> None:
    text = "где офис?"
    [message] = detector.process([parsed_message(text)])

    assert entities_of_type(message, "language") == [
        {
            "entity": "language",
            "value": "ru",
            "start": 0,
            "end": len(text),
            "confidence_entity": 1.0,
            "extractor": "LanguageDetector",
        }
    ]
    assert message.get("intent")["name"] == "ask_projects"
    assert message.get(LANGUAGE_DETECTION_PROPERTY) == {
        "reply_language": "ru",
        "detected": "ru",
        "script": "Cyrillic",
        "reason": REASON_SCRIPT,
        "confidence": 1.0,
    }
    output = message.as_dict(only_output_properties=True)
    assert output[LANGUAGE_DETECTION_PROPERTY]["reply_language"] == "ru"
    assert output["entities"] == message.get("entities")


def test_component_replaces_language_entities_of_earlier_extractors(
    detector: LanguageDetector,
) -> None:
    diet_language = {"entity": "language", "value": "en", "start": 0, "end": 2,
                     "extractor": "DIETClassifier"}  # fmt: skip
    [message] = detector.process([parsed_message("你好", entities=[diet_language])])

    languages = entities_of_type(message, "language")
    assert [(entity["value"], entity["extractor"]) for entity in languages] == [
        ("zh", "LanguageDetector")
    ]


def test_component_keeps_the_language_for_a_project_name(detector: LanguageDetector) -> None:
    project = {"entity": "project", "value": "sco-plaza-area", "start": 0, "end": 9,
               "extractor": "DIETClassifier"}  # fmt: skip
    stray_language = {"entity": "language", "value": "en", "start": 0, "end": 3,
                      "extractor": "DIETClassifier"}  # fmt: skip
    [message] = detector.process([parsed_message("SCO Plaza", entities=[project, stray_language])])

    assert message.get("entities") == [project]
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["reason"] == REASON_AMBIGUOUS
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["reply_language"] is None


def test_component_ignores_the_project_entity_inside_a_sentence(
    detector: LanguageDetector,
) -> None:
    text = "Tell me about 上合广场"
    project = {"entity": "project", "value": "sco-plaza-area", "start": 14, "end": 18}
    [with_entity] = detector.process([parsed_message(text, entities=[project])])
    [without_entity] = detector.process([parsed_message(text)])

    assert entities_of_type(with_entity, "language")[0]["value"] == "en"
    assert entities_of_type(without_entity, "language")[0]["value"] == "zh"


def test_component_predicts_fallback_for_an_unsupported_language(
    detector: LanguageDetector,
) -> None:
    text = "سلام، می‌خواهم درباره پروژه‌های سرمایه‌گذاری بدانم"
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.3},  # from FallbackClassifier
        {"name": "ask_projects", "confidence": 0.2},
        {"name": "greet", "confidence": 0.1},
    ]
    [message] = detector.process([parsed_message(text, ranking=ranking)])

    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert message.get("intent_ranking") == [
        {"name": "nlu_fallback", "confidence": 1.0},
        {"name": "ask_projects", "confidence": 0.2},
        {"name": "greet", "confidence": 0.1},
    ]
    assert [entity["value"] for entity in entities_of_type(message, "language")] == ["en"]
    assert [entity["value"] for entity in entities_of_type(message, "unsupported_language")] == [
        "fa"
    ]
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["reason"] == REASON_UNSUPPORTED
    output = message.as_dict(only_output_properties=True)
    assert output["intent"]["name"] == "nlu_fallback"


def test_component_marks_the_mention_of_an_explicit_request(detector: LanguageDetector) -> None:
    [message] = detector.process([parsed_message("请用英文回答", intent="change_language")])

    [entity] = entities_of_type(message, "language")
    assert (entity["value"], entity["start"], entity["end"]) == ("en", 2, 4)
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["detected"] == "zh"
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["reason"] == REASON_EXPLICIT_REQUEST
    assert message.get("intent")["name"] == "change_language"


@pytest.mark.parametrize(
    ("text", "language", "span", "expected"),
    [
        ("需要俄语翻译", "ru", (2, 4), "zh"),
        ("Нужен переводчик на английский, пожалуйста", "en", (20, 30), "ru"),
        ("Do you have Russian translators?", "ru", (12, 19), "en"),
    ],
)
def test_component_ignores_the_language_of_a_translation_service(
    detector: LanguageDetector, text: str, language: str, span: tuple[int, int], expected: str
) -> None:
    # Even when DIET takes the message for `change_language` and tags the language name.
    diet_language = {"entity": "language", "value": language, "start": span[0], "end": span[1],
                     "confidence_entity": 0.9, "extractor": "DIETClassifier"}  # fmt: skip
    [message] = detector.process(
        [parsed_message(text, intent="change_language", entities=[diet_language])]
    )

    [entity] = entities_of_type(message, "language")
    assert (entity["value"], entity["start"], entity["end"]) == (expected, 0, len(text))
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["reason"] != REASON_EXPLICIT_REQUEST


def test_component_ignores_diet_language_that_the_message_refuses(
    detector: LanguageDetector,
) -> None:
    text = "No English please"
    diet_language = {"entity": "language", "value": "en", "start": 3, "end": 10,
                     "confidence_entity": 0.9, "extractor": "DIETClassifier"}  # fmt: skip
    [message] = detector.process(
        [parsed_message(text, intent="change_language", entities=[diet_language])]
    )

    assert entities_of_type(message, "language") == []
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["reason"] == REASON_AMBIGUOUS


def test_component_sets_no_language_for_a_name_alone(detector: LanguageDetector) -> None:
    [message] = detector.process([parsed_message("Muhammad Ali Khan", intent="leave_contact")])

    assert entities_of_type(message, "language") == []
    assert entities_of_type(message, "unsupported_language") == []
    assert message.get("intent")["name"] == "leave_contact"
    assert message.get(LANGUAGE_DETECTION_PROPERTY)["reason"] == REASON_AMBIGUOUS


def test_component_honours_diet_language_for_change_language(
    detector: LanguageDetector,
) -> None:
    text = "Можно сменить язык на мандаринский?"  # no pattern matches this wording
    diet_language = {"entity": "language", "value": "zh", "start": 22, "end": 34,
                     "confidence_entity": 0.87, "extractor": "DIETClassifier"}  # fmt: skip
    [as_request] = detector.process(
        [parsed_message(text, intent="change_language", entities=[dict(diet_language)])]
    )
    [as_other] = detector.process(
        [parsed_message(text, intent="ask_projects", entities=[dict(diet_language)])]
    )

    [entity] = entities_of_type(as_request, "language")
    assert (entity["value"], entity["start"], entity["end"]) == ("zh", 22, 34)
    assert entity["extractor"] == "LanguageDetector"
    assert as_request.get(LANGUAGE_DETECTION_PROPERTY)["reason"] == REASON_EXPLICIT_REQUEST
    assert [entity["value"] for entity in entities_of_type(as_other, "language")] == ["ru"]


def test_component_skips_messages_without_text(detector: LanguageDetector) -> None:
    message = Message(data={"action_name": "action_listen"})
    detector.process([message])

    assert message.get("entities") is None
    assert message.get(LANGUAGE_DETECTION_PROPERTY) is None


def test_component_leaves_training_data_unchanged(detector: LanguageDetector) -> None:
    example = Message(data={"text": "где офис?", "intent": "ask_office", "entities": []})
    training_data = TrainingData([example])

    assert detector.process_training_data(training_data) is training_data
    assert example.get("entities") == []
    assert LANGUAGE_DETECTION_PROPERTY not in example.data


def test_component_is_registered_for_the_default_recipe() -> None:
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    registered = DefaultV1Recipe._from_registry("LanguageDetector")
    assert registered.clazz is LanguageDetector
    assert registered.types == {DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR}
    assert registered.is_trainable is False
    assert LanguageDetector.required_packages() == ["langdetect", "regex"]
