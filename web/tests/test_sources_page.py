"""The sources page, the facts' links to it, and the data check against the seed files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import respx
from fastapi.testclient import TestClient
from markupsafe import escape
from public_fakes import HUB
from web_support import CATALOGUE_URL

from hub_vocabulary import LANGUAGES
from hub_web.content import PAGE_PATHS
from hub_web.public_sources import SOURCES_PATHS, catalogue_source_links
from hub_web.sources_content import PAGE_FACT_SOURCES, PRESS_RELEASES, SOURCES_TEXT

#: The press releases the site's facts come from: ``../shared/seeds`` next to the repository.
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DATE_LINE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\b")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
LINK_RE = re.compile(r'href="(/(?:zh/|ru/)?sources)#([a-z0-9-]+)"')
needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"no seed folder {SEEDS_DIR}")


def _seed(name: str) -> tuple[str, str, str]:
    """A seed file's title (first line), date (of its date line) and whole text."""
    text = (SEEDS_DIR / name).read_text("utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    match = DATE_LINE_RE.match(lines[1])
    assert match, f"{name}: no date at the start of {lines[1]!r}"
    return lines[0], match.group(1), text


def _main(html: str) -> str:
    return html.split("<main")[1].split("</main>")[0]


@needs_seeds
@pytest.mark.parametrize("release", PRESS_RELEASES, ids=lambda release: release.anchor)
def test_every_release_shown_is_a_seed_file_with_its_title_and_date(release) -> None:
    assert (SEEDS_DIR / release.seed_file).is_file(), release.seed_file
    title, published, _ = _seed(release.seed_file)
    assert release.title == title
    assert release.published.isoformat() == published


@needs_seeds
@pytest.mark.parametrize("release", PRESS_RELEASES, ids=lambda release: release.anchor)
def test_every_number_a_release_is_said_to_report_is_in_it(release) -> None:
    _, _, text = _seed(release.seed_file)
    for point in release.points["en"]:
        for number in NUMBER_RE.findall(point):
            assert number in text, f"{number} ({point!r}) is not in {release.seed_file}"


def test_every_release_reports_the_same_number_of_points_in_every_language() -> None:
    for release in PRESS_RELEASES:
        assert set(release.points) == set(LANGUAGES)
        assert len({len(points) for points in release.points.values()}) == 1
    assert set(SOURCES_TEXT) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sources_page_shows_both_releases(client: TestClient, language: str) -> None:
    response = client.get(SOURCES_PATHS[language])
    assert response.status_code == 200
    main = _main(response.text)
    for release in PRESS_RELEASES:
        assert f'id="{release.anchor}"' in main
        assert escape(release.title) in main
        for point in release.points[language]:
            assert escape(point) in main
        assert release.seed_file not in response.text
        translated = release.translated_titles.get(language)
        if translated:  # marked as a translation, after the title as published
            assert main.index(escape(release.title)) < main.index(escape(translated))
            assert escape(SOURCES_TEXT[language].translation_note) in main
    assert ".txt" not in response.text
    assert f'href="{PAGE_PATHS[language]}"' in main
    assert f'<html lang="{"zh-Hans" if language == "zh" else language}">' in response.text


def test_sources_page_dates_are_in_the_pages_language(client: TestClient) -> None:
    assert "Press release of 20 April 2021" in client.get("/sources").text
    assert "2021年9月25日新闻稿" in client.get("/zh/sources").text
    assert "Пресс-релиз от 20 апреля 2021" in client.get("/ru/sources").text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fact_on_the_main_page_links_to_a_release_shown(
    client: TestClient, language: str
) -> None:
    main = _main(client.get(PAGE_PATHS[language]).text)
    links = LINK_RE.findall(main)
    anchors = {release.anchor for release in PRESS_RELEASES}
    assert links, "no fact links to its source"
    assert {path for path, _ in links} == {SOURCES_PATHS[language]}
    assert {anchor for _, anchor in links} <= anchors
    # one link per figure (HUB's figures each name one release), one per text of the page
    assert len(links) == len(HUB["figures"]) + len(PAGE_FACT_SOURCES)
    assert f'href="{SOURCES_PATHS[language]}"' in main  # the note under the facts
    assert ".txt" not in main


def test_header_links_to_the_sources_page(client: TestClient) -> None:
    page = client.get("/ru/").text
    assert '<a class="site-link" href="/ru/sources">Источники</a>' in page
    sources = client.get("/ru/sources").text
    assert 'href="/ru/sources" aria-current="page">Источники</a>' in sources
    assert 'href="/zh/sources" lang="zh"' in sources  # the language switch stays on sources


def test_figures_without_a_known_source_get_no_link(
    client: TestClient, upstream: respx.MockRouter
) -> None:
    figures = [
        {**HUB["figures"][0], "source": None},
        {**HUB["figures"][1], "source": "not-a-seed.txt"},
    ]
    upstream.get(f"{CATALOGUE_URL}/hub").respond(json={**HUB, "figures": figures})
    main = _main(client.get("/").text)
    assert len(LINK_RE.findall(main)) == len(PAGE_FACT_SOURCES)
    assert "not-a-seed" not in main


def test_catalogue_sources_with_two_files_give_two_links() -> None:
    links = catalogue_source_links(HUB["events"][0]["source"], "zh")
    assert [link.href for link in links] == [
        "/zh/sources#press-release-2021-04-20",
        "/zh/sources#press-release-2021-09-25",
    ]
    assert [link.label for link in links] == [
        "来源：2021年4月20日新闻稿",
        "来源：2021年9月25日新闻稿",
    ]
    assert catalogue_source_links(None, "en") == []
