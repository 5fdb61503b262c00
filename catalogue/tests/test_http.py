"""HTTP-level behaviour: body size limit, error format, OpenAPI and local docs assets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from conftest import count_leads
from fastapi.testclient import TestClient

from catalogue_api.settings import DEFAULT_MAX_BODY_BYTES
from hub_vocabulary import LANGUAGES, LEAD_STATUSES


def test_oversized_body_is_413(client: TestClient, db, lead_body: dict) -> None:
    """A body over the limit (declared length) is a 413 and stores nothing."""
    body = {**lead_body, "interest": "x" * (DEFAULT_MAX_BODY_BYTES + 10)}
    response = client.post("/leads", json=body)
    assert response.status_code == 413
    assert response.json() == {
        "detail": f"request body too large: at most {DEFAULT_MAX_BODY_BYTES} bytes"
    }
    assert count_leads(db) == 0


def test_oversized_chunked_body_is_413(client: TestClient, db) -> None:
    """A chunked body that grows over the limit is a 413 and stores nothing."""

    def chunks() -> Iterator[bytes]:
        yield b'{"name": "x", "email": "x@example.com", "consent": true, "interest": "'
        for _ in range(20):
            yield b"y" * 8192
        yield b'"}'

    response = client.post("/leads", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert count_leads(db) == 0


def test_bad_content_length_is_400(client: TestClient) -> None:
    """A Content-Length that is not a number is a 400."""
    response = client.post(
        "/leads",
        content=b"{}",
        headers={"Content-Type": "application/json", "Content-Length": "abc"},
    )
    assert response.status_code == 400


def test_unknown_route_and_method(client: TestClient) -> None:
    """Unknown paths are a JSON 404, wrong methods a JSON 405."""
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
    response = client.delete("/projects")
    assert response.status_code == 405 and "detail" in response.json()


def test_wrong_method_allows_every_method_of_the_path(client: TestClient) -> None:
    """A 405 names in ``Allow`` the methods of every route on the path, not just the first."""
    response = client.delete("/staff/leads/1")
    assert response.status_code == 405 and response.headers["allow"] == "GET, PATCH"
    assert client.put("/leads").headers["allow"] == "POST"


def test_undecodable_body_is_400(client: TestClient, db) -> None:
    """A JSON body that is not UTF-8 is a 400 (documented) and stores nothing."""
    response = client.post(
        "/leads", content=b'{"name": "\xff"}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400 and isinstance(response.json()["detail"], str)
    assert count_leads(db) == 0


def test_validation_errors_list_each_problem(client: TestClient) -> None:
    """A 422 of validation joins its problems in ``detail`` and lists them in ``errors``."""
    body = client.post("/leads", json={"name": "", "consent": False}).json()
    assert [error["loc"] for error in body["errors"]] == [["body", "name"], ["body", "consent"]]
    assert body["detail"] == "; ".join(error["msg"] for error in body["errors"])
    assert "errors" not in client.get("/projects/nope").json()


def test_openapi_documents_every_error_with_one_model(client: TestClient) -> None:
    """Each error status of each operation is documented, always with the ``ErrorOut`` body."""
    schema = client.get("/openapi.json").json()
    error_body = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for status, response in responses.items():
                if int(status) >= 400:
                    shown = (method, path, status)
                    assert response["content"]["application/json"]["schema"] == error_body, shown
            if operation.get("parameters") or "requestBody" in operation:
                assert "422" in responses, (method, path)
            if "requestBody" in operation:
                assert {"400", "413"} <= responses.keys(), (method, path)
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def test_openapi_states_the_codes_and_rules(client: TestClient) -> None:
    """Codes are enums of the shared vocabulary; consent must be true; a change must change."""
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    lang = next(p for p in schema["paths"]["/hub"]["get"]["parameters"] if p["name"] == "lang")
    assert {"$ref": "#/components/schemas/Language"} in lang["schema"]["anyOf"]
    assert components["Language"]["enum"] == list(LANGUAGES)
    assert components["LeadStatus"]["enum"] == list(LEAD_STATUSES)
    consent = components["LeadCreate"]["properties"]["consent"]
    assert (consent["type"], consent["const"]) == ("boolean", True)
    assert {branch["required"][0] for branch in components["LeadPatch"]["anyOf"]} == {
        "status",
        "assigned_to",
    }
    assert {branch["required"][0] for branch in components["LeadCreate"]["anyOf"]} == {
        "email",
        "phone",
    }


def test_errors_carry_no_stack_trace(client: TestClient) -> None:
    """Error answers are one readable sentence, never a traceback."""
    for response in (
        client.get("/projects", params={"sector": "x"}),
        client.post("/leads", content=b"{", headers={"Content-Type": "application/json"}),
        client.get("/projects/nope"),
    ):
        assert "Traceback" not in response.text and 'File "' not in response.text
        assert isinstance(response.json()["detail"], str)


def test_response_headers(client: TestClient) -> None:
    """Answers carry nosniff and Content-Language."""
    response = client.get("/projects")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-language"] == "en"


def test_openapi_schema(client: TestClient) -> None:
    """The OpenAPI schema names every endpoint, the filters and the staff key."""
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/health",
        "/projects",
        "/projects/{project_id}",
        "/services",
        "/contacts",
        "/hub",
        "/leads",
        "/staff/leads",
        "/staff/leads.csv",
        "/staff/leads/{lead_id}",
    ):
        assert path in paths, path
    assert "patch" in paths["/staff/leads/{lead_id}"]
    sector = next(p for p in paths["/projects"]["get"]["parameters"] if p["name"] == "sector")
    assert "APIKeyHeader" in schema["components"]["securitySchemes"]
    assert sector["in"] == "query"


def test_docs_use_local_assets_only(client: TestClient) -> None:
    """``/docs`` is Swagger UI 5 from local assets only; ReDoc is off."""
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert "SwaggerUIBundle" in html
    assert not re.search(r"https?://", html), "docs page references an external host"
    assert '"validatorUrl": null' in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) == 3
    for asset in assets:
        assert asset.startswith("/static/swagger-ui/")
        fetched = client.get(asset)
        assert fetched.status_code == 200 and len(fetched.content) > 100, asset
    assert client.get("/redoc").status_code == 404
    # FastAPI emits OpenAPI 3.1, which Swagger UI renders from major version 5 on.
    from swagger_ui_bundle import swagger_ui_path

    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
    assert swagger_ui_path.name.startswith("swagger-ui-5."), swagger_ui_path
    for other in ("index.html", "swagger-initializer.js", "..%2Fvendor", "x"):
        assert client.get(f"/static/swagger-ui/{other}").status_code == 404


def test_database_down_is_503(tmp_path) -> None:
    """An unreachable database is a 503 with a readable sentence."""
    from catalogue_api.app import create_app
    from catalogue_api.db import make_engine, make_session_factory
    from catalogue_api.settings import Settings

    app = create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'ok.db'}", api_key="k", lead_intake_key="i")
    )
    with TestClient(app) as client:
        dead = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")
        app.state.session_factory = make_session_factory(dead)
        for method, path, body in (
            ("GET", "/health", None),
            ("GET", "/projects", None),
            ("POST", "/leads", {"name": "x", "email": "x@example.com", "consent": True}),
            ("GET", "/staff/leads", None),
        ):
            keys = {"X-API-Key": "k", "X-Lead-Intake-Key": "i"}
            response = client.request(method, path, json=body, headers=keys)
            assert response.status_code == 503, (path, response.text)
            assert response.json() == {"detail": "database unavailable, try again later"}
        dead.dispose()


def test_a_body_declared_a_little_over_the_limit_is_read_before_the_413() -> None:
    """The client gets its 413, not a connection reset while it is still sending."""
    import asyncio

    from catalogue_api.middleware import LimitsMiddleware

    chunks = [
        {"type": "http.request", "body": b"x" * 40_000, "more_body": True},
        {"type": "http.request", "body": b"x" * 40_000, "more_body": False},
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        return chunks.pop(0)

    async def send(message: dict) -> None:
        sent.append(message)

    async def app(scope, receive, send) -> None:  # never reached
        raise AssertionError("the app was called")

    scope = {"type": "http", "path": "/leads", "headers": [(b"content-length", b"80000")]}
    asyncio.run(LimitsMiddleware(app, max_body_bytes=65_536)(scope, receive, send))
    assert chunks == []
    assert sent[0]["status"] == 413
