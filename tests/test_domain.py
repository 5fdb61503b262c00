"""The domain keeps its promises: every response in every language, and actions agree."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor

from bot.domain_file import intent_names

REPO_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"en", "zh", "ru"}
CONTRACT_INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "help",
    "search_projects",
    "project_details",
    "ask_service",
    "ask_contact",
    "ask_hub_info",
    "request_human",
    "leave_contact",
    "change_language",
    "out_of_scope",
    "nlu_fallback",
}
CONTRACT_ENTITIES = {"service", "sector", "district", "project", "language"}


def load_domain() -> dict:
    """The domain as Rasa reads it: the top-level `domain.yml`."""
    return yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))


DOMAIN = load_domain()
RESPONSES = DOMAIN["responses"]


def variant_language(variant: dict) -> str | None:
    for condition in variant.get("condition", []):
        if condition.get("name") == "language":
            return condition.get("value")
    return None


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def referenced_responses() -> set[str]:
    """Responses the code names: whole ("utter_x") or by prefix (f"utter_x_{code}")."""
    pattern = re.compile(r"\"(utter_\w+)\"")
    prefix_pattern = re.compile(r"f\"(utter_\w+_)\{")
    sources = [
        path.read_text(encoding="utf-8")
        for folder in ("actions", "bot/server/channels")
        for path in (REPO_ROOT / folder).glob("*.py")
    ]
    names = {name for source in sources for name in pattern.findall(source)}
    prefixes = tuple(prefix for source in sources for prefix in prefix_pattern.findall(source))
    by_prefix = {name for name in RESPONSES if prefixes and name.startswith(prefixes)}
    # "utter_action": the key of a bot event's metadata that names its response.
    return (names | by_prefix) - {"utter_action"}


def test_button_payloads_with_entities_escape_their_braces():
    # Rasa formats responses with str.format: a JSON payload needs {{ }} to survive.
    payloads = [
        button["payload"]
        for variants in RESPONSES.values()
        for variant in variants
        for button in variant.get("buttons", [])
        if "{" in button["payload"]
    ]
    assert payloads
    assert [p for p in payloads if "{{" not in p or "}}" not in p] == []


def test_nlu_contract_is_in_the_domain():
    entities = {next(iter(e)) if isinstance(e, dict) else e for e in DOMAIN["entities"]}
    assert set(intent_names(DOMAIN)) == CONTRACT_INTENTS
    assert entities >= CONTRACT_ENTITIES


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_response_exists_in_every_language_once(name):
    languages = [variant_language(variant) for variant in RESPONSES[name]]
    assert sorted(languages) == sorted(LANGUAGES), f"{name} has {languages}"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_variants_take_the_same_values_and_buttons(name):
    variants = RESPONSES[name]
    assert all(variant.get("text", "").strip() for variant in variants)
    assert len({frozenset(placeholders(variant["text"])) for variant in variants}) == 1
    payloads = {
        tuple(button["payload"] for button in variant.get("buttons", [])) for variant in variants
    }
    assert len(payloads) == 1, f"{name}: buttons differ between languages"
    for variant in variants:
        assert all(button["title"].strip() for button in variant.get("buttons", []))


def test_every_response_an_action_sends_is_in_the_domain():
    missing = referenced_responses() - set(RESPONSES)
    assert not missing


def test_every_form_slot_is_asked_for():
    for form in DOMAIN["forms"].values():
        for slot in form["required_slots"]:
            assert f"utter_ask_{slot}" in RESPONSES


def test_custom_actions_and_domain_agree():
    executor = ActionExecutor()
    executor.register_package("actions")
    registered = set(executor.actions)
    assert registered == set(action_names())


def action_names() -> list[str]:
    """The domain's custom actions: a name, or a name with its settings (`send_domain`)."""
    return [entry if isinstance(entry, str) else next(iter(entry)) for entry in DOMAIN["actions"]]


def test_the_domain_goes_only_to_the_actions_that_read_it():
    # endpoints.yml: enable_selective_domain. rasa-sdk's form validation reads the form's
    # slots from the domain; the lead's consent record reads utter_ask_lead_consent.
    sent = {
        next(iter(entry))
        for entry in DOMAIN["actions"]
        if isinstance(entry, dict) and next(iter(entry.values())).get("send_domain")
    }
    assert sent == {"validate_lead_form", "action_submit_lead", "action_request_human"}
