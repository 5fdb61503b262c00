"""Public pages in three languages, the widget configuration and the locally served assets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import respx
from fastapi.testclient import TestClient
from web_support import API_KEY, RASA_JWT_SECRET, SESSION_SECRET, make_settings

from hub_web.app import VENDOR_FILES, create_app
from hub_web.content import PAGES

CONFIG_PATTERN = re.compile(
    r'<script type="application/json" id="hub-chat-config">(.*?)</script>', re.S
)


@pytest.mark.parametrize(
    ("path", "language", "html_lang"),
    [("/", "en", "en"), ("/zh/", "zh", "zh-Hans"), ("/ru/", "ru", "ru")],
)
def test_page_in_its_language_with_widget(
    client: TestClient, path: str, language: str, html_lang: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    text = response.text
    assert f'<html lang="{html_lang}">' in text
    assert PAGES[language].title.replace('"', "&#34;") in text
    config = json.loads(CONFIG_PATTERN.search(text).group(1))
    assert config["language"] == language
    assert config["rasaUrl"] == "http://rasa.test:5005"
    assert config["initPayload"] == "/greet"
    assert config["text"] == PAGES[language].widget
    for secret in (RASA_JWT_SECRET, API_KEY, SESSION_SECRET):
        assert secret not in text
    assert 'src="/static/vendor/socket.io.min.js"' in text
    assert 'src="/static/js/chat-widget.js"' in text


def test_pages_load_nothing_from_other_hosts(client: TestClient) -> None:
    for path in ("/", "/zh/", "/ru/"):
        text = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', text), path


def test_pages_link_each_other(client: TestClient) -> None:
    text = client.get("/ru/").text
    assert 'href="/zh/" lang="zh"' in text
    assert 'href="/ru/" lang="ru" hreflang="ru" aria-current="page"' in text


def test_pages_state_only_seeded_figures(client: TestClient) -> None:
    text = client.get("/").text
    for figure in ("42.7 billion yuan", "80 billion yuan", "48.327 billion yuan", "29 June 2020"):
        assert figure in text
    assert "@" not in text.split("<main")[1].split("</main>")[0]


def test_language_paths_without_slash_redirect(client: TestClient) -> None:
    response = client.get("/zh", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/zh/"


def test_security_headers_allow_only_the_rasa_socket(client: TestClient) -> None:
    headers = client.get("/").headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self' http://rasa.test:5005 ws://rasa.test:5005" in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "set-cookie" not in headers


def test_health(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_vendor_assets_come_from_node_modules(tmp_path: Path) -> None:
    node_modules = tmp_path / "node_modules"
    for relative in VENDOR_FILES.values():
        (node_modules / relative).parent.mkdir(parents=True, exist_ok=True)
        (node_modules / relative).write_text(f"/* {relative} */")
    (node_modules / "socket.io-client" / "package.json").write_text("{}")
    with respx.mock, TestClient(create_app(make_settings(tmp_path))) as client:
        response = client.get("/static/vendor/socket.io.min.js")
        assert response.status_code == 200
        assert response.text == "/* socket.io-client/dist/socket.io.min.js */"
        assert client.get("/static/vendor/chart.umd.min.js").status_code == 200
        assert client.get("/static/vendor/package.json").status_code == 404
        assert client.get("/static/vendor/..%2Fsocket.io-client%2Fpackage.json").status_code == 404


def test_installed_vendor_assets_speak_engine_io_4() -> None:
    node_modules = Path(__file__).resolve().parents[1] / "node_modules"
    parser = node_modules / "engine.io-parser" / "package.json"
    if not parser.is_file():
        pytest.skip("npm ci has not been run in web/")
    bundle = (node_modules / VENDOR_FILES["socket.io.min.js"]).read_text()
    assert "protocol=4" in bundle or re.search(r"\bprotocol\s*[:=]\s*4\b", bundle)
    assert (node_modules / VENDOR_FILES["chart.umd.min.js"]).is_file()


def test_missing_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/nope", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Something went wrong (404)" in response.text
