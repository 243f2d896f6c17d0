"""Notice periods replayed against real published ones."""

from __future__ import annotations

import datetime

import pytest

from kczy.workdays import CalendarUnknown, Overrides, is_workday, notice_period, parse_date, parse_overrides

D = datetime.date


def test_three_working_days_over_national_day() -> None:
    # 2021: 1–7 October off, Saturday 9 October a working day.
    period = notice_period(D(2021, 9, 30), 3, "workdays")
    assert (period.first_day, period.last_day) == (D(2021, 9, 30), D(2021, 10, 9))


def test_five_working_days_with_an_adjusted_sunday() -> None:
    # Sunday 26 September 2021 was a working day (for the Mid-Autumn festival).
    period = notice_period(D(2021, 9, 24), 5, "workdays")
    assert period.last_day == D(2021, 9, 29)


def test_calendar_days_include_the_first_day() -> None:
    assert notice_period(D(2021, 9, 30), 3, "calendar").last_day == D(2021, 10, 2)
    assert notice_period(D(2021, 9, 30), 1, "calendar").last_day == D(2021, 9, 30)


def test_a_period_starting_on_a_holiday_counts_from_the_next_working_day() -> None:
    period = notice_period(D(2021, 10, 1), 1, "workdays")
    assert (period.first_day, period.last_day) == (D(2021, 10, 1), D(2021, 10, 8))


def test_a_year_without_data_is_an_error_not_a_guess() -> None:
    with pytest.raises(CalendarUnknown) as caught:
        notice_period(D(2031, 1, 2), 3, "workdays")
    assert caught.value.day.year == 2031
    # Calendar days need no calendar.
    assert notice_period(D(2031, 1, 2), 3, "calendar").last_day == D(2031, 1, 4)


def test_a_period_running_into_an_unknown_year_is_an_error() -> None:
    with pytest.raises(CalendarUnknown):
        notice_period(D(2026, 12, 30), 5, "workdays")


def test_a_year_listed_in_the_round_is_computed_from_the_list() -> None:
    overrides = parse_overrides(
        {"years": [2031], "holidays": ["2031-01-01", "2031-01-02"], "workdays": ["2031-01-04"]}
    )
    assert not is_workday(D(2031, 1, 2), overrides)
    assert is_workday(D(2031, 1, 4), overrides)  # a Saturday made a working day
    assert notice_period(D(2031, 1, 1), 3, "workdays", overrides).last_day == D(2031, 1, 6)


def test_a_listed_day_corrects_a_known_year() -> None:
    assert is_workday(D(2021, 10, 9))
    assert not is_workday(D(2021, 10, 9), Overrides(holidays=frozenset({D(2021, 10, 9)})))
    # Calendar corrections are not applied to other years.
    assert parse_overrides({"holidays": ["not a date", 3]}) == Overrides()


def test_silly_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        notice_period(D(2021, 9, 30), 0, "calendar")


@pytest.mark.parametrize("text", ["2021-10-15", "2024-02-29"])
def test_a_date_is_read_only_as_written_yyyy_mm_dd(text: str) -> None:
    assert parse_date(text) == datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    "value",
    ["20211015", "2021-W41-5", "2021W415", "2021-288", "２０２１-１０-１５", "2021-10-15T00:00", "2021-02-29",
     " 2021-10-15", 20211015, None],
)
def test_what_python_reads_as_a_date_but_the_rules_refuse_is_no_date(value: object) -> None:
    """fromisoformat alone takes compact, week and ordinal forms; validate refuses them (schema.format)."""
    assert parse_date(value) is None
