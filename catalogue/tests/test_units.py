"""Unit tests without a database: settings, language negotiation, formatting, search."""

from __future__ import annotations

import pytest

import hub_vocabulary as vocabulary
from catalogue_api import codes, i18n, search
from catalogue_api.settings import (
    REPO_ROOT,
    Settings,
    SettingsError,
    get_settings,
    load_settings,
)


def test_settings_defaults() -> None:
    """Without variables the settings are the documented defaults."""
    settings = load_settings({})
    assert settings == Settings()
    assert settings.database_url == f"sqlite:///{REPO_ROOT / 'var' / 'catalogue.db'}"
    assert (REPO_ROOT / "catalogue" / "catalogue_api").is_dir()
    assert settings.api_key is None
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_settings_from_environment() -> None:
    """Every variable is read, stripped and normalised."""
    settings = load_settings(
        {
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/hub",
            "CATALOGUE_API_KEY": "  s3cret ",
            "CATALOGUE_HOST": "0.0.0.0",
            "CATALOGUE_PORT": "8123",
            "CATALOGUE_MAX_BODY_BYTES": "2048",
            "CATALOGUE_LOG_LEVEL": "WARNING",
        }
    )
    assert settings.database_url == "postgresql+psycopg://postgres@127.0.0.1:5432/hub"
    assert settings.api_key == "s3cret"
    assert settings.port == 8123 and settings.max_body_bytes == 2048
    assert settings.log_level == "warning"
    assert load_settings({"CATALOGUE_API_KEY": "   "}).api_key is None


@pytest.mark.parametrize(
    "environ",
    [
        {"CATALOGUE_PORT": "http"},
        {"CATALOGUE_PORT": "70000"},
        {"CATALOGUE_MAX_BODY_BYTES": "10"},
        {"CATALOGUE_LOG_LEVEL": "loud"},
    ],
)
def test_bad_settings(environ: dict) -> None:
    """Unusable values are a SettingsError."""
    with pytest.raises(SettingsError):
        load_settings(environ)


def test_settings_read_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a mapping the settings come from ``os.environ``; blank variables are unset."""
    monkeypatch.setenv("CATALOGUE_PORT", " 8124 ")
    monkeypatch.setenv("CATALOGUE_HOST", "")
    monkeypatch.setenv("DATABASE_URL", "postgres://hub@db.example.org/hub")
    settings = load_settings()
    assert (settings.host, settings.port) == ("127.0.0.1", 8124)
    assert settings.database_url == "postgresql+psycopg://hub@db.example.org/hub"
    get_settings.cache_clear()
    try:
        assert get_settings() is get_settings()
        assert get_settings() == settings
    finally:
        get_settings.cache_clear()


def test_codes_come_from_the_shared_vocabulary() -> None:
    """The API's enums are the shared vocabulary's codes, in its order; no copy to drift."""
    for enum, vocabulary_codes in (
        (codes.Language, vocabulary.LANGUAGES),
        (codes.Sector, vocabulary.SECTORS),
        (codes.District, vocabulary.DISTRICTS),
        (codes.ProjectStatus, vocabulary.PROJECT_STATUSES),
        (codes.ServiceType, vocabulary.CATALOGUE_SERVICE_TYPES),
        (codes.LeadStatus, vocabulary.LEAD_STATUSES),
    ):
        assert codes.values(enum) == list(vocabulary_codes), enum
    assert i18n.SUPPORTED == vocabulary.LANGUAGES
    transitions = {
        status.value: {following.value for following in allowed}
        for status, allowed in codes.LEAD_TRANSITIONS.items()
    }
    assert transitions == {s: set(nxt) for s, nxt in vocabulary.NEXT_LEAD_STATUSES.items()}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("zh-Hans-CN", "zh"),
        ("ZH-cn", "zh"),
        ("fr-FR,de;q=0.9", "en"),
        ("fr-FR,de;q=0.9,ru;q=0.1", "ru"),
        ("en;q=0.2,ru;q=0.8", "ru"),
        ("ru;q=0,zh", "zh"),
        ("*", "en"),
        ("ru;q=abc,zh;q=0.5", "zh"),
        ("ru;q=7,zh;q=0.5", "zh"),
        ("garbage;;;,,,", "en"),
        ("zh;q=0.5,ru;q=0.5", "zh"),
    ],
)
def test_accept_language_parsing(header: str | None, expected: str) -> None:
    """Accept-Language parsing: q-weights, regions, scripts and garbage."""
    assert i18n.parse_accept_language(header) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (12000, "en", "12,000"),
        (12000, "ru", "12\u00a0000"),
        (1000, "ru", "1000"),
        (12000, "zh", "12000"),
        (42.7, "ru", "42,7"),
        (48.327, "en", "48.327"),
        (30.0, "en", "30"),
        (0.1 + 0.2, "en", "0.30000000000000004"),
    ],
)
def test_format_number(value: float, lang: str, expected: str) -> None:
    """Numbers in each language's format."""
    assert i18n.format_number(value, lang) == expected


def test_figure_display_and_dates() -> None:
    """Figures with units and qualifiers, and dates at each precision."""
    assert i18n.figure_display(42.7, "billion_cny", "approximately", "zh") == "约427亿元"
    assert i18n.figure_display(10, "million_people", None, "zh") == "1000万人"
    assert i18n.figure_display(40.2, "percent", None, "ru") == "40,2 %"
    assert i18n.date_label("2021-07-20", "zh") == "2021年7月20日"
    assert i18n.date_label("2021-06", "ru") == "июнь 2021 г."
    assert i18n.date_label("2019", "en") == "2019"


def test_every_code_has_labels_in_three_languages() -> None:
    """Every canonical code has a label in each language."""
    from catalogue_api.codes import District, LeadStatus, ProjectStatus, Sector, ServiceType

    for kind, enum in (
        ("sector", Sector),
        ("district", District),
        ("project_status", ProjectStatus),
        ("service_type", ServiceType),
        ("lead_status", LeadStatus),
    ):
        for code in enum:
            labels = {lang: i18n.label(kind, code.value, lang) for lang in i18n.SUPPORTED}
            assert all(labels.values()) and code.value not in labels.values(), (kind, code)
            assert len(set(labels.values())) == 3 or kind == "district", (kind, labels)


def test_search_scores() -> None:
    """Scores of the fuzzy name match."""
    names = ["SCO Finance Building", "上合金融大厦项目", "Финансовое здание ШОС"]
    assert search.matches("sco finanse bilding", names) is not None
    assert search.matches("金融", names) == 100
    assert search.matches("финансовое", names) == 100
    assert search.matches("Финансовое Здание", names) == 100
    assert search.matches("plaza", names) is None
    assert search.matches("", names) is None
