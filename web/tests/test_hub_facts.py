"""The public pages take the hub's figures from the catalogue API and survive its absence."""

from __future__ import annotations

import httpx
import pytest
import respx
from fastapi.testclient import TestClient
from public_fakes import HUB
from web_support import API_KEY

from hub_vocabulary import LANGUAGES
from hub_web.content import HTML_LANG, LANGUAGE_NAMES, PAGE_FIGURE_UNITS, PAGE_PATHS, PAGES

FIGURES_NOTE = PAGES["en"].figures_unavailable


def _main(html: str) -> str:
    return html.split("<main")[1].split("</main>")[0]


def test_every_language_has_a_page() -> None:
    for texts in (PAGES, LANGUAGE_NAMES, HTML_LANG, PAGE_PATHS):
        assert set(texts) == set(LANGUAGES)


def test_figures_come_from_the_catalogue(client: TestClient, upstream: respx.MockRouter) -> None:
    main = _main(client.get("/").text)
    for figure in HUB["figures"]:
        assert f"<strong>{figure['display']}</strong>" in main
    assert FIGURES_NOTE not in main
    request = upstream.routes["hub"].calls.last.request
    assert request.url.params["lang"] == "en"
    assert "X-API-Key" not in request.headers


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_asks_in_its_language(
    client: TestClient, upstream: respx.MockRouter, language: str
) -> None:
    assert client.get(PAGE_PATHS[language]).status_code == 200
    assert upstream.routes["hub"].calls.last.request.url.params["lang"] == language


def test_only_project_figures_are_shown_in_the_catalogues_order(
    client: TestClient, upstream: respx.MockRouter
) -> None:
    population = {
        **HUB["figures"][0],
        "key": "qingdao_population",
        "unit": "million people",
        "unit_code": "million_people",
        "display": "10 million people",
    }
    figures = [*reversed(HUB["figures"]), population]
    upstream.routes["hub"].respond(json={**HUB, "figures": figures})
    main = _main(client.get("/").text)
    positions = [main.index(f"<strong>{figure['display']}<") for figure in figures[:-1]]
    assert positions == sorted(positions)
    assert "10 million people" not in main
    assert {figure["unit_code"] for figure in HUB["figures"]} == set(PAGE_FIGURE_UNITS)


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("down"),
        httpx.ReadTimeout("slow"),
        httpx.Response(503, json={"detail": "catalogue not seeded yet"}),
        httpx.Response(200, text="<html>not json</html>"),
        httpx.Response(200, json={"name": "no figures"}),
    ],
    ids=["unreachable", "timeout", "503", "not-json", "unexpected-shape"],
)
def test_page_renders_without_the_catalogue(
    client: TestClient, upstream: respx.MockRouter, failure: object
) -> None:
    upstream.routes["hub"].mock(side_effect=[failure])
    response = client.get("/zh/")
    assert response.status_code == 200
    main = _main(response.text)
    assert PAGES["zh"].figures_unavailable in main
    assert 'class="figure"' not in main
    assert 'id="hub-chat"' in main


def test_figures_are_cached_but_failures_are_not(
    client: TestClient, upstream: respx.MockRouter
) -> None:
    route = upstream.routes["hub"]
    route.side_effect = [httpx.ConnectError("down"), httpx.Response(200, json=HUB)]
    assert FIGURES_NOTE in client.get("/").text
    assert FIGURES_NOTE not in client.get("/").text
    assert FIGURES_NOTE not in client.get("/").text
    assert route.call_count == 2


def test_public_pages_need_no_api_key(tmp_path, upstream: respx.MockRouter) -> None:
    from web_support import make_settings

    from hub_web.app import create_app

    with TestClient(create_app(make_settings(tmp_path, catalogue_api_key=None))) as client:
        assert "48.327 billion yuan" in client.get("/").text
    assert API_KEY not in str(upstream.routes["hub"].calls.last.request.headers)
