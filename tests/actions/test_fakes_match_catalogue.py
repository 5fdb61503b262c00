"""The fake catalogue answers of the action tests are what the real API answers.

They are checked against the API's own OpenAPI schema (`catalogue/openapi.json`, which
the catalogue's tests keep equal to the running app's schema).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, RefResolver

from tests.actions.helpers import CONTACT_JSON, HUB_JSON, page_json, project_json
from tests.actions.test_services import service_json

OPENAPI = json.loads(
    (Path(__file__).resolve().parents[2] / "catalogue/openapi.json").read_text(encoding="utf-8")
)
# A fake may not hold a field the API does not send either.
for component_schema in OPENAPI["components"]["schemas"].values():
    if "properties" in component_schema:
        component_schema.setdefault("additionalProperties", False)


def errors_against(component: str, document: dict) -> list[str]:
    schema = OPENAPI["components"]["schemas"][component]
    validator = Draft7Validator(schema, resolver=RefResolver.from_schema(OPENAPI))
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(document)]


@pytest.mark.parametrize(
    ("component", "fake"),
    [
        ("ProjectOut", project_json()),
        ("ProjectPage", page_json([project_json()])),
        ("ServiceList", {"items": [service_json("visa", "Visa support")]}),
        ("ContactList", {"items": [CONTACT_JSON]}),
        ("HubOut", HUB_JSON),
    ],
)
def test_fake_answers_match_the_apis_schema(component, fake):
    assert errors_against(component, fake) == []


def test_a_wrong_fake_is_caught():
    assert errors_against("ProjectOut", {**project_json(), "stage": "signed"})
    assert errors_against("ProjectOut", {"id": "sco-plaza-area"})
