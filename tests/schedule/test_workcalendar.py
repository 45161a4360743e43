from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.errors import FrequencyError
from cgtask.schedule.calendar import OFFICIAL_LAST_YEAR, WorkCalendar

CALENDAR = WorkCalendar()
# Official years plus a few fallback years on either side of the table's end.
DATES = st.dates(min_value=date(2010, 1, 1), max_value=date(2032, 12, 31))


def test_adjusted_sunday_is_a_workday() -> None:
    assert CALENDAR.is_workday(date(2022, 1, 30))
    assert CALENDAR.is_workday(date(2022, 4, 2))


def test_official_holidays_are_not_workdays() -> None:
    assert not CALENDAR.is_workday(date(2022, 4, 4))  # 清明
    assert not CALENDAR.is_workday(date(2022, 10, 3))  # 国庆


@pytest.mark.parametrize(
    ("month_end", "due"),
    [
        (date(2022, 1, 31), date(2022, 1, 30)),  # 春节 starts 1-31; Sunday 1-30 is a 调休 workday
        (date(2022, 4, 30), date(2022, 4, 29)),  # 劳动节 starts on Saturday 4-30
        (date(2022, 12, 31), date(2022, 12, 30)),  # Saturday
        (date(2022, 3, 31), date(2022, 3, 31)),  # already a workday
    ],
)
def test_month_ends_roll_back_to_the_official_last_workday(month_end: date, due: date) -> None:
    assert CALENDAR.roll_back(month_end) == due


def test_roll_forward_skips_holidays() -> None:
    assert CALENDAR.roll_forward(date(2022, 10, 1)) == date(2022, 10, 8)  # a 调休 Saturday


def test_official_years_are_known() -> None:
    assert CALENDAR.knows_year(2022)
    assert CALENDAR.knows_year(OFFICIAL_LAST_YEAR)
    assert not CALENDAR.is_provisional(date(2022, 6, 1))


def test_unknown_year_is_provisional_and_falls_back_to_monday_to_friday() -> None:
    assert not CALENDAR.knows_year(2027)
    assert CALENDAR.is_provisional(date(2027, 3, 1))
    assert CALENDAR.is_workday(date(2027, 1, 1))  # a Friday; no notice known, so plain weekday rule
    assert not CALENDAR.is_workday(date(2027, 1, 2))  # Saturday
    assert CALENDAR.roll_back(date(2027, 1, 31)) == date(2027, 1, 29)


def test_fallback_honours_extra_holidays_and_workdays() -> None:
    calendar = WorkCalendar(extra_holidays=[date(2027, 1, 1)], extra_workdays=[date(2027, 1, 2)])
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.is_workday(date(2027, 1, 2))
    assert calendar.roll_back(date(2027, 1, 3)) == date(2027, 1, 2)
    assert calendar.roll_forward(date(2027, 1, 1)) == date(2027, 1, 2)
    assert calendar.is_provisional(date(2027, 1, 2))


def test_confirmed_year_is_no_longer_provisional() -> None:
    calendar = WorkCalendar(confirmed_years=[2027])
    assert calendar.knows_year(2027)
    assert not calendar.is_provisional(date(2027, 5, 1))


def test_a_day_both_holiday_and_workday_is_rejected_in_chinese() -> None:
    with pytest.raises(FrequencyError, match="同时列为节假日和调休工作日"):
        WorkCalendar(extra_holidays=[date(2027, 1, 1)], extra_workdays=[date(2027, 1, 1)])


def test_add_workdays_crosses_holidays_and_years() -> None:
    assert CALENDAR.add_workdays(date(2022, 9, 30), 1) == date(2022, 10, 8)
    assert CALENDAR.add_workdays(date(2022, 10, 8), -1) == date(2022, 9, 30)
    assert CALENDAR.add_workdays(date(2022, 12, 30), 1) == date(2023, 1, 3)  # 1-2 is 元旦 in lieu
    assert CALENDAR.add_workdays(date(2023, 1, 3), -1) == date(2022, 12, 30)
    assert CALENDAR.add_workdays(date(2022, 3, 5), 0) == date(2022, 3, 5)


def test_a_year_of_workdays_matches_chinese_calendar() -> None:
    calendar = WorkCalendar()
    days = calendar.workdays_in_year(2022)
    assert list(days) == chinese_calendar.get_workdays(date(2022, 1, 1), date(2022, 12, 31))
    assert len(days) == 249
    assert calendar.workdays_in_year(2022) == days


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(OFFICIAL_LAST_YEAR, 12, 31)))
def test_official_years_agree_with_chinese_calendar(d: date) -> None:
    assert CALENDAR.is_workday(d) == chinese_calendar.is_workday(d)


@given(DATES)
def test_roll_back_is_the_last_workday_on_or_before(d: date) -> None:
    rolled = CALENDAR.roll_back(d)
    assert rolled <= d
    assert CALENDAR.is_workday(rolled)
    between = (rolled + timedelta(days=i) for i in range(1, (d - rolled).days + 1))
    assert not any(CALENDAR.is_workday(x) for x in between)


@given(DATES)
def test_roll_forward_is_the_first_workday_on_or_after(d: date) -> None:
    rolled = CALENDAR.roll_forward(d)
    assert rolled >= d
    assert CALENDAR.is_workday(rolled)
    between = (d + timedelta(days=i) for i in range((rolled - d).days))
    assert not any(CALENDAR.is_workday(x) for x in between)


@given(DATES, st.integers(min_value=-300, max_value=300).filter(lambda n: n != 0))
def test_add_workdays_there_and_back(d: date, n: int) -> None:
    moved = CALENDAR.add_workdays(d, n)
    assert CALENDAR.is_workday(moved)
    assert (moved > d) == (n > 0)
    back = CALENDAR.add_workdays(moved, -n)
    # From a non-working day the round trip lands on the nearest workday on the side it left from.
    expected = CALENDAR.roll_back(d) if n > 0 else CALENDAR.roll_forward(d)
    assert back == expected


@given(DATES, st.integers(min_value=1, max_value=40))
def test_add_workdays_counts_exactly_n_workdays(d: date, n: int) -> None:
    moved = CALENDAR.add_workdays(d, n)
    span = (d + timedelta(days=i) for i in range(1, (moved - d).days + 1))
    assert sum(CALENDAR.is_workday(x) for x in span) == n
