"""Notice periods replayed against real published ones."""

from __future__ import annotations

import datetime

import pytest

from kczy.workdays import CalendarUnknown, Overrides, is_workday, notice_period, parse_overrides

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
