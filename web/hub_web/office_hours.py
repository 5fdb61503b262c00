"""The hub's office hours, in Qingdao time: when a member of staff can answer a visitor.

Defined once, by ``HUB_OFFICE_HOURS`` (:mod:`hub_web.settings`), for everything that needs
them: the chat widget asks the website whether staff are in (``GET /chat/office-hours``,
:mod:`hub_web.staff_alerts.routes`) when a visitor starts waiting for a person, and the
console shows them with the waiting list. The seeds publish no office hours: the default is a
configuration value, not a fact about the hub.

The value is one or more groups separated by ``;``, each a set of days and a time range:
``Mon-Fri 09:00-18:00``, ``Mon-Fri 09:00-12:00; Mon-Fri 13:00-18:00; Sat 10:00-14:00``.
Days are English three-letter abbreviations, as ranges (``Mon-Fri``) or lists (``Mon,Wed``);
``24:00`` ends a range at midnight. A range never crosses midnight.

The parsing is here, in the website (the only process that reads the setting), and not in
``hub_vocabulary``, which holds codes only and stays free of time-zone logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import get_day_names

#: Qingdao's time zone (China Standard Time, no daylight saving).
HUB_TIME_ZONE = "Asia/Shanghai"
DEFAULT_OFFICE_HOURS = "Mon-Fri 09:00-18:00"
DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_GROUP = re.compile(
    r"^(?P<days>[A-Za-z,\-\s]+?)\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)
#: How a range of days or of times is written in every language (an en dash).
RANGE_DASH = "–"
MINUTES_PER_DAY = 24 * 60


class OfficeHoursError(ValueError):
    """Raised for a ``HUB_OFFICE_HOURS`` value that cannot be read."""


@dataclass(frozen=True)
class OfficeSpan:
    """One group: days of the week (0 = Monday) and minutes since midnight, end excluded."""

    days: tuple[int, ...]
    start: int
    end: int


def _minutes(value: str) -> int:
    hours, minutes = (int(part) for part in value.split(":"))
    if minutes >= 60 or hours > 24 or (hours == 24 and minutes):
        raise OfficeHoursError(f"not a time of day: {value!r}")
    return hours * 60 + minutes


def _day(value: str) -> int:
    code = value.strip().lower()[:3]
    if code not in DAY_CODES or not value.strip():
        raise OfficeHoursError(f"not a day of the week: {value!r}")
    return DAY_CODES.index(code)


def _days(value: str) -> tuple[int, ...]:
    days: list[int] = []
    for part in value.split(","):
        first, _, last = part.partition("-")
        start = _day(first)
        end = _day(last) if last else start
        if end < start:
            raise OfficeHoursError(f"days go backwards: {part.strip()!r}")
        days.extend(day for day in range(start, end + 1) if day not in days)
    return tuple(sorted(days))


def _format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class OfficeHours:
    """When staff are in, in Qingdao time."""

    spans: tuple[OfficeSpan, ...]
    time_zone: str = HUB_TIME_ZONE

    @classmethod
    def parse(cls, value: str, time_zone: str = HUB_TIME_ZONE) -> OfficeHours:
        """Read ``HUB_OFFICE_HOURS`` (see the module's docstring), in ``time_zone``.

        Raises:
            OfficeHoursError: When the value cannot be read.
        """
        spans = []
        for group in filter(None, (part.strip() for part in value.split(";"))):
            match = _GROUP.match(group)
            if match is None:
                raise OfficeHoursError(f"expected 'Mon-Fri 09:00-18:00', got {group!r}")
            start, end = _minutes(match["start"]), _minutes(match["end"])
            if end <= start:
                raise OfficeHoursError(f"the time range ends before it starts: {group!r}")
            spans.append(OfficeSpan(_days(match["days"]), start, end))
        if not spans:
            raise OfficeHoursError("no office hours given")
        return cls(tuple(spans), time_zone)

    def local(self, moment: datetime) -> datetime:
        """``moment`` in Qingdao time (a naive ``moment`` is taken as UTC)."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(ZoneInfo(self.time_zone))

    def is_open(self, moment: datetime | None = None) -> bool:
        """Whether ``moment`` (now when omitted) is within the office hours in Qingdao."""
        local = self.local(moment or datetime.now(UTC))
        minute = local.hour * 60 + local.minute
        return any(
            local.weekday() in span.days and span.start <= minute < span.end for span in self.spans
        )

    def label(self, language: str) -> str:
        """The hours for people: ``Mon–Fri 09:00–18:00`` with CLDR's day names in ``language``.

        Groups are joined with ``; ``. Only day names come from Babel; there are no words.
        """
        names = {
            day: str(name) for day, name in get_day_names("abbreviated", locale=language).items()
        }
        groups = []
        for span in self.spans:
            times = f"{_format_time(span.start)}{RANGE_DASH}{_format_time(span.end)}"
            groups.append(f"{_day_runs(span.days, names)} {times}")
        return "; ".join(groups)


def _day_runs(days: tuple[int, ...], names: dict[int, str]) -> str:
    """Consecutive days as ranges (``Mon–Fri``), others listed with commas."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        names[run[0]] if len(run) == 1 else f"{names[run[0]]}{RANGE_DASH}{names[run[-1]]}"
        for run in runs
    )
