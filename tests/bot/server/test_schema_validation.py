"""`bot.server.schema_validation`: jsonschema's `validate`, with each schema checked once."""

from __future__ import annotations

import jsonschema
import pytest
from jsonschema import Draft7Validator
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.server import schema_validation

SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {"events": {"type": "array"}, "responses": {"type": "array"}},
    "required": ["events"],
}


@pytest.fixture(autouse=True)
def fresh_cache():
    schema_validation._checked_validator.cache_clear()
    yield
    schema_validation._checked_validator.cache_clear()


def test_a_valid_instance_passes_and_the_schema_is_checked_once(monkeypatch):
    checks: list[dict] = []
    check_schema = Draft7Validator.check_schema
    monkeypatch.setattr(
        Draft7Validator,
        "check_schema",
        classmethod(lambda cls, schema: checks.append(schema) or check_schema(schema)),
    )
    for _ in range(3):
        schema_validation.validate({"events": [], "responses": []}, dict(SCHEMA))
    assert checks == [SCHEMA]


def test_an_invalid_instance_raises_what_jsonschema_raises():
    instance = {"events": "not a list"}
    with pytest.raises(jsonschema.ValidationError) as original:
        jsonschema.validators.validate(instance, SCHEMA)
    with pytest.raises(jsonschema.ValidationError) as ours:
        schema_validation.validate(instance, SCHEMA)
    assert ours.value.message == original.value.message
    assert list(ours.value.path) == list(original.value.path) == ["events"]


def test_an_invalid_schema_raises_every_time():
    for _ in range(2):
        with pytest.raises(jsonschema.SchemaError):
            schema_validation.validate({}, {"type": "no such type"})


def test_rasa_validates_action_server_answers_with_it(monkeypatch):
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)
    schema_validation.install()
    assert jsonschema.validate is schema_validation.validate
    action = RemoteAction("action_search_projects", EndpointConfig("http://127.0.0.1:9"))
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        action._validate_action_result({"events": "none"})
