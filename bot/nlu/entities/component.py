"""VocabularyEntityExtractor: the Rasa component that finds entities with the lexicon.

It runs after the intent classifiers, so it can keep only the entity types that the
intent uses (its `lexicon_entities` in `domain.yml`: a "first" means a position in a list
only when the visitor asks about a project) and choose between a sector and a service of
the same name ("logistics"). It also reads a message that is nothing but a position in a
list ("the second one", "no. 4") as a question about that project, whatever the
classifier said. Entities that an earlier extractor found are mapped to their codes too;
a value that maps to no code is logged and dropped.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
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
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.domain_file import lexicon_entities, read_domain
from bot.nlu.entities.catalogue_names import CatalogueNames, catalogue_page_reader
from bot.nlu.entities.corrections import without_negated
from bot.nlu.entities.intents import Reading, overruled_intent
from bot.nlu.entities.two_requests import read_two_requests
from bot.settings import load_bot_settings
from hub_lexicon.lexicon import ENTITY_TYPES, read_lexicon
from hub_lexicon.normaliser import EntityMatch, EntityNormaliser, default_normaliser
from hub_vocabulary import SITE_SECTOR

logger = logging.getLogger(__name__)

#: Entity types kept for an intent, as the intent's `lexicon_entities` in `domain.yml`
#: say; an intent that does not say keeps `DEFAULT_ENTITY_TYPES`.
ENTITY_TYPES_BY_INTENT: dict[str, tuple[str, ...]] = lexicon_entities(read_domain())
DEFAULT_ENTITY_TYPES = ("sector", "district", "service", "project")
#: Types whose codes overlap: a "logistics" service asked in a search is the sector.
INTERCHANGEABLE_TYPES = (("sector", "service"), ("service", "sector"))


#: Intents that take a project: a message naming a project the model never saw (one staff
#: added, learnt from the catalogue) with any other intent asks about that project. A hub
#: question does not count: "介绍一下<a new name>" reads as one, and the name is a project.
PROJECT_INTENTS = frozenset(
    intent for intent, types in ENTITY_TYPES_BY_INTENT.items() if "project" in types
) - {"search_projects", "ask_hub_info"}


def top_intent(message: Message) -> str | None:
    """The message's intent; for `nlu_fallback`, the best intent the model ranked."""
    intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    if intent != DEFAULT_NLU_FALLBACK_INTENT_NAME:
        return intent
    for ranked in message.get(INTENT_RANKING_KEY) or []:
        if ranked.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME:
            return ranked.get(INTENT_NAME_KEY)
    return None


def select_entities(
    matches: list[EntityMatch], intent: str | None, normaliser: EntityNormaliser
) -> list[EntityMatch]:
    """Keeps the matches whose type the intent uses, converting interchangeable types.

    Args:
        matches: Everything the lexicon found in the message.
        intent: The message's intent.
        normaliser: Knows which codes each entity type has.

    Returns:
        The entities to set, one per span and type.
    """
    allowed = ENTITY_TYPES_BY_INTENT.get(intent or "", DEFAULT_ENTITY_TYPES)
    selected: dict[tuple[int, int, str], EntityMatch] = {}
    for match in matches:
        entity = match.entity
        if entity not in allowed:
            entity = next(
                (
                    target
                    for source, target in INTERCHANGEABLE_TYPES
                    if source == match.entity
                    and target in allowed
                    and match.value in normaliser.codes(target)
                ),
                "",
            )
        if entity:
            key = (match.start, match.end, entity)
            selected.setdefault(key, EntityMatch(entity, match.value, *key[:2], match.text))
    return list(selected.values())


def without_site_sector(found: list[EntityMatch]) -> list[EntityMatch]:
    """The entities without the "industrial park" sector when another sector is named too.

    "logistic parks" asks for logistics: a search has one sector, and every logistics
    project is a park as well.
    """
    sectors = {match.value for match in found if match.entity == "sector"}
    if SITE_SECTOR not in sectors or len(sectors) < 2:
        return found
    return [m for m in found if not (m.entity == "sector" and m.value == SITE_SECTOR)]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class VocabularyEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Sets sector, service, district, project, topic and ordinal entities as codes."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Returns the component's default config."""
        return {}

    @staticmethod
    def required_packages() -> list[str]:
        """Any extra python dependencies required for this component to run."""
        return ["pymorphy3", "snowballstemmer", "rapidfuzz", "opencc", "regex"]

    def __init__(self, normaliser: EntityNormaliser) -> None:
        """Creates the component around a normaliser."""
        self._normaliser = normaliser
        #: The projects of the lexicon, which the model was trained on.
        self._seen_projects = normaliser.codes("project")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> VocabularyEntityExtractor:
        """Creates the component with the project's lexicon.

        With `CATALOGUE_API_URL` set it also learns the catalogue's project names, read again
        every `CATALOGUE_NAMES_REFRESH_SECONDS` in a background thread.
        """
        component = cls(default_normaliser())
        settings = load_bot_settings()
        if settings.catalogue_api_url:
            CatalogueNames(
                read_lexicon(),
                catalogue_page_reader(
                    settings.catalogue_api_url, settings.catalogue_names_timeout_seconds
                ),
                settings.catalogue_names_refresh_seconds,
                component.use_normaliser,
            ).start()
        return component

    def use_normaliser(self, normaliser: EntityNormaliser) -> None:
        """Finds entities with `normaliser` from now on (the catalogue's names changed)."""
        self._normaliser = normaliser

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to learn: the lexicon is the model."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Replaces the messages' vocabulary entities by the codes the lexicon finds."""
        for message in messages:
            self._process(message)
        return messages

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if text.startswith("/"):
            return  # a button's payload names its entities itself
        kept, earlier = self._normalised_earlier_entities(message)
        matches = [
            match
            for match in self._normaliser.find(text)
            if not any(match.start < other.end and other.start < match.end for other in earlier)
        ]
        matches, negated = without_negated(text, matches)
        earlier, _ = without_negated(text, earlier)
        classified = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        confidence = float((message.get(INTENT) or {}).get("confidence") or 0.0)
        reading = Reading(
            text, classified, matches, self._seen_projects, PROJECT_INTENTS, confidence, negated
        )
        overruled = overruled_intent(reading)
        if overruled is not None:
            message.set(INTENT, {INTENT_NAME_KEY: overruled, "confidence": 1.0}, True)
        intent = top_intent(message)
        found = without_site_sector(select_entities([*earlier, *matches], intent, self._normaliser))
        read_as, found = read_two_requests(text, intent, matches, found)
        if read_as != intent:
            message.set(INTENT, {INTENT_NAME_KEY: read_as, "confidence": 1.0}, True)
        entities = kept + [
            {
                ENTITY_ATTRIBUTE_TYPE: match.entity,
                ENTITY_ATTRIBUTE_VALUE: match.value,
                ENTITY_ATTRIBUTE_START: match.start,
                ENTITY_ATTRIBUTE_END: match.end,
                "text": match.text,
                "confidence_entity": 1.0,
                EXTRACTOR: self.__class__.__name__,
            }
            for match in found
        ]
        message.set(ENTITIES, entities, add_to_output=True)

    def _normalised_earlier_entities(
        self, message: Message
    ) -> tuple[list[dict[str, Any]], list[EntityMatch]]:
        """Entities set before this component: other types kept, vocabulary ones mapped."""
        kept: list[dict[str, Any]] = []
        mapped: list[EntityMatch] = []
        text = message.get(TEXT) or ""
        for entity in message.get(ENTITIES) or []:
            entity_type = entity.get(ENTITY_ATTRIBUTE_TYPE)
            if entity_type not in ENTITY_TYPES:
                kept.append(entity)
                continue
            start, end = entity.get(ENTITY_ATTRIBUTE_START, 0), entity.get(ENTITY_ATTRIBUTE_END, 0)
            span = text[start:end] or str(entity.get(ENTITY_ATTRIBUTE_VALUE, ""))
            code = self._normaliser.normalise(entity_type, str(entity.get(ENTITY_ATTRIBUTE_VALUE)))
            code = code or self._normaliser.normalise(entity_type, span)
            if code is None:
                logger.info("Dropped %s entity %r: it names no code.", entity_type, span)
                continue
            mapped.append(EntityMatch(entity_type, code, start, end, span))
        return kept, mapped
