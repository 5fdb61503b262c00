"""Typed commands: the bot's own payloads go through, anything else is read as text."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rasa.core.nlg.interpolator import interpolate_text
from rasa.shared.core.domain import Domain

from bot.server.channels.payloads import (
    PAYLOADS,
    is_protected_slot,
    offered_payloads,
    refusal,
    screen_command,
    slots_filled_by_entities,
)
from hub_vocabulary import SERVICE_TYPES
from tests.test_domain import DOMAIN, REPO_ROOT

#: Values that the actions fill into the domain's payload templates.
TEMPLATE_VALUES = {"project_id": "medical-logistics-park"}


def domain_payloads() -> list[str]:
    """Every button payload of the domain's responses, as the bot sends it."""
    return sorted(
        {
            interpolate_text(button["payload"], TEMPLATE_VALUES)
            for variants in DOMAIN["responses"].values()
            for variant in variants
            for button in variant.get("buttons", [])
        }
    )


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def entity_slots(rasa_domain: Domain) -> dict[str, frozenset[str]]:
    return slots_filled_by_entities(rasa_domain.slots)


@pytest.mark.parametrize("payload", domain_payloads())
def test_every_button_of_the_domain_goes_through_unchanged(payload, entity_slots):
    assert screen_command(payload, entity_slots) == payload


@pytest.mark.parametrize("service", SERVICE_TYPES)
def test_the_service_buttons_of_the_actions_go_through(service, entity_slots):
    payload = f'/ask_service{{"service": "{service}"}}'
    assert screen_command(payload, entity_slots) == payload


@pytest.mark.parametrize(
    "payload",
    [
        "/greet",
        "/affirm",
        "/deny",
        "/leave_contact",
        "/request_human",
        "/ask_contact",
        "/search_projects",
        '/search_projects{"sector": "medical"}',
        '/search_projects{"district": "pingdu"}',
        '/project_details{"project": "sco-plaza-area"}',
        '/ask_service{"service": "visa"}',
        '/ask_hub_info{"topic": "events"}',
        '/change_language{"language": "ru"}',
    ],
)
def test_offered_payloads_go_through(payload, entity_slots):
    assert screen_command(payload, entity_slots) == payload


@pytest.mark.parametrize(
    ("typed", "passed"),
    [
        ('/search_projects{"sector":"medical"}', '/search_projects{"sector": "medical"}'),
        ('  /search_projects {"sector": "medical"} ', '/search_projects{"sector": "medical"}'),
        ("/greet{}", "/greet"),
    ],
)
def test_an_offered_payload_is_passed_as_the_bot_writes_it(typed, passed, entity_slots):
    assert screen_command(typed, entity_slots) == passed


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("/restart", "restart"),
        ("//restart", "restart"),
        ("/back", "back"),
        ("/session_start", "session_start"),
        ("/nlu_fallback", "nlu_fallback"),
        ("/out_of_scope", "out_of_scope"),
        ("/goodbye", "goodbye"),
        ("/make_me_admin", "make_me_admin"),
        ('/leave_contact{"language":"xx"}', 'leave_contact{"language":"xx"}'),
        ('/change_language{"language": "xx"}', 'change_language{"language": "xx"}'),
        ('/leave_contact{"lead_name": "Eve"}', 'leave_contact{"lead_name": "Eve"}'),
        ('/greet{"handoff_requested": true}', 'greet{"handoff_requested": true}'),
        ('/affirm{"lead_consent": "yes"}', 'affirm{"lead_consent": "yes"}'),
        ('/search_projects{"shown_projects": ["x"]}', 'search_projects{"shown_projects": ["x"]}'),
        ('/search_projects{"sector": "casinos"}', 'search_projects{"sector": "casinos"}'),
        ('/search_projects{"sector": ["medical"]}', 'search_projects{"sector": ["medical"]}'),
        ('/search_projects{"sector": 5}', 'search_projects{"sector": 5}'),
        ('/search_projects{"service": "visa"}', 'search_projects{"service": "visa"}'),
        ('/project_details{"project": "../../etc"}', 'project_details{"project": "../../etc"}'),
        ('/ask_service{"service": "platform"}', 'ask_service{"service": "platform"}'),
        ("/greet@0.1", "greet@0.1"),
        ('/greet{"a": 1}{"b": 2}', 'greet{"a": 1}{"b": 2}'),
        ("/greet{not json}", "greet{not json}"),
        ('/greet["x"]', 'greet["x"]'),
        ("/ greet", "greet"),
        ("/etc/passwd", "etc/passwd"),
        ("/", ""),
    ],
)
def test_any_other_command_is_read_as_text(typed, read_as, entity_slots):
    assert screen_command(typed, entity_slots) == read_as


@pytest.mark.parametrize("text", ["hello", "a/b", "3/4 of the projects", " hi /restart", ""])
def test_text_that_is_no_command_is_unchanged(text, entity_slots):
    assert screen_command(text, entity_slots) == text


def test_a_payload_entity_mapped_to_a_protected_slot_is_refused():
    # Should a slot mapping ever fill a lead slot from an offered entity, it is refused.
    mapped = {"project": frozenset({"project", "lead_interest"})}
    assert refusal("project_details", {"project": "sco-plaza-area"}, mapped) is not None
    assert refusal("project_details", {"project": "sco-plaza-area"}, {}) is None


def test_a_language_entity_must_be_a_known_code():
    assert refusal("change_language", {"language": "zh"}) is None
    assert refusal("change_language", {"language": "de"}) is not None


@pytest.mark.parametrize(
    ("slot", "protected"),
    [
        ("lead_name", True),
        ("lead_consent", True),
        ("lead_id", True),
        ("handoff_requested", True),
        ("shown_projects", True),
        ("discussed_projects", True),
        ("discussed_services", True),
        ("language", False),
        ("sector", False),
        ("project", False),
    ],
)
def test_protected_slots(slot, protected):
    assert is_protected_slot(slot) is protected


def test_the_payload_table_agrees_with_the_domain(rasa_domain, entity_slots):
    assert set(PAYLOADS) <= set(rasa_domain.intents)
    offered_entities = {entity for entities in PAYLOADS.values() for entity in entities}
    assert offered_entities <= set(rasa_domain.entities)
    for entity in offered_entities:
        slots = entity_slots.get(entity, frozenset())
        assert not any(is_protected_slot(slot) for slot in slots), entity


def test_the_domain_s_bot_only_slots_are_protected(rasa_domain):
    protected = {slot.name for slot in rasa_domain.slots if is_protected_slot(slot.name)}
    assert protected >= {
        "lead_name",
        "lead_company",
        "lead_country",
        "lead_country_code",
        "lead_contact",
        "lead_interest",
        "lead_consent",
        "lead_id",
        "handoff_requested",
        "shown_projects",
        "discussed_projects",
        "discussed_services",
    }
    visitor_slots = {"language", "sector", "district", "service", "project", "search_page"}
    assert not protected & visitor_slots


def test_slots_filled_by_entities_reads_from_entity_mappings():
    slots = [
        SimpleNamespace(name="language", mappings=[{"type": "from_entity", "entity": "language"}]),
        SimpleNamespace(name="lead_name", mappings=[{"type": "from_text"}]),
        SimpleNamespace(name="topic_copy", mappings=[{"type": "from_entity", "entity": "topic"}]),
        SimpleNamespace(name="topic", mappings=[{"type": "from_entity", "entity": "topic"}]),
        SimpleNamespace(name="search_page", mappings=None),
    ]
    assert slots_filled_by_entities(slots) == {
        "language": frozenset({"language"}),
        "topic": frozenset({"topic", "topic_copy"}),
    }


def test_offered_payloads_reads_intents_and_entities_of_templates():
    offered = offered_payloads(['/project_details{"project": "{project_id}"}', "/greet"])
    assert sorted(offered) == ["greet", "project_details"]
    assert sorted(offered["project_details"]) == ["project"]
    assert offered["greet"] == {}


def test_a_button_whose_entity_has_no_value_check_is_refused_at_load():
    with pytest.raises(ValueError, match="no check"):
        offered_payloads(['/ask_contact{"lead_id": "1"}'])
    with pytest.raises(ValueError, match="no command"):
        offered_payloads(["ask_contact"])
