"""Tests of the reply-language decision (package bot.nlu.language) and its Rasa component."""

from __future__ import annotations

import subprocess
import sys
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
    SUPPORTED_LANGUAGES,
    LanguageDecision,
    LanguageDetector,
    count_letters_by_script,
    detect_reply_language,
    find_language_request,
    identify_cyrillic_language,
    langdetect_probabilities,
    normalise_language_value,
    text_without_language_evidence,
)
from bot.nlu.language.latin import ENGLISH_EVIDENCE_WORDS, NAME_PARTICLES, SENTENCE_WORDS
from tests.bot.nlu.language_cases import KEEP, UNSUPPORTED, LanguageCase, load_language_cases

LANGUAGE_CASES = load_language_cases()


def outcome(decision: LanguageDecision) -> str:
    """Maps a decision onto the table's vocabulary: en/zh/ru, keep or unsupported."""
    if decision.is_unsupported:
        return UNSUPPORTED
    return decision.reply_language or KEEP


# --- The table -----------------------------------------------------------------------------


def test_table_is_large_and_covers_every_outcome() -> None:
    outcomes = {case.expected for case in LANGUAGE_CASES}
    assert len(LANGUAGE_CASES) >= 60
    assert outcomes == {"en", "zh", "ru", KEEP, UNSUPPORTED}
    assert sum(case.reason == REASON_EXPLICIT_REQUEST for case in LANGUAGE_CASES) >= 10


@pytest.mark.parametrize("case", LANGUAGE_CASES, ids=lambda case: case.id)
def test_reply_language(case: LanguageCase) -> None:
    decision = detect_reply_language(case.text, case.ignore_spans)

    assert outcome(decision) == case.expected, decision
    if case.detected is not None:
        assert decision.detected == case.detected, decision
    if case.reason is not None:
        assert decision.reason == case.reason, decision


@pytest.mark.parametrize("case", LANGUAGE_CASES, ids=lambda case: case.id)
def test_decision_is_consistent(case: LanguageCase) -> None:
    decision = detect_reply_language(case.text, case.ignore_spans)

    if decision.is_unsupported:
        assert decision.reply_language == "en"
        assert decision.detected
    elif decision.keeps_language:
        assert decision.reason == REASON_AMBIGUOUS
    else:
        assert decision.reply_language in SUPPORTED_LANGUAGES
    assert 0.0 <= decision.confidence <= 1.0
    if decision.mention is not None:
        start, end = decision.mention
        assert normalise_language_value(case.text[start:end]) == decision.reply_language


# --- Determinism ------------------------------------------------------------------------


def test_decisions_are_reproducible() -> None:
    first = [detect_reply_language(case.text, case.ignore_spans) for case in LANGUAGE_CASES]
    for _ in range(2):
        again = [detect_reply_language(case.text, case.ignore_spans) for case in LANGUAGE_CASES]
        assert again == first


def test_decisions_do_not_depend_on_the_global_langdetect_seed() -> None:
    from langdetect import DetectorFactory

    # Cases where langdetect itself decides (Latin-script and long Cyrillic text).
    texts = [
        "Je voudrais en savoir plus sur les projets d'investissement",
        "Здравейте, искам да науча повече за инвестиционните проекти",
        "What services do you offer?",
    ]
    expected = [detect_reply_language(text) for text in texts]
    original_seed = DetectorFactory.seed
    try:
        for seed in (None, 1, 42):
            DetectorFactory.seed = seed
            assert [detect_reply_language(text) for text in texts] == expected
    finally:
        DetectorFactory.seed = original_seed


def test_langdetect_probabilities_are_reproducible() -> None:
    text = "book a meeting"  # short text on which langdetect's sampling matters
    first = langdetect_probabilities(text)
    assert first
    assert all(langdetect_probabilities(text) == first for _ in range(5))


# --- Building blocks ----------------------------------------------------------------------


def test_letters_are_counted_per_script() -> None:
    counts = count_letters_by_script("有没有medical项目? Пинду 123 👍")

    assert counts == {"Han": 5, "Latin": 7, "Cyrillic": 5}


def test_text_without_language_evidence_keeps_offsets() -> None:
    text = "Write to ivan@example.ru or see https://example.com/x, SCO Plaza"
    residual = text_without_language_evidence(text, [(text.index("SCO"), len(text))])

    assert len(residual) == len(text)
    assert residual.split() == ["Write", "to", "or", "see"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("мне нужен юрист", "ru"),
        ("Сәлеметсіз бе", "kk"),
        ("Саламатсызбы, долбоорлор жөнүндө", "ky"),
        ("лойиҳалар ҳақида", "uz"),
        ("Прывітанне, інвестыцыйныя", "be"),
        ("інвестиційні проекти", "uk"),
        ("Здраво, желим да сазнам више о пројектима", "sr"),
        ("Рахмет, түсіндім", "kk"),  # Kazakh і with ү, never Ukrainian
    ],
)
def test_cyrillic_languages_are_reported(text: str, expected: str) -> None:
    assert identify_cyrillic_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请用英文回答", ("en", (2, 4))),
        ("can we continue in Russian?", ("ru", (19, 26))),
        ("по-английски, пожалуйста", ("en", (3, 12))),
        ("Do you have Chinese partners?", None),
        ("I don't speak English", None),
        ("有没有说英语的律师？", None),
        # A refused language is never the one requested; the other one named is.
        ("no english pls, russian", ("ru", (16, 23))),
        ("можно не на английском? на русском", ("ru", (27, 34))),
        ("my English is bad", None),
        ("请不要用英语", None),
        # Languages of a translation service are not requests.
        ("I need an interpreter into Russian, please", None),
        ("Нужен переводчик на английский, пожалуйста", None),
        ("需要俄语翻译", None),
    ],
)
def test_language_requests(text: str, expected: tuple[str, tuple[int, int]] | None) -> None:
    assert find_language_request(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ru", "ru"), ("English", "en"), ("俄语", "ru"), ("китайском", "zh"), ("fr", None), (3, None)],
)
def test_language_entity_values_are_normalised(value: object, expected: str | None) -> None:
    assert normalise_language_value(value) == expected


def test_sentence_words_are_neither_name_particles_nor_english() -> None:
    assert not SENTENCE_WORDS & NAME_PARTICLES
    assert not SENTENCE_WORDS & ENGLISH_EVIDENCE_WORDS


def test_the_decision_does_not_load_rasa() -> None:
    code = "import sys, bot.nlu.language; assert not any(m.startswith('rasa') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[3])


# --- The Rasa component ---------------------------------------------------------------------


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
