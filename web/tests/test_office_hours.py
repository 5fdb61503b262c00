"""Office hours in Qingdao time (Asia/Shanghai, UTC+8), with fixed clocks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hub_web.office_hours import DEFAULT_OFFICE_HOURS, OfficeHours, OfficeHoursError
from hub_web.settings import SettingsError, load_settings

WEEKDAYS = OfficeHours.parse("Mon-Fri 09:00-18:00")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2024, 5, 6, 1, 0), True),  # Monday 09:00 in Qingdao: opens
        (utc(2024, 5, 6, 0, 59), False),  # Monday 08:59 in Qingdao
        (utc(2024, 5, 6, 9, 59), True),  # Monday 17:59
        (utc(2024, 5, 6, 10, 0), False),  # Monday 18:00: closed (the end is excluded)
        (utc(2024, 5, 4, 3, 0), False),  # Saturday 11:00: weekend
        (utc(2024, 5, 5, 3, 0), False),  # Sunday 11:00: weekend
        # Around midnight UTC: Friday 23:30 UTC is Saturday 07:30 in Qingdao (closed) and
        # Sunday 23:30 UTC is Monday 07:30 in Qingdao (not yet open) ...
        (utc(2024, 5, 3, 23, 30), False),
        (utc(2024, 5, 5, 23, 30), False),
        # ... and Monday 00:30 UTC is still Monday in both, 08:30 in Qingdao; 01:30 is open.
        (utc(2024, 5, 6, 0, 30), False),
        (utc(2024, 5, 6, 1, 30), True),
        # Thursday 16:30 UTC is Friday 00:30 in Qingdao: closed at night.
        (utc(2024, 5, 9, 16, 30), False),
    ],
)
def test_open_is_decided_in_qingdao_time(moment: datetime, expected: bool) -> None:
    assert WEEKDAYS.is_open(moment) is expected


def test_a_naive_time_is_utc() -> None:
    assert WEEKDAYS.is_open(datetime(2024, 5, 6, 1, 0)) is True


def test_several_groups_and_lists_of_days() -> None:
    hours = OfficeHours.parse("Mon,Wed 09:00-12:00; Sat 10:00-24:00")
    assert hours.is_open(utc(2024, 5, 8, 2, 0))  # Wednesday 10:00
    assert not hours.is_open(utc(2024, 5, 7, 2, 0))  # Tuesday 10:00
    assert hours.is_open(utc(2024, 5, 4, 15, 59))  # Saturday 23:59
    assert not hours.is_open(utc(2024, 5, 4, 16, 0))  # Sunday 00:00


def test_labels_use_cldr_day_names_in_each_language() -> None:
    hours = OfficeHours.parse("Mon-Fri 09:00-18:00; Sat 10:00-14:00")
    assert hours.label("en") == "Mon–Fri 09:00–18:00; Sat 10:00–14:00"
    assert hours.label("zh") == "周一–周五 09:00–18:00; 周六 10:00–14:00"
    assert hours.label("ru") == "пн–пт 09:00–18:00; сб 10:00–14:00"
    assert OfficeHours.parse("Mon,Wed,Thu 9:00-17:30").label("en") == "Mon, Wed–Thu 09:00–17:30"


@pytest.mark.parametrize(
    "value",
    ["", "Mon-Fri", "Fri-Mon 09:00-18:00", "Mon 18:00-09:00", "Xyz 09:00-10:00", "Mon 25:00-26:00"],
)
def test_bad_values_are_refused(value: str) -> None:
    with pytest.raises(OfficeHoursError):
        OfficeHours.parse(value)


def test_the_setting_defaults_and_is_checked_at_start() -> None:
    assert load_settings({}).office_hours == DEFAULT_OFFICE_HOURS
    assert load_settings({"HUB_OFFICE_HOURS": "Mon-Sat 08:00-20:00"}).office_schedule.is_open(
        utc(2024, 5, 4, 1, 0)
    )
    with pytest.raises(SettingsError, match="HUB_OFFICE_HOURS"):
        load_settings({"HUB_OFFICE_HOURS": "weekdays"})
