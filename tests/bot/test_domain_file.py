"""What the NLU and the channels read from `domain.yml`: intents' entity types, payloads."""

from __future__ import annotations

from bot.domain_file import intent_names, lexicon_entities, read_domain, response_payloads
from bot.nlu.entities.component import DEFAULT_ENTITY_TYPES, ENTITY_TYPES_BY_INTENT, PROJECT_INTENTS
from hub_lexicon.lexicon import ENTITY_TYPES

DOMAIN = {
    "intents": [
        "greet",
        {"ask_service": {"lexicon_entities": ["service", "project"]}},
        {"change_language": {"lexicon_entities": []}},
        {"goodbye": {"use_entities": []}},
    ],
    "responses": {
        "utter_card": [
            {
                "text": "{name}",
                "buttons": [{"title": "Details", "payload": '/details{{"project": "{id}"}}'}],
                "custom": {"data": {"details_payload": '/details{{"project": "{id}"}}'}},
            },
            {"text": "{name}", "buttons": [{"title": "Menu", "payload": "/help"}]},
        ],
        "utter_plain": [{"text": "/not a payload"}],
    },
}


def test_intent_names_whether_written_as_names_or_with_properties():
    assert intent_names(DOMAIN) == ["greet", "ask_service", "change_language", "goodbye"]


def test_lexicon_entities_only_for_the_intents_that_say():
    assert lexicon_entities(DOMAIN) == {
        "ask_service": ("service", "project"),
        "change_language": (),
    }


def test_response_payloads_of_buttons_and_custom_data_with_braces_unescaped():
    assert response_payloads(DOMAIN) == ['/details{"project": "{id}"}', "/help"]


def test_the_component_keeps_what_the_domain_says():
    said = lexicon_entities(read_domain())
    assert said == ENTITY_TYPES_BY_INTENT
    assert set(said) <= set(intent_names(read_domain()))
    assert {kind for kinds in said.values() for kind in kinds} <= set(ENTITY_TYPES)
    assert set(DEFAULT_ENTITY_TYPES) <= set(ENTITY_TYPES)
    assert "search_projects" not in PROJECT_INTENTS
    assert {"project_details", "ask_service", "ask_contact"} <= PROJECT_INTENTS
