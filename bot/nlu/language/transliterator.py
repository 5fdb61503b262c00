"""TurkicLatinTransliterator: Latin-script Uzbek and Kazakh handed to the NLU in Cyrillic.

First in the NLU pipeline, before the tokenizer. A message that `identify_turkic_latin`
recognises is rewritten in Cyrillic for the tokenizer, featurizers, classifier and
entity extractor, which learned these languages in Cyrillic; the original is kept in the
`turkic_latin` property, and `LanguageDetector` (last) decides the reply language on it
and puts it back as the message's text.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.language.turkic_latin import identify_turkic_latin, to_cyrillic

#: Property set on a rewritten message: {"language", "original", "cyrillic"}.
TURKIC_LATIN_PROPERTY = "turkic_latin"


def original_text(message: Message) -> str | None:
    """The text as the visitor wrote it, when this component rewrote it; else None."""
    rewritten = message.get(TURKIC_LATIN_PROPERTY)
    return rewritten.get("original") if isinstance(rewritten, dict) else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class TurkicLatinTransliterator(GraphComponent):
    """Rewrites Latin-script Uzbek and Kazakh messages in Cyrillic for the NLU."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Returns the component's default config."""
        return {}

    @staticmethod
    def required_packages() -> list[str]:
        """Any extra python dependencies required for this component to run."""
        return ["regex", "yaml"]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TurkicLatinTransliterator:
        """Creates the component (see parent class for full docstring)."""
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leaves training data unchanged: it is written in Cyrillic."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Rewrites each Latin-script Uzbek or Kazakh message in Cyrillic.

        Args:
            messages: Incoming messages, before tokenization.

        Returns:
            The same messages.
        """
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            language = identify_turkic_latin(text)
            if language is None:
                continue
            cyrillic = to_cyrillic(text, language)
            message.set(TEXT, cyrillic)
            message.set(
                TURKIC_LATIN_PROPERTY,
                {"language": language, "original": text, "cyrillic": cyrillic},
                add_to_output=True,
            )
        return messages
