from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.errors import FrequencyError
from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.due_rules import parse_due_rule
from cgtask.schedule.frequency import EVEN_BIMONTH_STARTS, parse_frequency
from cgtask.schedule.occurrences import (
    Period,
    expand_occurrences,
    occurrences_due_between,
    occurrences_due_in_month,
    periods_in_year,
)

CALENDAR = WorkCalendar()
YEARS = st.integers(min_value=1990, max_value=2099)  # the years cgtask handles (support/dates.py)
ONE_DAY = timedelta(days=1)
TILING_KINDS = ["day", "xun", "month", "bimonth", "quarter", "half", "year"]


def _periods(kind: str, year: int) -> list[Period]:
    months = EVEN_BIMONTH_STARTS if kind == "bimonth-even" else None
    return periods_in_year(kind.removesuffix("-even"), year, months)


def _assert_contiguous(periods: list[Period]) -> None:
    for earlier, later in itertools.pairwise(periods):
        assert later.start == earlier.end + ONE_DAY
    assert all(p.start <= p.end for p in periods)


# --- periods ------------------------------------------------------------------------------------


@given(st.sampled_from(TILING_KINDS), YEARS)
def test_periods_tile_the_year(kind: str, year: int) -> None:
    periods = _periods(kind, year)
    assert periods[0].start == date(year, 1, 1)
    assert periods[-1].end == date(year, 12, 31)
    _assert_contiguous(periods)


@given(st.sampled_from(["week", "biweek", "bimonth-even"]), YEARS)
def test_week_like_periods_tile_their_span_and_continue_the_previous_year(kind: str, year: int) -> None:
    periods = _periods(kind, year)
    _assert_contiguous(periods)
    # A period belongs to the year it starts in.
    assert all(p.start.year == year for p in periods)
    assert _periods(kind, year - 1)[-1].end + ONE_DAY == periods[0].start


@given(st.sampled_from([*TILING_KINDS, "week", "biweek", "bimonth-even"]), YEARS)
def test_keys_are_unique_and_sorted(kind: str, year: int) -> None:
    keys = [p.key for p in _periods(kind, year)]
    assert keys == sorted(set(keys))


@given(YEARS)
def test_weeks_run_monday_to_sunday(year: int) -> None:
    weeks = periods_in_year("week", year)
    assert len(weeks) in (52, 53)
    assert all(w.start.weekday() == 0 and w.end.weekday() == 6 for w in weeks)
    biweeks = periods_in_year("biweek", year)
    assert len(biweeks) == (len(weeks) + 1) // 2


def test_halves_and_single_windows() -> None:
    first, second = periods_in_year("half", 2022)
    assert (first.start, first.end) == (date(2022, 1, 1), date(2022, 6, 30))
    assert (second.start, second.end) == (date(2022, 7, 1), date(2022, 12, 31))
    assert [p.key for p in periods_in_year("h1", 2022)] == ["2022-H1"]
    assert [p.key for p in periods_in_year("h2", 2022)] == ["2022-H2"]
    assert periods_in_year("event", 2022) == []


@pytest.mark.parametrize(
    ("kind", "index", "key", "label"),
    [
        ("day", 73, "2022-03-15", "2022年3月15日"),
        ("week", 9, "2022-W10", "2022年第10周（3月7日—3月13日）"),
        ("week", 0, "2022-W01", "2022年第1周（1月3日—1月9日）"),
        ("week", 51, "2022-W52", "2022年第52周（12月26日—2023年1月1日）"),
        ("biweek", 4, "2022-B05", "2022年第5个双周（2月28日—3月13日）"),
        ("xun", 7, "2022-03-X2", "2022年3月中旬"),
        ("month", 2, "2022-03", "2022年3月"),
        ("bimonth", 1, "2022-M03-04", "2022年3—4月"),
        ("quarter", 0, "2022-Q1", "2022年第一季度"),
        ("half", 0, "2022-H1", "2022年上半年"),
        ("year", 0, "2022", "2022年"),
    ],
)
def test_keys_and_labels(kind: str, index: int, key: str, label: str) -> None:
    period = periods_in_year(kind, 2022)[index]
    assert (period.key, period.label) == (key, label)


def test_even_bimonths_end_with_the_december_window_they_start() -> None:
    periods = periods_in_year("bimonth", 2022, EVEN_BIMONTH_STARTS)
    assert periods[0].key == "2022-M02-03"
    assert periods[-1].key == "2022-M12-01"
    assert periods[-1].label == "2022年12月—2023年1月"


def test_late_xun_runs_to_month_end() -> None:
    feb = next(p for p in periods_in_year("xun", 2022) if p.key == "2022-02-X3")
    assert (feb.start, feb.end) == (date(2022, 2, 21), date(2022, 2, 28))


# --- occurrences --------------------------------------------------------------------------------


def test_weekly_twice_has_four_occurrences_due_in_march_2022() -> None:
    weekly = parse_frequency("每周不少于2次")
    march = occurrences_due_in_month(weekly, 2022, 3, CALENDAR)
    assert [o.period.end for o in march] == [date(2022, 3, d) for d in (6, 13, 20, 27)]
    assert [o.due for o in march] == [date(2022, 3, d) for d in (4, 11, 18, 25)]
    assert sum(o.times or 1 for o in march) == 8


def test_week_ending_3_april_2022_is_due_on_the_adjusted_saturday() -> None:
    weekly = parse_frequency("每周")
    [occurrence] = [o for o in expand_occurrences(weekly, 2022, CALENDAR) if o.period.end == date(2022, 4, 3)]
    # 4-3..4-5 were the 清明 holiday and Saturday 4-2 a 调休 workday.
    assert occurrence.due == date(2022, 4, 2)


@pytest.mark.parametrize(
    ("month", "due"),
    [(1, date(2022, 1, 30)), (4, date(2022, 4, 29)), (12, date(2022, 12, 30)), (6, date(2022, 6, 30))],
)
def test_monthly_due_dates_2022(month: int, due: date) -> None:
    occurrences = expand_occurrences(parse_frequency("每月"), 2022, CALENDAR)
    assert occurrences[month - 1].due == due
    assert not occurrences[month - 1].provisional


def test_half_yearly_occurrences_carry_times_and_quota() -> None:
    freq = parse_frequency("每半年1次，每次不少于30件")
    first, second = expand_occurrences(freq, 2022, CALENDAR)
    assert (first.due, second.due) == (date(2022, 6, 30), date(2022, 12, 30))
    assert first.times == 1
    assert first.quota is not None
    assert first.quota.count == 30


def test_event_driven_has_no_occurrences() -> None:
    assert expand_occurrences(parse_frequency("一案一督"), 2022, CALENDAR) == []


def test_workday_duty_is_due_every_working_day() -> None:
    occurrences = expand_occurrences(parse_frequency("每个工作日"), 2022, CALENDAR)
    assert len(occurrences) == 249
    assert all(o.due == o.period.start == o.period.end for o in occurrences)
    assert date(2022, 1, 30) in {o.due for o in occurrences}


def test_daily_duty_is_due_on_its_own_day_even_on_a_holiday() -> None:
    occurrences = expand_occurrences(parse_frequency("每天"), 2022, CALENDAR)
    assert len(occurrences) == 365
    october = [o for o in occurrences if date(2022, 10, 1) <= o.period.start <= date(2022, 10, 7)]
    assert [o.due for o in october] == [date(2022, 10, d) for d in range(1, 8)]


def test_unknown_year_is_provisional() -> None:
    monthly = expand_occurrences(parse_frequency("每月"), 2027, CALENDAR)
    assert all(o.provisional for o in monthly)
    assert monthly[0].due == date(2027, 1, 29)
    last_2026 = expand_occurrences(parse_frequency("每月"), 2026, CALENDAR)[-1]
    assert not last_2026.provisional


def test_week_ending_in_an_unknown_year_is_provisional_even_if_due_before() -> None:
    last = expand_occurrences(parse_frequency("每周"), 2026, CALENDAR)[-1]
    assert (last.period.start, last.period.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert last.due == date(2027, 1, 1)  # the Monday–Friday fallback: 2027 is not published
    assert last.provisional


def test_registry_calendar_moves_fallback_dates() -> None:
    calendar = WorkCalendar(extra_holidays=[date(2027, 4, 30)])
    april = expand_occurrences(parse_frequency("每月"), 2027, calendar)[3]
    assert april.due == date(2027, 4, 29)
    assert april.provisional


def test_due_rules_move_the_due_date() -> None:
    monthly = parse_frequency("每月")
    march = 2

    def due(rule: str) -> date:
        return expand_occurrences(monthly, 2022, CALENDAR, parse_due_rule(rule))[march].due

    assert due("次月5日前") == date(2022, 4, 2)  # 4-5 is 清明, Saturday 4-2 a 调休 workday
    assert due("次月5日前，顺延") == date(2022, 4, 6)
    assert due("5日前") == date(2022, 3, 4)  # 3-5 is a Saturday
    assert due("31日前，不顺延") == date(2022, 3, 31)
    assert expand_occurrences(monthly, 2022, CALENDAR, parse_due_rule("3个工作日内"))[8].due == date(
        2022, 10, 10
    )  # 9-30 + 3 working days: 10-8 and 10-9 were 调休 workdays
    assert expand_occurrences(monthly, 2022, CALENDAR, parse_due_rule("不顺延"))[0].due == date(2022, 1, 31)


def test_day_of_month_rule_uses_the_last_month_of_a_quarter() -> None:
    quarterly = expand_occurrences(parse_frequency("每季度"), 2022, CALENDAR, parse_due_rule("5日前"))
    assert [o.due for o in quarterly] == [
        date(2022, 3, 4),
        date(2022, 6, 2),
        date(2022, 9, 5),
        date(2022, 12, 5),
    ]


def test_day_of_month_rule_needs_a_monthly_or_longer_period() -> None:
    with pytest.raises(FrequencyError, match="只适用于"):
        expand_occurrences(parse_frequency("每周"), 2022, CALENDAR, parse_due_rule("5日前"))


def test_next_month_rule_moves_december_into_the_next_year() -> None:
    monthly = parse_frequency("每月")
    january = occurrences_due_in_month(monthly, 2023, 1, CALENDAR, parse_due_rule("次月5日前"))
    assert [o.period.key for o in january] == ["2022-12"]


def test_due_between_spans_the_year_boundary() -> None:
    weekly = parse_frequency("每周")
    found = occurrences_due_between(weekly, date(2021, 12, 27), date(2022, 1, 7), CALENDAR)
    assert [o.period.key for o in found] == ["2021-W52", "2022-W01"]


def test_cache_ignores_wording_and_returns_fresh_lists() -> None:
    first = expand_occurrences(parse_frequency("每月2次"), 2022, CALENDAR)
    first.clear()
    second = expand_occurrences(parse_frequency("每月不少于2次"), 2022, CALENDAR)
    assert len(second) == 12


def test_occurrence_to_dict_is_json_ready() -> None:
    occurrence = expand_occurrences(parse_frequency("每季度，不少于当季度案件数10%"), 2022, CALENDAR)[0]
    data = occurrence.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["period"] == {
        "kind": "quarter",
        "key": "2022-Q1",
        "label": "2022年第一季度",
        "start": "2022-01-01",
        "end": "2022-03-31",
    }
    assert data["due"] == "2022-03-31"
    assert data["quota"]["percent"] == 10


@given(
    st.sampled_from(["每周", "每旬", "每月", "双月", "每季度", "每半年", "每年", "每学期", "每10天"]), YEARS
)
def test_due_is_the_last_workday_inside_the_period_else_the_first_after(phrase: str, year: int) -> None:
    for occurrence in expand_occurrences(parse_frequency(phrase), year, CALENDAR):
        period, due = occurrence.period, occurrence.due
        assert CALENDAR.is_workday(due)
        last_inside = CALENDAR.roll_back(period.end)
        if last_inside >= period.start:
            assert due == last_inside
        else:
            assert due == CALENDAR.roll_forward(period.end + ONE_DAY)
