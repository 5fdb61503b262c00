"""Fixtures for the action tests: a fake catalogue URL, a fresh outbox, no leftovers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from actions import base, catalogue_client

CATALOGUE_URL = "http://catalogue.test"


def _clear_process_caches() -> None:
    catalogue_client.default_catalogue_client.cache_clear()
    base.lead_outbox.cache_clear()
    base.outbox_courier.cache_clear()


@pytest.fixture(autouse=True)
def action_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[None]:
    monkeypatch.setenv("CATALOGUE_API_URL", CATALOGUE_URL)
    monkeypatch.setenv("CATALOGUE_READ_RETRIES", "1")
    monkeypatch.setenv("LEAD_OUTBOX_PATH", str(tmp_path / "outbox.sqlite3"))
    monkeypatch.setenv("LEAD_OUTBOX_RETRY_SECONDS", "0.05")
    _clear_process_caches()
    yield
    _clear_process_caches()


@pytest.fixture
def catalogue() -> Iterator[responses.RequestsMock]:
    """Mocked catalogue API: every request must be registered, and every one used."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
