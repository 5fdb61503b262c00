"""The analytics filter read from the query string, and what the charts page gets."""

from __future__ import annotations

from datetime import date

import pytest

from hub_web.console.analytics_page import CHARTS, AnalyticsFilter, page_context, parse_filter


def test_an_empty_query_is_no_filter() -> None:
    assert parse_filter({}) == AnalyticsFilter()
    assert parse_filter({"from": " ", "to": "", "language": ""}) == AnalyticsFilter()
    assert AnalyticsFilter().since is None


def test_days_and_language_are_read() -> None:
    parsed = parse_filter({"from": "2024-05-01", "to": "2024-05-31", "language": "zh"})
    assert parsed == AnalyticsFilter(date(2024, 5, 1), date(2024, 5, 31), "zh")
    assert parsed.since == 1714435200.0  # 2024-04-30 00:00 UTC: a day early, for any zone
    assert parse_filter({"language": "unknown"}).language == "unknown"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "01/05/2024"}, "'from' must be a date such as 2024-05-31."),
        ({"to": "2024-02-30"}, "'to' must be a date such as 2024-05-31."),
        ({"from": "2024-06-01", "to": "2024-05-01"}, "'from' must not be after 'to'."),
        ({"language": "fr"}, "'language' must be one of en, zh, ru, unknown."),
    ],
)
def test_bad_values_are_explained(params: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_filter(params)
    assert str(error.value) == message


def test_page_context_keeps_the_filter_for_the_chart_urls() -> None:
    context = page_context({"from": "2024-05-01", "language": "ru", "other": "x"})
    assert context["analytics_query"] == {"from": "2024-05-01", "language": "ru"}
    assert context["analytics_error"] is None
    assert context["analytics_charts"] is CHARTS


def test_page_context_with_a_bad_value_shows_the_reason() -> None:
    context = page_context({"to": "tomorrow"})
    assert context["analytics_error"] == "'to' must be a date such as 2024-05-31."
    assert context["analytics_query"] == {}


def test_every_chart_has_two_csv_columns_and_a_chart_type() -> None:
    assert list(CHARTS) == [
        "conversations-per-day",
        "containment",
        "fallback-rate",
        "funnel",
        "top-intents",
        "top-projects",
        "top-services",
        "satisfaction",
    ]
    for info in CHARTS.values():
        assert len(info.columns) == 2
        assert info.kind in {"bar", "line", "doughnut"}
