"""Issue 23: the public reads may be kept by clients for a while; nothing else may."""

from __future__ import annotations

import pytest
from conftest import TEST_PROJECT_IDS, Backend
from fastapi.testclient import TestClient

from catalogue_api.settings import (
    DEFAULT_CACHE_MAX_AGE_SECONDS,
    Settings,
    SettingsError,
    load_settings,
)

PUBLIC = f"public, max-age={DEFAULT_CACHE_MAX_AGE_SECONDS}"
#: The reads the action server makes, as it makes them.
PUBLIC_READS = [
    "/projects?lang=en&sector=logistics&page=2&page_size=3",
    f"/projects/{TEST_PROJECT_IDS[0]}?lang=zh",
    "/services?lang=ru",
    "/contacts?lang=en",
    "/hub?lang=en",
]


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_public_reads_may_be_kept_for_the_configured_time(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == PUBLIC
    assert response.headers["vary"] == "Accept-Language"


def test_a_free_text_search_is_never_stored(client: TestClient) -> None:
    response = client.get("/projects", params={"lang": "en", "q": "plaza"})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"


def test_errors_of_public_reads_are_not_cacheable(client: TestClient) -> None:
    for path in ("/projects/no-such-project", "/projects?sector=nowhere"):
        response = client.get(path)
        assert response.status_code in (404, 422), response.text
        assert "max-age" not in response.headers.get("cache-control", "")


def test_staff_and_lead_answers_are_not_cacheable(
    client: TestClient, staff: dict[str, str], lead_body: dict
) -> None:
    for path in ("/staff/projects", "/staff/services", "/staff/leads"):
        response = client.get(path, headers=staff)
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
    lead = client.post("/leads", json=lead_body)
    assert lead.status_code == 201, lead.text
    assert "max-age" not in lead.headers.get("cache-control", "")
    assert "max-age" not in client.get("/health").headers.get("cache-control", "")


def test_zero_max_age_sends_no_store(db: Backend, client: TestClient) -> None:
    # Not monkeypatch: it cannot restore an attribute of Starlette's State (a __getattr__).
    settings: Settings = db.app.state.settings
    db.app.state.settings = settings.model_copy(update={"cache_max_age_seconds": 0})
    try:
        for path in PUBLIC_READS:
            assert client.get(path).headers["cache-control"] == "no-store", path
    finally:
        db.app.state.settings = settings


def test_the_max_age_is_read_from_the_environment() -> None:
    assert load_settings({}).cache_max_age_seconds == DEFAULT_CACHE_MAX_AGE_SECONDS
    assert load_settings({"CATALOGUE_CACHE_MAX_AGE_SECONDS": " 5 "}).cache_max_age_seconds == 5
    assert load_settings({"CATALOGUE_CACHE_MAX_AGE_SECONDS": "0"}).cache_max_age_seconds == 0
    with pytest.raises(SettingsError, match="CATALOGUE_CACHE_MAX_AGE_SECONDS"):
        load_settings({"CATALOGUE_CACHE_MAX_AGE_SECONDS": "-1"})
