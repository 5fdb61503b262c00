"""Compression and caching of what the website sends: pages and text assets in Brotli or gzip."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest
import respx
from fastapi.testclient import TestClient
from web_support import make_settings

from hub_web.app import PACKAGE_DIR, STATIC_CACHE_CONTROL, VENDOR_CACHE_CONTROL, create_app
from hub_web.compression import accepts

NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"

GZIP = {"Accept-Encoding": "gzip"}
#: What Chromium asks for.
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
IDENTITY = {"Accept-Encoding": "identity"}


def _raw(client: TestClient, path: str, headers: dict[str, str]) -> tuple[dict[str, str], bytes]:
    """The response's headers and its body as sent, not decoded."""
    with client.stream("GET", path, headers=headers) as response:
        assert response.status_code == 200, path
        return dict(response.headers), b"".join(response.iter_raw())


@pytest.mark.parametrize(
    "path", ["/", "/ru/", "/static/js/chat-widget.js", "/static/css/chat-widget.css"]
)
def test_pages_and_text_assets_are_gzipped_when_asked(client: TestClient, path: str) -> None:
    headers, body = _raw(client, path, GZIP)
    assert headers["content-encoding"] == "gzip"
    assert "accept-encoding" in headers["vary"].lower()
    plain_headers, plain = _raw(client, path, IDENTITY)
    assert "content-encoding" not in plain_headers
    assert gzip.decompress(body) == plain
    assert len(body) < len(plain) / 2


@pytest.mark.parametrize("path", ["/zh/", "/static/js/chat-widget.js"])
def test_browsers_that_accept_brotli_get_it(client: TestClient, path: str) -> None:
    headers, body = _raw(client, path, BROWSER)
    assert headers["content-encoding"] == "br"
    _, plain = _raw(client, path, IDENTITY)
    assert brotli.decompress(body) == plain
    assert len(body) < len(_raw(client, path, GZIP)[1])


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [("gzip, br", True), ("BR;q=0.5", True), ("br;q=0", False), ("gzip", False), ("", False)],
)
def test_accept_encoding_is_read_with_its_weights(accept_encoding: str, expected: bool) -> None:
    assert accepts(accept_encoding, "br") is expected


def test_a_static_asset_is_the_file_gzipped_and_cacheable(client: TestClient) -> None:
    headers, body = _raw(client, "/static/js/chat/transport.js", GZIP)
    assert gzip.decompress(body) == (PACKAGE_DIR / "static/js/chat/transport.js").read_bytes()
    assert headers["cache-control"] == STATIC_CACHE_CONTROL
    assert headers["etag"]
    revalidated = client.get(
        "/static/js/chat/transport.js", headers={**GZIP, "If-None-Match": headers["etag"]}
    )
    assert revalidated.status_code == 304


def test_sounds_and_small_answers_are_sent_as_they_are(client: TestClient) -> None:
    headers, _ = _raw(client, "/static/sounds/alert.wav", GZIP)
    assert "content-encoding" not in headers
    assert "content-encoding" not in _raw(client, "/health", GZIP)[0]


def test_the_socket_io_client_is_gzipped(tmp_path: Path) -> None:
    if not (NODE_MODULES / "socket.io-client").is_dir():
        pytest.skip("npm ci has not been run in web/")
    settings = make_settings(tmp_path, node_modules_dir=NODE_MODULES)
    with respx.mock, TestClient(create_app(settings)) as client:
        headers, body = _raw(client, "/static/vendor/socket.io.min.js", GZIP)
    assert headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == VENDOR_CACHE_CONTROL
    assert len(body) < 20_000
