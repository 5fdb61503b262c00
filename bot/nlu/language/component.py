"""The LanguageDetector Rasa component: the reply language as a `language` entity.

Placed last in the NLU pipeline, it runs `detect_reply_language` on every message and:

* sets one `language` entity (en/zh/ru) that the domain maps to the `language` slot, or
  none when the text is ambiguous, so the slot keeps its value;
* for a language the assistant does not speak, sets `language` to en, adds an
  `unsupported_language` entity with the detected code and predicts `nlu_fallback`;
* honours a `language` entity from DIET when the intent is `change_language`, unless
  the message refuses that language or names it for a translation service;
* reads an explicit request that the classifier could not place (`nlu_fallback`, e.g.
  "орысша жауап беріңізші") as `change_language`;
* decides on the text as written and puts it back when `TurkicLatinTransliterator`
  rewrote it in Cyrillic for the NLU;
* attaches the diagnostic output property `language_detection`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.language.decision import detect_reply_language
from bot.nlu.language.langdetect_seeded import load_langdetect_profiles
from bot.nlu.language.names import normalise_language_value
from bot.nlu.language.outcome import REASON_EXPLICIT_REQUEST, LanguageDecision
from bot.nlu.language.translation import is_translation_service_language
from bot.nlu.language.transliterator import original_text

# Entities, intents and properties the component reads or writes.
LANGUAGE_ENTITY = "language"
UNSUPPORTED_LANGUAGE_ENTITY = "unsupported_language"
LANGUAGE_DETECTION_PROPERTY = "language_detection"
CHANGE_LANGUAGE_INTENT = "change_language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    """Sets the `language` entity to the reply language (last in the NLU pipeline)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Returns the component's default config."""
        return {
            # Entities whose text says nothing about the language (e.g. a project name
            # typed in another language), so they are left out before detection.
            "ignore_entities": ["project"],
            # Intent whose `language` entity (from DIET) is honoured as a request.
            "change_language_intent": CHANGE_LANGUAGE_INTENT,
        }

    @staticmethod
    def required_packages() -> list[str]:
        """Any extra python dependencies required for this component to run."""
        return ["langdetect", "regex"]

    def __init__(self, config: dict[str, Any]) -> None:
        """Creates the component."""
        self._ignored_entities = frozenset(config.get("ignore_entities") or ())
        self._change_language_intent: str = config["change_language_intent"]
        load_langdetect_profiles()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        """Creates a new component (see parent class for full docstring)."""
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leaves training data unchanged (the component is not trained)."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Adds the reply language to each message as entities, intent and a property.

        Args:
            messages: Messages already processed by the rest of the NLU pipeline.

        Returns:
            The same messages.
        """
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            original = original_text(message)
            if original is not None:
                # Entity offsets point into the Cyrillic rewrite, not into the original.
                message.set(TEXT, original)
                self._process_message(message, original, ignore_entities=False)
            else:
                self._process_message(message, text)
        return messages

    def _process_message(self, message: Message, text: str, ignore_entities: bool = True) -> None:
        entities: list[dict[str, Any]] = list(message.get(ENTITIES) or [])
        ignore_spans = [
            (entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END])
            for entity in entities
            if ignore_entities
            and entity.get(ENTITY_ATTRIBUTE_TYPE) in self._ignored_entities
            and ENTITY_ATTRIBUTE_START in entity
            and ENTITY_ATTRIBUTE_END in entity
        ]
        decision = detect_reply_language(text, ignore_spans)
        if decision.reason != REASON_EXPLICIT_REQUEST:
            decision = self._honour_change_language_intent(message, text, entities, decision)
        elif (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == DEFAULT_NLU_FALLBACK_INTENT_NAME:
            # A request the classifier could not place ("орысша жауап беріңізші").
            _predict_intent(message, self._change_language_intent)

        entities = [
            entity
            for entity in entities
            if entity.get(ENTITY_ATTRIBUTE_TYPE)
            not in (LANGUAGE_ENTITY, UNSUPPORTED_LANGUAGE_ENTITY)
        ]
        if decision.reply_language is not None:
            entities.append(self._entity(LANGUAGE_ENTITY, decision.reply_language, decision, text))
        if decision.is_unsupported:
            entities.append(
                self._entity(UNSUPPORTED_LANGUAGE_ENTITY, decision.detected, decision, text)
            )
            _predict_fallback_intent(message)
        message.set(ENTITIES, entities, add_to_output=True)
        message.set(LANGUAGE_DETECTION_PROPERTY, decision.as_output(), add_to_output=True)

    def _honour_change_language_intent(
        self,
        message: Message,
        text: str,
        entities: Sequence[dict[str, Any]],
        decision: LanguageDecision,
    ) -> LanguageDecision:
        """Uses a `language` entity from DIET when the intent is `change_language`.

        Not a language that the message refuses ("no English please"), nor one named for a
        translation service ("нужен переводчик на английский").
        """
        intent_name = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if not intent_name or intent_name != self._change_language_intent:
            return decision
        for entity in entities:
            if entity.get(ENTITY_ATTRIBUTE_TYPE) != LANGUAGE_ENTITY:
                continue
            requested_language = normalise_language_value(entity.get(ENTITY_ATTRIBUTE_VALUE))
            if requested_language is None or requested_language in decision.refused:
                continue
            mention = None
            if ENTITY_ATTRIBUTE_START in entity and ENTITY_ATTRIBUTE_END in entity:
                mention = (entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END])
            if is_translation_service_language(text, mention):
                continue
            return replace(
                decision,
                reply_language=requested_language,
                reason=REASON_EXPLICIT_REQUEST,
                confidence=float(entity.get(ENTITY_ATTRIBUTE_CONFIDENCE_TYPE) or 1.0),
                mention=mention,
            )
        return decision

    def _entity(
        self, entity_type: str, value: str | None, decision: LanguageDecision, text: str
    ) -> dict[str, Any]:
        start, end = decision.mention or (0, len(text))
        return {
            ENTITY_ATTRIBUTE_TYPE: entity_type,
            ENTITY_ATTRIBUTE_VALUE: value,
            ENTITY_ATTRIBUTE_START: start,
            ENTITY_ATTRIBUTE_END: end,
            ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: round(decision.confidence, 4),
            EXTRACTOR: self.name,
        }


def _predict_fallback_intent(message: Message) -> None:
    """Makes `nlu_fallback` the message's intent, on top of a consistent ranking."""
    _predict_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME)


def _predict_intent(message: Message, intent_name: str) -> None:
    """Makes an intent the message's, with confidence 1, on top of a consistent ranking."""
    predicted = {INTENT_NAME_KEY: intent_name, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [
        dict(intent)
        for intent in message.get(INTENT_RANKING_KEY) or []
        if intent.get(INTENT_NAME_KEY) not in (intent_name, DEFAULT_NLU_FALLBACK_INTENT_NAME)
    ]
    message.set(INTENT, dict(predicted), add_to_output=True)
    message.set(INTENT_RANKING_KEY, [predicted, *ranking], add_to_output=True)
