"""The Rasa domain's intents and entities, read from ``domain.yml`` for the review queue.

Staff choose a message's intent and entities from these lists, so a correction always names
something the assistant knows. Rasa reads the domain folder as one domain; so does this
loader: every ``intents`` and ``entities`` list of every file, in file order, each name once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

#: Intents the model predicts but never learns from examples (Rasa's FallbackClassifier).
UNTRAINED_INTENTS = frozenset({"nlu_fallback"})
#: Entities set by the project's language detector, never annotated in training data.
UNANNOTATED_ENTITIES = frozenset({"unsupported_language"})


@dataclass(frozen=True)
class DomainLists:
    """What a correction may name.

    Attributes:
        intents: The domain's intents that training examples can have.
        entities: The domain's entities that training examples can annotate.
    """

    intents: tuple[str, ...]
    entities: tuple[str, ...]


def _names(items: Any) -> list[str]:
    """Names from a domain list: ``- greet`` or ``- greet: {use_entities: []}``."""
    if not isinstance(items, list):
        return []
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            names.extend(name for name in item if isinstance(name, str))
    return names


def read_domain_lists(domain_dir: Path) -> DomainLists:
    """Read the intents and entities of every ``*.yml`` file under ``domain_dir``.

    Args:
        domain_dir: The domain's folder (or a single domain file).

    Returns:
        The lists; empty when the folder is missing or holds no domain.
    """
    files = sorted(domain_dir.rglob("*.yml")) if domain_dir.is_dir() else [domain_dir]
    intents: dict[str, None] = {}
    entities: dict[str, None] = {}
    for path in files:
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            logger.warning("domain file %s not read: %s", path, error)
            continue
        if not isinstance(content, dict):
            continue
        intents.update(dict.fromkeys(_names(content.get("intents"))))
        entities.update(dict.fromkeys(_names(content.get("entities"))))
    if not intents:
        logger.warning("no intents found in the domain at %s (HUB_DOMAIN_DIR)", domain_dir)
    return DomainLists(
        intents=tuple(name for name in intents if name not in UNTRAINED_INTENTS),
        entities=tuple(name for name in entities if name not in UNANNOTATED_ENTITIES),
    )


@lru_cache(maxsize=4)
def domain_lists(domain_dir: Path) -> DomainLists:
    """:func:`read_domain_lists`, once per process and folder."""
    return read_domain_lists(domain_dir)
