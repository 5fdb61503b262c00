"""``POST /leads`` with project ids the catalogue lacks: a 422 its schema declares (issue 18, 9).

The schema cannot list the project ids (they change with the catalogue), so a body it allows
may still be refused. The operation says so: its 422 is ``ErrorOut``, and ``projects`` says that
unknown ids get it. The answer is shaped like every validation refusal: ``detail`` and one
``errors`` entry per unknown id.
"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from catalogue_api.app import openapi_json


def test_the_schema_declares_the_422_for_unknown_project_ids() -> None:
    """The operation's 422 is ``ErrorOut``, and both it and ``projects`` name the reason."""
    schema = json.loads(openapi_json())
    refused = schema["paths"]["/leads"]["post"]["responses"]["422"]
    assert refused["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    assert "ids the catalogue does not have" in refused["description"]
    assert "`projects`" in refused["description"]
    projects = schema["components"]["schemas"]["LeadCreate"]["properties"]["projects"]
    assert "422" in projects["description"] and "GET /projects" in projects["description"]


def test_unknown_project_ids_get_an_error_out_with_one_entry_each(
    client: TestClient, lead_body: dict
) -> None:
    """The 422 matches ``ErrorOut`` and its ``errors`` point at each unknown id."""
    response = client.post(
        "/leads", json={**lead_body, "projects": ["lantern-plaza-area", "moon-base", "mars-base"]}
    )
    assert response.status_code == 422
    body = response.json()
    error_out = client.get("/openapi.json").json()["components"]["schemas"]["ErrorOut"]
    assert set(body) == set(error_out["properties"]) and error_out["required"] == ["detail"]
    assert body["detail"] == (
        "body field 'projects': unknown project id(s) moon-base, mars-base; see GET /projects"
    )
    assert body["errors"] == [
        {"loc": ["body", "projects", "1"], "msg": "unknown project id 'moon-base'"},
        {"loc": ["body", "projects", "2"], "msg": "unknown project id 'mars-base'"},
    ]
