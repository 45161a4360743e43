"""Due-date semantics of DESIGN.md §4–§6.

Periods belong to the year they start in, due dates never precede their period, daily duties are due on their
own day, and the effective window drops periods that end before it.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.due_rules import parse_due_rule
from cgtask.schedule.frequency import parse_frequency
from cgtask.schedule.occurrences import (
    ExpansionOptions,
    expand_occurrences,
    expand_window,
    occurrences_due_between,
    occurrences_due_in_month,
)
from cgtask.schedule.periods import periods_in_year

CALENDAR = WorkCalendar()
YEARS = st.integers(min_value=1995, max_value=2095)
PHRASES = [
    "每天", "每个工作日", "每周", "双周", "每旬", "每10天", "每7天", "每月", "双月", "每两个月（2月起）",
    "每4个月", "每季度", "每半年", "上半年", "下半年", "每学期", "每年", "每两年", "每三年",
]  # fmt: skip
RULES = ["", "次月5日前", "5日前", "3个工作日内", "顺延", "不顺延", "次月5日前，顺延"]
_DAYLESS_RULES = ["", "3个工作日内", "顺延", "不顺延"]


def _rules_for(phrase: str) -> list[str]:
    short = ("每天", "每个工作日", "每周", "双周", "每旬", "每10天", "每7天")
    return _DAYLESS_RULES if phrase in short else RULES


@st.composite
def _calendars(draw: st.DrawFn, year: int) -> WorkCalendar:
    """A registry calendar with random extra rest days and adjusted workdays, runs of rest days included."""
    start = date(year, 1, 1)
    offsets = st.integers(min_value=-40, max_value=400)
    rest = {start + timedelta(days=o) for o in draw(st.lists(offsets, max_size=30))}
    for first, length in draw(st.lists(st.tuples(offsets, st.integers(1, 45)), max_size=3)):
        rest |= {start + timedelta(days=first + i) for i in range(length)}
    work = {start + timedelta(days=o) for o in draw(st.lists(offsets, max_size=10))} - rest
    return WorkCalendar(extra_holidays=rest, extra_workdays=work)


@given(st.sampled_from(PHRASES), YEARS, st.data())
def test_a_due_date_never_precedes_its_period(phrase: str, year: int, data: st.DataObject) -> None:
    rule = parse_due_rule(data.draw(st.sampled_from(_rules_for(phrase))))
    calendar = data.draw(_calendars(year))
    for occurrence in expand_occurrences(
        parse_frequency(phrase), year, calendar, rule, options=ExpansionOptions(anchor_year=2000)
    ):
        assert occurrence.due >= occurrence.period.start


@given(st.sampled_from([p for p in PHRASES if p not in ("每天", "每个工作日")]), YEARS, st.data())
def test_due_is_the_last_workday_inside_else_the_first_after_for_any_calendar(
    phrase: str, year: int, data: st.DataObject
) -> None:
    calendar = data.draw(_calendars(year))
    for occurrence in expand_occurrences(
        parse_frequency(phrase), year, calendar, options=ExpansionOptions(anchor_year=2000)
    ):
        period, due = occurrence.period, occurrence.due
        inside = [d for d in _days(period.start, period.end) if calendar.is_workday(d)]
        assert due == (inside[-1] if inside else calendar.roll_forward(period.end + timedelta(days=1)))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@given(st.sampled_from(PHRASES), YEARS)
def test_no_two_periods_of_a_duty_overlap_and_each_starts_in_its_year(phrase: str, year: int) -> None:
    freq = parse_frequency(phrase)
    by_year = {
        y: [
            o.period
            for o in expand_occurrences(freq, y, CALENDAR, options=ExpansionOptions(anchor_year=2000))
        ]
        for y in (year - 1, year, year + 1)
    }
    assert all(p.start.year == y for y, periods in by_year.items() for p in periods)
    timeline = sorted((p for periods in by_year.values() for p in periods), key=lambda p: p.start)
    for earlier, later in itertools.pairwise(timeline):
        assert later.start > earlier.end


@given(YEARS)
def test_calendar_with_a_holiday_week_still_due_within_or_after(year: int) -> None:
    # A registry calendar that makes a whole week rest days: the week is due the Monday after.
    monday = next(p for p in periods_in_year("week", year) if p.start.month == 6)
    rest = [monday.start + timedelta(days=i) for i in range(7)]
    calendar = WorkCalendar(extra_holidays=rest)
    [occurrence] = [
        o for o in expand_occurrences(parse_frequency("每周"), year, calendar) if o.period == monday
    ]
    assert occurrence.due == calendar.roll_forward(monday.end + timedelta(days=1))


@pytest.mark.parametrize(
    ("phrase", "key", "due"),
    [
        ("每月", "2022-01", date(2022, 1, 30)),  # Sunday, a 调休 workday
        ("每月", "2022-04", date(2022, 4, 29)),
        ("每月", "2022-12", date(2022, 12, 30)),
        ("每周", "2022-W05", date(2022, 2, 7)),  # 1月31日—2月6日 is all 春节: the first workday after
        ("每周", "2022-W40", date(2022, 10, 9)),  # 10月3日—9日: Sunday 10-9 was a 调休 workday
        ("每天", "2022-10-03", date(2022, 10, 3)),  # 国庆: a daily duty is due on its own day
        ("每天", "2022-01-01", date(2022, 1, 1)),
    ],
)
def test_due_dates_of_2022(phrase: str, key: str, due: date) -> None:
    occurrences = {o.period.key: o for o in expand_occurrences(parse_frequency(phrase), 2022, CALENDAR)}
    assert occurrences[key].due == due


def test_a_year_of_daily_duty_is_that_years_days() -> None:
    daily = occurrences_due_between(parse_frequency("每天"), date(2022, 1, 1), date(2022, 12, 31), CALENDAR)
    dues = [o.due for o in daily]
    assert dues[:3] == [date(2022, 1, 1), date(2022, 1, 2), date(2022, 1, 3)]
    assert dues[-1] == date(2022, 12, 31)
    assert len(dues) == 365
    assert [o.period.key for o in expand_occurrences(parse_frequency("每天"), 2022, CALENDAR)][
        -1
    ] == "2022-12-31"


def test_the_week_across_new_year_belongs_to_the_year_it_starts_in() -> None:
    weekly = parse_frequency("每周")
    assert expand_occurrences(weekly, 2022, CALENDAR)[-1].period.key == "2022-W52"
    assert expand_occurrences(weekly, 2023, CALENDAR)[0].period.key == "2023-W01"
    assert expand_occurrences(weekly, 2023, CALENDAR)[0].period.start == date(2023, 1, 2)


def test_rest_days_owed_is_a_choice_for_daily_duties() -> None:
    daily = parse_frequency("每天")
    everyday = expand_occurrences(daily, 2022, CALENDAR)
    working = expand_occurrences(daily, 2022, CALENDAR, options=ExpansionOptions(rest_days_owed=False))
    assert len(everyday) == 365
    assert len(working) == 249
    assert all(CALENDAR.is_workday(o.due) and o.due == o.period.start for o in working)


def test_effective_window_drops_periods_that_end_before_it() -> None:
    # DESIGN §7: seed 004's weekly duty, issued 2022-03-07, is owed for the weeks ending 13, 20, 27 March.
    weekly = parse_frequency("每周不少于2次")
    march = occurrences_due_in_month(
        weekly, 2022, 3, CALENDAR, options=ExpansionOptions(effective_from=date(2022, 3, 7))
    )
    assert [o.due for o in march] == [date(2022, 3, 11), date(2022, 3, 18), date(2022, 3, 25)]
    assert [o.period.end for o in march] == [date(2022, 3, 13), date(2022, 3, 20), date(2022, 3, 27)]
    assert all(o.times == 2 for o in march)


def test_effective_window_keeps_the_period_that_contains_it_and_says_what_it_cut() -> None:
    monthly = parse_frequency("每月")
    expansion = expand_window(
        monthly, 2022, CALENDAR, options=ExpansionOptions(effective_from=date(2022, 3, 7))
    )
    assert expansion.occurrences[0].period.key == "2022-03"
    assert [p.key for p in expansion.cut] == ["2022-01", "2022-02"]
    assert expansion.was_cut
    assert not expand_window(
        monthly, 2022, CALENDAR, options=ExpansionOptions(effective_from=date(2022, 1, 1))
    ).was_cut


def test_new_periods_have_windows() -> None:
    assert [(p.start, p.end) for p in periods_in_year("semester", 2022)] == [
        (date(2022, 2, 1), date(2022, 7, 31)),
        (date(2022, 9, 1), date(2023, 1, 31)),
    ]
    tens = periods_in_year("days", 2022, step=10)
    assert (tens[0].start, tens[0].end, tens[-1].end) == (
        date(2022, 1, 1),
        date(2022, 1, 10),
        date(2022, 12, 31),
    )
    assert [p.key for p in periods_in_year("years", 2022, step=2, anchor_year=2022)] == ["2022-2023"]
    assert periods_in_year("years", 2023, step=2, anchor_year=2022) == []
    assert [p.key for p in periods_in_year("years", 2025, step=3, anchor_year=2022)] == ["2025-2027"]
    assert [p.label for p in periods_in_year("months", 2022, step=4)] == [
        "2022年1—4月",
        "2022年5—8月",
        "2022年9—12月",
    ]


def test_two_yearly_duty_is_due_at_the_end_of_its_second_year() -> None:
    every_two_years = parse_frequency("每两年")
    found = occurrences_due_between(
        every_two_years,
        date(2023, 1, 1),
        date(2023, 12, 31),
        CALENDAR,
        options=ExpansionOptions(anchor_year=2022),
    )
    assert [(o.period.key, o.due) for o in found] == [("2022-2023", date(2023, 12, 29))]


def test_deadlines_read_from_phrases_give_due_dates() -> None:
    quarterly = parse_frequency("每季后15日内")
    assert quarterly.due_rule is not None
    [q1] = expand_occurrences(quarterly, 2022, CALENDAR, quarterly.due_rule)[:1]
    assert q1.due == date(2022, 4, 15)  # 3-31 + 15 days, a Friday
    weekly = parse_frequency("每周二12时前")
    assert weekly.due_rule is not None
    w10 = next(
        o for o in expand_occurrences(weekly, 2022, CALENDAR, weekly.due_rule) if o.period.key == "2022-W10"
    )
    assert w10.due == date(2022, 3, 8)
    # Issue 23: a day of each year (每年1月底前, 每年3月31日前报送上一年度报告) is that day of the duty's own
    # year — the report on last year is this year's duty — so the schedule dates it instead of ignoring it.
    yearly = parse_frequency("每年1月底前")
    assert yearly.due_rule is not None
    assert (yearly.due_rule.kind, yearly.due_rule.month) == ("month_day", 1)
    (january,) = expand_occurrences(yearly, 2022, CALENDAR)
    assert january.due == date(2022, 1, 30)  # Sunday 30 January 2022 is a 调休 working day
