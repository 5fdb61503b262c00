"""Shared fixtures: an app with mocked upstreams (respx) and a signed-in test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import respx
from fastapi.testclient import TestClient
from public_fakes import HUB
from web_support import CATALOGUE_URL, make_settings, sign_in

from hub_web.app import create_app


@pytest.fixture
def upstream() -> Iterator[respx.MockRouter]:
    """Mock of every outgoing HTTP call; unmatched calls fail the test.

    The catalogue's public ``/hub`` answers :data:`public_fakes.HUB`, as the public pages need.
    """
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        router.get(f"{CATALOGUE_URL}/hub", name="hub").respond(json=HUB)
        yield router


@pytest.fixture
def client(tmp_path: Path, upstream: respx.MockRouter) -> Iterator[TestClient]:
    """A client of an app with test settings (nobody signed in)."""
    with TestClient(create_app(make_settings(tmp_path)), base_url="http://testserver") as test:
        yield test


@pytest.fixture
def staff_client(client: TestClient) -> tuple[TestClient, str]:
    """A client signed in as alice, and its CSRF token."""
    return client, sign_in(client)
