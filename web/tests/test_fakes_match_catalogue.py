"""The fake catalogue answers of these tests match the catalogue API's OpenAPI schema.

The schema is ``catalogue/openapi.json`` (exported from the catalogue API), or the file
``HUB_CATALOGUE_OPENAPI`` names. Objects are checked strictly: a fake field the schema does
not know fails too, so a renamed field in the API shows up here and not in production.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from content_fakes import (
    FACT_PREVIEW,
    SERVICE_PREVIEW,
    listing,
    staff_contact,
    staff_fact,
    staff_service,
)
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from lead_fakes import LEAD_COUNTS, count_conversation_leads, lead, lead_detail, personal_data
from project_fakes import PREVIEW, staff_project, staff_projects
from public_fakes import HUB, PROJECTS
from web_support import API_KEY, CATALOGUE_URL

from hub_web.settings import REPO_ROOT
from hub_web.upstream import CatalogueClient, ConversationLeadCounts

OPENAPI_PATH = Path(
    os.environ.get("HUB_CATALOGUE_OPENAPI", "").strip() or REPO_ROOT / "catalogue" / "openapi.json"
)

#: (method, path) of the catalogue API -> a fake answer of its ``200`` response.
FAKE_ANSWERS: list[tuple[str, str, object]] = [
    ("get", "/hub", HUB),
    ("get", "/projects", PROJECTS),
    (
        "get",
        "/staff/leads",
        {
            "items": [
                lead(1),
                lead(2, handoff=True, conversation_id="5f1c0ffee", language="zh"),
                lead(3, country_code="KZ", projects=["sco-plaza-area"], services=["legal"]),
                lead(4, status="closed", assigned_to="team:legal", email=None, phone="+7 700 000"),
            ],
            "total": 4,
        },
    ),
    ("get", "/staff/lead-counts", LEAD_COUNTS),
    (
        "post",
        "/staff/lead-counts/conversations",
        count_conversation_leads(
            [
                lead(1, conversation_id="a"),
                lead(2, conversation_id="a", status="qualified"),
                lead(3, conversation_id="b"),
            ],
            ["a", "b", "c"],
        ),
    ),
    (
        "get",
        "/staff/leads/{lead_id}/personal-data",
        personal_data(
            "5f1c0ffee",
            lead_detail(
                2,
                conversation_id="5f1c0ffee",
                consent_text="Do you agree?",
                consent_language="en",
                consent_version="1",
            ),
        ),
    ),
    (
        "delete",
        "/staff/leads/{lead_id}/personal-data",
        {"conversation_id": "c", "erased_lead_ids": [2]},
    ),
    ("get", "/staff/projects", staff_projects()),
    ("get", "/staff/projects/{project_id}", staff_project()),
    ("put", "/staff/projects/{project_id}", staff_project()),
    ("post", "/staff/project-preview", PREVIEW),
    ("get", "/staff/services", listing(staff_service())),
    ("put", "/staff/services/{service_id}", staff_service()),
    ("post", "/staff/services/{service_id}/preview", SERVICE_PREVIEW),
    ("get", "/staff/contacts/{contact_id}", staff_contact()),
    ("get", "/staff/hub-facts", listing(staff_fact())),
    ("put", "/staff/hub-facts/{fact_id}", staff_fact()),
    ("post", "/staff/hub-fact-preview", FACT_PREVIEW),
]


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    """The catalogue API's OpenAPI document."""
    if not OPENAPI_PATH.is_file():
        reason = f"no catalogue OpenAPI schema at {OPENAPI_PATH}"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))


def _strict(schema: Any) -> Any:
    """``schema`` with ``additionalProperties: false`` on every object that lists properties."""
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    strict = {key: _strict(value) for key, value in schema.items()}
    if "properties" in strict and isinstance(strict["properties"], dict):
        strict.setdefault("additionalProperties", False)
    return strict


def _validator(openapi: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    """A validator of ``schema`` whose ``#/components/...`` references resolve in ``openapi``."""
    return Draft202012Validator({**schema, "components": _strict(openapi["components"])})


def _response_schema(openapi: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    response = openapi["paths"][path][method]["responses"]["200"]
    return response["content"]["application/json"]["schema"]


@pytest.mark.parametrize(
    ("method", "path", "answer"), FAKE_ANSWERS, ids=[path for _, path, _ in FAKE_ANSWERS]
)
def test_fake_answer_matches_the_api(
    openapi: dict[str, Any], method: str, path: str, answer: object
) -> None:
    _validator(openapi, _response_schema(openapi, method, path)).validate(answer)


def test_fake_lead_is_a_lead(openapi: dict[str, Any]) -> None:
    _validator(openapi, {"$ref": "#/components/schemas/LeadPublic"}).validate(lead())


def test_a_field_the_api_does_not_have_is_caught(openapi: dict[str, Any]) -> None:
    validator = _validator(openapi, {"$ref": "#/components/schemas/LeadPublic"})
    with pytest.raises(ValidationError):
        validator.validate({**lead(), "created": "2024-05-06T10:00:00+00:00"})
    with pytest.raises(ValidationError):
        validator.validate({key: value for key, value in lead().items() if key != "status"})


def test_the_conversation_ids_sent_match_the_api(openapi: dict[str, Any]) -> None:
    """The body :meth:`CatalogueClient.conversation_lead_counts` sends is one the API accepts."""
    sent: list[Any] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json=count_conversation_leads([], []))

    ids = ["a", "a", " b ", "x" * 201, "c\x00d", *[f"id-{n}" for n in range(300)]]
    with respx.mock(assert_all_mocked=True) as router:
        router.post(f"{CATALOGUE_URL}/staff/lead-counts/conversations").mock(side_effect=answer)
        counts = asyncio.run(_count(ids))
    schema = openapi["paths"]["/staff/lead-counts/conversations"]["post"]["requestBody"]
    validator = _validator(openapi, schema["content"]["application/json"]["schema"])
    for body in sent:
        validator.validate(body)
    assert [len(body["conversation_ids"]) for body in sent] == [250, 52]
    assert counts.conversations == 304


async def _count(ids: list[str]) -> ConversationLeadCounts:
    async with httpx.AsyncClient() as http:
        client = CatalogueClient(http, CATALOGUE_URL, API_KEY)
        return await client.conversation_lead_counts(ids)
