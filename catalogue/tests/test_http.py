"""HTTP-level behaviour: body size limit, error format, OpenAPI and local docs assets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from catalogue_api.models import Lead
from catalogue_api.settings import DEFAULT_MAX_BODY_BYTES


def count_leads(db) -> int:  # noqa: ANN001
    with db.factory() as session:
        return session.scalar(select(func.count()).select_from(Lead)) or 0


def test_oversized_body_is_413(client: TestClient, db, lead_body: dict) -> None:  # noqa: ANN001
    body = {**lead_body, "interest": "x" * (DEFAULT_MAX_BODY_BYTES + 10)}
    response = client.post("/leads", json=body)
    assert response.status_code == 413
    assert response.json() == {
        "detail": f"request body too large: at most {DEFAULT_MAX_BODY_BYTES} bytes"
    }
    assert count_leads(db) == 0


def test_oversized_chunked_body_is_413(client: TestClient, db) -> None:  # noqa: ANN001
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "x", "email": "x@example.com", "consent": true, "interest": "'
        for _ in range(20):
            yield b"y" * 8192
        yield b'"}'

    response = client.post(
        "/leads", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert count_leads(db) == 0


def test_bad_content_length_is_400(client: TestClient) -> None:
    response = client.post(
        "/leads", content=b"{}", headers={"Content-Type": "application/json",
                                          "Content-Length": "abc"}
    )
    assert response.status_code == 400


def test_unknown_route_and_method(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
    response = client.delete("/projects")
    assert response.status_code == 405 and "detail" in response.json()


def test_errors_carry_no_stack_trace(client: TestClient) -> None:
    for response in (
        client.get("/projects", params={"sector": "x"}),
        client.post("/leads", content=b"{", headers={"Content-Type": "application/json"}),
        client.get("/projects/nope"),
    ):
        assert "Traceback" not in response.text and "File \"" not in response.text
        assert isinstance(response.json()["detail"], str)


def test_response_headers(client: TestClient) -> None:
    response = client.get("/projects")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-language"] == "en"


def test_openapi_schema(client: TestClient) -> None:
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
