"""The consent a lead records: the question the visitor answered, its language and version."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jsonschema import Draft7Validator, RefResolver

from actions.consent import CONSENT_RESPONSES, asked_consent, consent_record
from actions.leads import ActionSubmitLead, lead_payload
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import action_event, make_tracker, run_action
from tests.actions.test_leads import COMPLETE_FORM

REPO_ROOT = Path(__file__).resolve().parents[2]
LEADS_DOMAIN = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
QUESTION_RU = "Вы согласны, чтобы центр сохранил эти данные и связался с вами по вашему запросу?"


def consent_event(response: str, text: str, language: str, version: str = "1") -> dict:
    """A bot event as Rasa stores it for a consent response (its keys in the metadata)."""
    return {
        "event": "bot",
        "text": text,
        "metadata": {
            "condition": [{"type": "slot", "name": "language", "value": language}],
            "metadata": {"consent": {"version": version, "language": language}},
            "utter_action": response,
        },
    }


def test_the_question_the_visitor_answered_is_recorded():
    events = [action_event("lead_form"), consent_event(CONSENT_RESPONSES[0], QUESTION_RU, "ru")]
    tracker = make_tracker(events=events, slots={"language": "ru"})
    assert consent_record(tracker, {}) == {
        "consent_text": QUESTION_RU,
        "consent_language": "ru",
        "consent_version": "1",
    }


def test_the_last_question_asked_counts():
    events = [
        consent_event(CONSENT_RESPONSES[0], "Do you agree?", "en"),
        {"event": "bot", "text": "Not a consent question", "metadata": {"utter_action": "utter_x"}},
        consent_event(CONSENT_RESPONSES[1], "Please answer yes or no: may we?", "en", "2"),
    ]
    record = asked_consent(make_tracker(events=events))
    assert record == {
        "consent_text": "Please answer yes or no: may we?",
        "consent_language": "en",
        "consent_version": "2",
    }


def test_without_a_question_in_the_conversation_the_domain_gives_it():
    tracker = make_tracker(slots={"language": "ru"})
    assert consent_record(tracker, LEADS_DOMAIN) == {
        "consent_text": QUESTION_RU,
        "consent_language": "ru",
        "consent_version": "1",
    }
    assert consent_record(tracker, {}) == {
        "consent_text": None,
        "consent_language": None,
        "consent_version": None,
    }


def test_every_consent_variant_of_the_domain_names_its_version_and_language():
    for name in CONSENT_RESPONSES:
        for variant in LEADS_DOMAIN["responses"][name]:
            language = variant["condition"][0]["value"]
            assert variant["metadata"]["consent"] == {"version": "1", "language": language}


def test_the_submitted_lead_carries_the_consent(catalogue):
    catalogue.post(f"{CATALOGUE_URL}/leads", status=201, json={"id": 3, "status": "new"})
    events = [consent_event(CONSENT_RESPONSES[0], QUESTION_RU, "ru")]
    run_action(ActionSubmitLead(), make_tracker(slots=COMPLETE_FORM, events=events))
    sent = json.loads(catalogue.calls[0].request.body)
    assert (sent["consent_text"], sent["consent_language"], sent["consent_version"]) == (
        QUESTION_RU,
        "ru",
        "1",
    )


def test_the_lead_is_what_the_catalogue_takes():
    """The payload validates against ``LeadCreate`` of the catalogue's OpenAPI schema."""
    openapi = json.loads((REPO_ROOT / "catalogue/openapi.json").read_text(encoding="utf-8"))
    events = [consent_event(CONSENT_RESPONSES[0], QUESTION_RU, "ru")]
    payload = lead_payload(make_tracker(slots=COMPLETE_FORM, events=events), handoff=False)
    schema = openapi["components"]["schemas"]["LeadCreate"]
    validator = Draft7Validator(schema, resolver=RefResolver.from_schema(openapi))
    assert [error.message for error in validator.iter_errors(payload)] == []
