"""Notice-period arithmetic: how many calendar or working days, the first day included.

Pure. Working days follow the State Council's published holidays and adjusted working weekends,
from the `chinesecalendar` package, corrected or extended by the round's own list
(`notice.calendar` in round.yaml). A day whose status is not known is an error (`CalendarUnknown`),
never a guess: a notice period that ends a day early is worse than a build that stops.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Count = Literal["calendar", "workdays"]
COUNTS: tuple[Count, ...] = ("calendar", "workdays")

# A notice period is days or weeks long; a cap keeps a mistyped `days: 30000` from looping for long.
MAX_DAYS = 366


class NoticeUncomputable(ValueError):
    """Why a notice period cannot be computed: a message code, its parameters, and the record at fault
    (`round` or `approval`). Every command reaches the same verdict through `notice_period`."""

    code = ""
    record = "round"

    def __init__(self, detail: str, params: dict[str, Any]) -> None:
        super().__init__(detail)
        self.params = params


class CalendarUnknown(NoticeUncomputable):
    """The working-day status of `day` is known neither to chinesecalendar nor to the round's list."""

    code = "notice.calendar-unknown"

    def __init__(self, day: datetime.date) -> None:
        params = {"day": day.isoformat(), "year": day.year}
        super().__init__(f"no official calendar for {day.isoformat()}", params)
        self.day = day


class BeyondCalendar(NoticeUncomputable):
    """The period would end after 9999-12-31, the last day a date can name."""

    code = "notice.beyond-calendar"
    record = "approval"

    def __init__(self, first_day: datetime.date, days: int) -> None:
        params = {"first_day": first_day.isoformat(), "days": days}
        super().__init__(f"{days} days from {first_day.isoformat()} end after the calendar", params)


@dataclass(frozen=True)
class Overrides:
    """The round's corrections to the official calendar.

    `years` are years the round lists completely (their weekdays work unless in `holidays`, their
    weekends rest unless in `workdays`); for any other year a listed day overrides chinesecalendar.
    """

    years: frozenset[int] = frozenset()
    holidays: frozenset[datetime.date] = frozenset()
    workdays: frozenset[datetime.date] = frozenset()


NO_OVERRIDES = Overrides()


@dataclass(frozen=True)
class Period:
    first_day: datetime.date
    last_day: datetime.date
    days: int
    count: Count

    def contains(self, day: datetime.date) -> bool:
        return self.first_day <= day <= self.last_day

    def as_json(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "days": self.days,
            "count": self.count,
        }


def parse_overrides(calendar: Any) -> Overrides:
    """`notice.calendar` of round.yaml (already schema-checked) as Overrides; bad items are skipped."""
    if not isinstance(calendar, Mapping):
        return NO_OVERRIDES
    return Overrides(
        years=frozenset(y for y in _list(calendar.get("years")) if isinstance(y, int)),
        holidays=frozenset(_dates(calendar.get("holidays"))),
        workdays=frozenset(_dates(calendar.get("workdays"))),
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dates(values: Any) -> Iterable[datetime.date]:
    for value in _list(values):
        day = parse_date(value)
        if day is not None:
            yield day


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_date(value: Any) -> datetime.date | None:
    """A date written YYYY-MM-DD, the one form the records, the schemas' `format: date` and the command
    line take, as a date; else None. Python's fromisoformat alone also reads 20211015 and week dates
    (2021-W41-5), which validate refuses (`schema.format`, in Chinese): a record it refuses must not be
    read as a date by the stages, check-pr or the site."""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def is_workday(day: datetime.date, overrides: Overrides = NO_OVERRIDES) -> bool:
    """Whether `day` is an official working day. Raises CalendarUnknown when no source knows."""
    if day in overrides.workdays:
        return True
    if day in overrides.holidays:
        return False
    if day.year in overrides.years:
        return day.weekday() < 5
    import chinese_calendar  # here, not at the top: only a notice period needs it

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        raise CalendarUnknown(day) from None


def notice_period(
    first_day: datetime.date, days: int, count: Count, overrides: Overrides = NO_OVERRIDES
) -> Period:
    """The period of `days` days starting on `first_day` (counted as its first day).

    With `workdays`, only working days count, so a period that starts on a holiday counts from the
    next working day; its first day is still the day the notice is published. Raises CalendarUnknown
    (a working day no source knows) or BeyondCalendar (the period would end after 9999-12-31).
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}: {days}")
    try:
        if count == "calendar":
            return Period(first_day, first_day + datetime.timedelta(days=days - 1), days, count)
        day, counted = first_day, 0
        while True:
            if is_workday(day, overrides):
                counted += 1
                if counted == days:
                    return Period(first_day, day, days, count)
            day += datetime.timedelta(days=1)
    except OverflowError:
        raise BeyondCalendar(first_day, days) from None
