"""What `domain.yml` says about intents, read for the NLU and the channels at load time.

The domain is the one place an intent is described. Two of its facts are read here rather
than copied into tables by hand:

* `lexicon_entities`, an intent's own key in `domain.yml`: the entity types the lexicon's
  extractor keeps for the intent (`bot.nlu.entities.component`). An intent without it keeps
  `DEFAULT_ENTITY_TYPES`. (Rasa's `use_entities` is not used for this: it would also
  decide which entities steer the dialogue, and it warns about the types that must not.)
* the payloads of the responses' buttons (`/intent{"entity": "value"}`): the commands a
  visitor may type (`bot.server.channels.payloads`).

The file is the repository's, as for the lexicon (`lexicon/hub_lexicon/lexicon/`): the model is
trained from it, and the server runs from the same checkout.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

DOMAIN_FILE = Path(__file__).resolve().parent.parent / "domain.yml"
#: The key of an intent in `domain.yml` that lists the entity types the NLU keeps for it.
LEXICON_ENTITIES_KEY = "lexicon_entities"
#: Keys of a response's buttons, and of its custom payload, that hold a command.
PAYLOAD_KEY = "payload"
PAYLOAD_KEY_SUFFIX = "_payload"


@functools.cache
def read_domain(path: Path = DOMAIN_FILE) -> Mapping[str, Any]:
    """The domain file as YAML, read once per process."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document if isinstance(document, dict) else {}


def intent_names(domain: Mapping[str, Any]) -> list[str]:
    """The domain's intents, in order, whether written as a name or with properties."""
    return [
        intent if isinstance(intent, str) else next(iter(intent))
        for intent in domain.get("intents") or []
    ]


def lexicon_entities(domain: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The entity types each intent keeps, for the intents that say (`lexicon_entities`).

    Returns:
        E.g. `{"ask_service": ("service", "project"), "change_language": ()}`.
    """
    found: dict[str, tuple[str, ...]] = {}
    for intent in domain.get("intents") or []:
        if not isinstance(intent, dict):
            continue
        for name, properties in intent.items():
            if isinstance(properties, dict) and LEXICON_ENTITIES_KEY in properties:
                found[name] = tuple(properties[LEXICON_ENTITIES_KEY] or ())
    return found


def response_payloads(domain: Mapping[str, Any]) -> list[str]:
    """Every command the domain's responses send: their buttons' and custom payloads.

    The payloads are templates as Rasa fills them: `{{`/`}}` stand for braces, and
    `{project_id}` is left for the action to fill.
    """
    return sorted(
        {
            payload.replace("{{", "{").replace("}}", "}")
            for variants in (domain.get("responses") or {}).values()
            for variant in variants or []
            for payload in _payloads(variant)
        }
    )


def _payloads(node: Any, key: str = "") -> Iterator[str]:
    """The strings under a `payload` or `*_payload` key, anywhere in a response variant."""
    if isinstance(node, str):
        if key == PAYLOAD_KEY or key.endswith(PAYLOAD_KEY_SUFFIX):
            yield node
    elif isinstance(node, dict):
        for child_key, child in node.items():
            yield from _payloads(child, str(child_key))
    elif isinstance(node, list):
        for child in node:
            yield from _payloads(child, key)
