"""Typed `/intent{...}` commands: only the payloads the bot itself offers go through.

Rasa reads a message that starts with "/" as an intent with entities and skips the NLU,
so a visitor could type `/restart`, or set a slot with `/leave_contact{"language": "xx"}`.
`screen_command` lets a command through only when it is one of the bot's button
payloads (`PAYLOADS`: an intent with the entities its buttons carry, read from the
buttons of `domain.yml` and from `CODE_PAYLOADS`, each value checked by `ENTITY_VALUES`)
and sets no slot that only the bot may set. Any other command is read as plain text: the
leading slash is removed, so the NLU understands the words and the visitor gets an answer.
A button added to `domain.yml` is offered with no change here.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.domain_file import read_domain, response_payloads
from bot.server.channels.validation import is_language
from hub_vocabulary import DISTRICTS, SECTORS, SERVICE_TYPES, TOPICS

logger = logging.getLogger(__name__)

COMMAND_PREFIX = "/"
COMMAND = re.compile(r"/(?P<intent>[a-z_]+)\s*(?P<entities>\{.*\})?", re.DOTALL)
#: "Every sector/district" in the "All projects" button.
ANY_VALUE = "any"
PROJECT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGE_SLOT = "language"
#: Slots that only the bot sets; no payload may fill them.
PROTECTED_SLOTS = frozenset({"handoff_requested", "lead_id", "shown_projects"})
PROTECTED_SLOT_PREFIXES = ("lead_", "discussed_")

ValueCheck = Callable[[str], bool]


def _one_of(*codes: Iterable[str]) -> ValueCheck:
    allowed = frozenset(code for group in codes for code in group)
    return allowed.__contains__


def _is_project_id(value: str) -> bool:
    return PROJECT_ID.fullmatch(value) is not None


#: The values a payload's entity may take, by entity: a button of the domain or of the
#: actions whose entity has no check here fails at import.
ENTITY_VALUES: dict[str, ValueCheck] = {
    "sector": _one_of(SECTORS, [ANY_VALUE]),
    "district": _one_of(DISTRICTS, [ANY_VALUE]),
    "project": _is_project_id,
    "service": _one_of(SERVICE_TYPES),
    "topic": _one_of(TOPICS),
    "language": is_language,
}
#: The payloads sent by code rather than by the domain's buttons (entity values are not
#: read: `ENTITY_VALUES` checks them).
CODE_PAYLOADS = (
    # The website's widget and Telegram's /start open a conversation with it.
    "/greet",
    # The service buttons of actions/services.py.
    '/ask_service{"service": ""}',
    # No button: a command that switches the reply language.
    '/change_language{"language": ""}',
)


def is_protected_slot(slot: str) -> bool:
    """Whether a slot is one that only the bot may set (lead details, handoff, ...)."""
    return slot in PROTECTED_SLOTS or slot.startswith(PROTECTED_SLOT_PREFIXES)


def slots_filled_by_entities(slots: Iterable[Any]) -> dict[str, frozenset[str]]:
    """Which slots each entity fills, from the `from_entity` mappings of the domain's slots.

    Args:
        slots: Rasa's `Slot` objects (anything with `name` and `mappings`).
    """
    filled: dict[str, set[str]] = {}
    for slot in slots:
        for mapping in slot.mappings or []:
            if mapping.get("type") == "from_entity" and mapping.get("entity"):
                filled.setdefault(mapping["entity"], set()).add(slot.name)
    return {entity: frozenset(names) for entity, names in filled.items()}


def refusal(
    intent: str,
    entities: Mapping[str, object],
    entity_slots: Mapping[str, frozenset[str]] | None = None,
) -> str | None:
    """Why a command is not one of the bot's payloads, or None when it is.

    Args:
        intent: The command's intent.
        entities: The command's entities.
        entity_slots: The slots each entity fills (`slots_filled_by_entities`); an entity
            is always taken to fill the slot of its own name as well.
    """
    allowed = PAYLOADS.get(intent)
    if allowed is None:
        return f"intent {intent!r} is no payload"
    for entity, value in entities.items():
        if entity not in allowed:
            return f"entity {entity!r} is not offered with {intent!r}"
        if not isinstance(value, str) or not allowed[entity](value):
            return f"value of {entity!r} is not offered"
        slots = {entity, *(entity_slots or {}).get(entity, ())}
        if any(is_protected_slot(slot) for slot in slots):
            return f"entity {entity!r} would set a protected slot"
        if LANGUAGE_SLOT in slots and not is_language(value):
            return "unknown language code"
    return None


def parse_command(text: str) -> tuple[str, dict[str, object]] | None:
    """The intent and entities of a command (`/intent` or `/intent{...}`), or None."""
    match = COMMAND.fullmatch(text)
    if match is None:
        return None
    try:
        entities = json.loads(match.group("entities") or "{}")
    except ValueError:
        return None
    if not isinstance(entities, dict):
        return None
    return match.group("intent"), entities


def offered_payloads(payloads: Iterable[str]) -> dict[str, dict[str, ValueCheck]]:
    """Each payload's intent, with the entities it carries and the check of their values.

    Args:
        payloads: Commands as the bot sends them (`/intent` or `/intent{...}`).

    Raises:
        ValueError: If a payload is no command, or carries an entity without a check in
            `ENTITY_VALUES`.
    """
    offered: dict[str, dict[str, ValueCheck]] = {}
    for payload in payloads:
        command = parse_command(payload)
        if command is None:
            raise ValueError(f"the payload {payload!r} is no command")
        intent, entities = command
        checks = offered.setdefault(intent, {})
        for entity in entities:
            if entity not in ENTITY_VALUES:
                raise ValueError(f"the payload {payload!r} carries {entity!r}, which has no check")
            checks[entity] = ENTITY_VALUES[entity]
    return offered


#: The payloads the bot offers (the domain's buttons and `CODE_PAYLOADS`): each intent
#: with the entities its payloads may carry and a check of their values.
PAYLOADS = offered_payloads([*response_payloads(read_domain()), *CODE_PAYLOADS])


def screen_command(text: str, entity_slots: Mapping[str, frozenset[str]] | None = None) -> str:
    """The text to hand to Rasa: an offered payload in its canonical form, else plain text.

    Args:
        text: The visitor's message.
        entity_slots: The slots each entity fills (`slots_filled_by_entities`).

    Returns:
        The message unchanged when it is no command; an offered payload written as the
        bot writes it (`/intent{"entity": "value"}`); any other command without its
        leading slashes, so that the NLU reads it as words.
    """
    stripped = text.strip()
    if not stripped.startswith(COMMAND_PREFIX):
        return text
    command = parse_command(stripped)
    if command is None:
        reason: str | None = "not a command's form"
    else:
        intent, entities = command
        reason = refusal(intent, entities, entity_slots)
        if reason is None:
            arguments = json.dumps(entities, ensure_ascii=False) if entities else ""
            return f"{COMMAND_PREFIX}{intent}{arguments}"
    logger.info("Command read as text (%s): %.80r", reason, stripped)
    return stripped.lstrip(COMMAND_PREFIX).strip()
