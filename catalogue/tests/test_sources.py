"""Sources: the seed-file list, ``source_label`` in three languages, refusal of unknown files."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import TEST_CATALOGUE, TEST_CATALOGUE_FILE, TEST_SOURCES
from fastapi.testclient import TestClient

from catalogue_api import cli, file_parsing
from catalogue_api.app import create_app
from catalogue_api.seed import load_seed_document, parse_seed_document
from catalogue_api.settings import Settings
from catalogue_api.sources import load_sources, parse_sources, source_label, source_problem

#: The press releases the catalogue's facts come from: ``../shared/seeds`` next to the repository.
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DATE_LINE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\b")

FIRST = "000_2cccb1eb8e631a90.txt"
SECOND = "001_0a785f59c5b8bd8c.txt"
FIRST_TITLE = (
    "SCO and the “Belt and Road” International Cooperation Hub for Central SOEs Recruits "
    "Customers Online to Seek Central-local Cooperation in Qingdao and Implement Win-win "
    "National Strategy"
)
SECOND_TITLE = (
    "Qingdao International Cooperation Hub for Belt and Road & Central SOEs—Six Groups of "
    "Guests in One Day: Closer Interaction between Central SOEs and Qingdao"
)


def seed_title_and_date(path: Path) -> tuple[str, str]:
    """A seed file's first line (its title) and the date of its date line (the next line)."""
    lines = [line.strip() for line in path.read_text("utf-8-sig").splitlines()]
    title = lines[0]
    date_line = next(line for line in lines[1:] if line)
    match = DATE_LINE_RE.match(date_line)
    assert match, f"{path.name}: no date at the start of {date_line!r}"
    return title, match.group(1)


# ---------------------------------------------------------------- the packaged list


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed folder {SEEDS_DIR} not present")
def test_sources_file_matches_the_seed_files() -> None:
    """Every title and date of data/sources.yaml is the seed file's first line and date line."""
    for name, entry in load_sources().root.items():
        path = SEEDS_DIR / name
        assert path.is_file(), f"{name}: no such seed file in {SEEDS_DIR}"
        title, date = seed_title_and_date(path)
        assert entry.title == title, name
        assert entry.date.isoformat() == date, name


def test_the_seed_catalogue_names_only_listed_files() -> None:
    """Facts of the seed file name listed files, and every listed file is named."""
    document = load_seed_document()
    named = {
        name.strip()
        for section in (document.projects, document.figures, document.events)
        for entry in section
        for name in (entry.source or "").split(",")
    }
    assert named == set(load_sources().root)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "press release, 20 Apr 2021"),
        ("zh", "新闻稿，2021年4月20日"),
        ("ru", "пресс-релиз от 20.04.2021"),
    ],
)
def test_label_of_one_press_release(lang: str, expected: str) -> None:
    """One short line in the asked language; the title is left to the website's Sources page."""
    assert source_label(FIRST, lang, load_sources()) == expected


def test_label_of_two_press_releases() -> None:
    """Two files are labelled in their order, joined with ``; ``."""
    label = source_label(f"{FIRST}, {SECOND}", "ru", load_sources())
    assert label == "пресс-релиз от 20.04.2021; пресс-релиз от 25.09.2021"
    assert FIRST_TITLE not in label


@pytest.mark.parametrize("source", [None, "", "seed-x.md", f"{FIRST}, seed-x.md"])
def test_no_label_without_a_known_source(source: str | None) -> None:
    """No source, or a row stored with a file the list lacks (never the seed): no label."""
    assert source_label(source, "en", load_sources()) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (FIRST, None),
        (f"{FIRST},{SECOND}", None),
        ("000.txt", "unknown source file(s) '000.txt'; known files: 000_2cccb1eb8e631a90.txt"),
        (f"{FIRST}, ", "empty file name"),
        (f"{FIRST}, {FIRST}", "named twice"),
    ],
)
def test_source_problems(source: str, expected: str | None) -> None:
    """Unknown, empty and repeated file names are reported in one sentence."""
    problem = source_problem(source, load_sources())
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{}", "no source files listed"),
        ("a.txt: {date: '2021-02-30', title: T}", "date"),
        ("a.txt: {date: '2021-02-03', title: ''}", "title"),
        ("a.txt: {date: '2021-02-03', title: T, url: x}", "url"),
        ("a.txt: {date: '2021-02-03'}", "title"),
        ("'a b.txt': {date: '2021-02-03', title: T}", "a b.txt"),
        ("a.txt: [", "invalid sources file"),
    ],
)
def test_invalid_sources_files_are_refused(text: str, expected: str) -> None:
    """A source list with a bad date, title, field or file name is refused whole."""
    with pytest.raises(ValueError, match=r"invalid sources file s\.yaml") as caught:
        parse_sources(text, "s.yaml")
    assert expected in str(caught.value)


# ---------------------------------------------------------------- the seed and the loader refuse


def test_seed_file_with_unknown_or_missing_source_is_refused() -> None:
    """A seed file naming an unknown file, or a fact without a source, is refused."""
    text = TEST_CATALOGUE_FILE.read_text("utf-8")
    with pytest.raises(ValueError) as caught:
        parse_seed_document(text, "catalogue.yaml")  # the packaged list lacks fixture-a.txt
    assert "invalid seed file catalogue.yaml" in str(caught.value)
    assert "hub: field 'source': unknown source file(s) 'fixture-a.txt'" in str(caught.value)
    assert "figures[0] (launch_projects): field 'source'" in str(caught.value)

    broken = text.replace("    source: fixture-b.txt\n  - id: gearwheel", "  - id: gearwheel", 1)
    assert broken.count("source:") == text.count("source:") - 1
    with pytest.raises(ValueError) as caught:
        parse_seed_document(broken, "catalogue.yaml", TEST_SOURCES)
    assert "projects[5] (frostline-cold-chain-park): field 'source': missing" in str(caught.value)


def test_start_up_refuses_a_catalogue_with_unknown_sources(tmp_path: Path) -> None:
    """The service does not start when its catalogue names files its source list lacks."""
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"), seed=TEST_CATALOGUE)
    try:
        refused = pytest.raises(ValueError, match="invalid seed catalogue: hub: field 'source'")
        with refused, TestClient(app):
            pass
    finally:
        app.state.engine.dispose()


def test_loader_refuses_unknown_source_files(tmp_path: Path, capsys) -> None:
    """The loader names the line, the id and the field of an unknown source file."""
    path = tmp_path / "projects.csv"
    path.write_text(
        "id,name_en,name_zh,name_ru,sectors,status,source\n"
        f'a,A,甲,А,trade,signed,"{FIRST}, {SECOND}"\n'
        "b,B,乙,Б,trade,signed,\n"
        "c,C,丙,В,trade,signed,press-release.pdf\n",
        encoding="utf-8",
    )
    assert cli.main(["load", str(path), "--dry-run"]) == 1
    assert (
        "projects.csv: line 4 (id 'c'): field 'source': unknown source file(s) "
        "'press-release.pdf'; known files: 000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt"
    ) in capsys.readouterr().err

    yaml_file = tmp_path / "projects.yaml"
    yaml_file.write_text(
        textwrap.dedent(
            """
            - {id: a, name: {en: A, zh: 甲, ru: А}, sectors: [trade], status: signed,
               source: fixture-a.txt}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(file_parsing.CatalogueFileError, match="'source': unknown"):
        file_parsing.read_projects_file(yaml_file)
    assert [p.id for p in file_parsing.read_projects_file(yaml_file, TEST_SOURCES)] == ["a"]


# ---------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("lang", "frame"),
    [
        ("en", "press release, 20 Sep 2033"),
        ("zh", "新闻稿，2033年9月20日"),
        ("ru", "пресс-релиз от 20.09.2033"),
    ],
)
def test_answers_carry_source_labels(client: TestClient, lang: str, frame: str) -> None:
    """Projects, figures and events have ``source_label`` in the asked language."""
    label_a = frame
    label_b = {"en": "press release, 15 Jun 2033", "zh": "新闻稿，2033年6月15日"}.get(
        lang, "пресс-релиз от 15.06.2033"
    )
    project = client.get("/projects/gearwheel-works-branch", params={"lang": lang}).json()
    assert project["source"] == "fixture-b.txt"
    assert project["source_label"] == label_b
    listed = client.get("/projects", params={"lang": lang, "q": "Cloudberry"}).json()["items"]
    assert listed[0]["source_label"] == f"{label_a}; {label_b}"
    hub = client.get("/hub", headers={"Accept-Language": lang}).json()
    figures = {f["key"]: f for f in hub["figures"]}
    assert figures["launch_projects"]["source_label"] == label_a
    events = {e["id"]: e for e in hub["events"]}
    assert events["launch-2032"]["source_label"] == label_a
    assert all(item["source_label"] for item in [*hub["figures"], *hub["events"]])
    assert (hub["source"], hub["source_label"]) == ("fixture-a.txt", label_a)


@pytest.mark.parametrize(
    ("lang", "frame"),
    [
        ("en", "press release, 15 Jun 2033"),
        ("zh", "新闻稿，2033年6月15日"),
        ("ru", "пресс-релиз от 15.06.2033"),
    ],
)
def test_services_and_contacts_carry_source_labels(
    client: TestClient, lang: str, frame: str
) -> None:
    """Services and contacts have ``source_label`` in the asked language, never a file name."""
    services = client.get("/services", params={"lang": lang}).json()["items"]
    contacts = client.get("/contacts", params={"lang": lang}).json()["items"]
    hr_service = next(item for item in services if item["type"] == "hr")
    hr_contact = next(item for item in contacts if item["source"] == "fixture-b.txt")
    for item in (hr_service, hr_contact):
        assert item["source_label"] == frame
    for item in [*services, *contacts]:
        assert item["source_label"] and ".txt" not in item["source_label"]


def test_source_label_is_optional_in_the_schema(client: TestClient) -> None:
    """Clients and fakes written before ``source_label`` stay valid."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("ProjectOut", "FigureOut", "EventOut"):
        assert "source_label" in schemas[name]["properties"], name
        assert "source_label" not in schemas[name].get("required", []), name
        assert "source" in schemas[name]["required"], name
    for name in ("ServiceOut", "ContactOut", "HubOut"):  # their ``source`` came later
        for field in ("source", "source_label"):
            assert field in schemas[name]["properties"], (name, field)
            assert field not in schemas[name].get("required", []), (name, field)
