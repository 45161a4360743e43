"""The periods of a year: the windows a duty is owed in.

A period belongs to the year it starts in, so every window of the timeline belongs to exactly one
year: a week to the year of its Monday (2022-W52, 26 December 2022 – 1 January 2023, is 2022's), the
two-month window December–January to the year of its December, the autumn semester to the year of
its September. Weeks run Monday–Sunday; halves are January–June and July–December.
"""

from __future__ import annotations

import calendar as _gregorian
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.frequency import EVEN_BIMONTH_STARTS
from cgtask.support.records import same_named
from cgtask.support.words import chinese_date

_QUARTER_NAMES = ("一", "二", "三", "四")
_XUN_NAMES = ("上", "中", "下")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """One window of a frequency: ``key`` is stable and sortable (2022-W10), ``label`` is Chinese."""

    kind: str
    start: date
    end: date
    key: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with English keys and ISO dates."""
        return {
            **same_named(self, ("kind", "key", "label")),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


def month_end(year: int, month: int) -> date:
    """The last day of ``month``."""
    return date(year, month, _gregorian.monthrange(year, month)[1])


def _short_date(d: date, year: int) -> str:
    """3月7日, or 2021年12月27日 when the date lies outside the period's own year."""
    prefix = "" if d.year == year else f"{d.year}年"
    return f"{prefix}{d.month}月{d.day}日"


def _span(start: date, end: date, year: int) -> str:
    return f"{_short_date(start, year)}—{_short_date(end, year)}"


# --- days ---------------------------------------------------------------------------------------


def _day_period(d: date, kind: str) -> Period:
    return Period(kind, d, d, d.isoformat(), chinese_date(d))


def _days(year: int) -> list[Period]:
    first = date(year, 1, 1)
    count = (date(year + 1, 1, 1) - first).days if year < 9999 else 365
    return [_day_period(first + timedelta(days=i), "day") for i in range(count)]


def _workdays(year: int, work_calendar: WorkCalendar | None) -> list[Period]:
    if work_calendar is None:
        raise ValueError("periods_in_year('workday', …) needs a WorkCalendar")
    return [_day_period(d, "workday") for d in work_calendar.workdays_in_year(year)]


def _day_steps(year: int, step: int) -> list[Period]:
    """Windows of ``step`` days from 1 January; the last one ends on 31 December (每10天)."""
    periods, start, last, number = [], date(year, 1, 1), date(year, 12, 31), 1
    while start <= last:
        end = min(start + timedelta(days=step - 1), last)
        label = f"{year}年第{number}个{step}天（{_span(start, end, year)}）"
        periods.append(Period("days", start, end, f"{year}-{step}D{number:03d}", label))
        start, number = end + ONE_DAY, number + 1
    return periods


# --- weeks --------------------------------------------------------------------------------------


def _mondays(year: int) -> list[date]:
    first = date(year, 1, 1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    result = []
    while monday.year == year:
        result.append(monday)
        monday += timedelta(days=7)
    return result


def _weeks(year: int) -> list[Period]:
    periods = []
    for monday in _mondays(year):
        sunday = monday + timedelta(days=6)
        # ISO numbering keeps keys unique across years; a week whose Monday is 29–31 December is
        # ISO week 1 of the next year but still belongs here, to the year it starts in.
        iso_year, iso_week, _ = monday.isocalendar()
        label = f"{iso_year}年第{iso_week}周（{_span(monday, sunday, iso_year)}）"
        periods.append(Period("week", monday, sunday, f"{iso_year}-W{iso_week:02d}", label))
    return periods


def _week_groups(year: int, size: int, kind: str) -> list[Period]:
    """Runs of ``size`` of the year's weeks; the last run may be shorter."""
    weeks = _weeks(year)
    periods = []
    for number, index in enumerate(range(0, len(weeks), size), start=1):
        start, end = weeks[index].start, weeks[min(index + size, len(weeks)) - 1].end
        span = _span(start, end, year)
        if kind == "biweek":
            periods.append(
                Period(kind, start, end, f"{year}-B{number:02d}", f"{year}年第{number}个双周（{span}）")
            )
        else:
            key, label = f"{year}-{size}W{number:02d}", f"{year}年第{number}个{size}周（{span}）"
            periods.append(Period(kind, start, end, key, label))
    return periods


# --- months and longer ---------------------------------------------------------------------------


def _xuns(year: int) -> list[Period]:
    periods = []
    for month in range(1, 13):
        bounds = ((1, 10), (11, 20), (21, month_end(year, month).day))
        for number, (first, last) in enumerate(bounds, start=1):
            start, end = date(year, month, first), date(year, month, last)
            key, label = f"{year}-{month:02d}-X{number}", f"{year}年{month}月{_XUN_NAMES[number - 1]}旬"
            periods.append(Period("xun", start, end, key, label))
    return periods


def _months(year: int) -> list[Period]:
    return [
        Period("month", date(year, m, 1), month_end(year, m), f"{year}-{m:02d}", f"{year}年{m}月")
        for m in range(1, 13)
    ]


def _bimonth(start_year: int, start_month: int) -> Period:
    end_year, end_month = (start_year + 1, 1) if start_month == 12 else (start_year, start_month + 1)
    if end_year == start_year:
        label = f"{start_year}年{start_month}—{end_month}月"
    else:
        label = f"{start_year}年{start_month}月—{end_year}年{end_month}月"
    key = f"{start_year}-M{start_month:02d}-{end_month:02d}"
    return Period("bimonth", date(start_year, start_month, 1), month_end(end_year, end_month), key, label)


def _bimonths(year: int, months: tuple[int, ...] | None) -> list[Period]:
    if months is None:
        return [_bimonth(year, m) for m in range(1, 13, 2)]
    if months != EVEN_BIMONTH_STARTS:
        raise ValueError(f"bimonth start months must be odd (None) or {EVEN_BIMONTH_STARTS}, got {months}")
    # Windows starting in even months: December–January starts, and so belongs, here.
    return [_bimonth(year, m) for m in range(2, 13, 2)]


def _month_steps(year: int, step: int) -> list[Period]:
    if 12 % step:
        raise ValueError(f"a window of {step} months does not divide the year")
    periods = []
    for number, first in enumerate(range(1, 13, step), start=1):
        last = first + step - 1
        label = f"{year}年{first}—{last}月"
        periods.append(
            Period(
                "months", date(year, first, 1), month_end(year, last), f"{year}-{step}M{number:02d}", label
            )
        )
    return periods


def _quarters(year: int) -> list[Period]:
    return [
        Period(
            "quarter",
            date(year, 3 * q - 2, 1),
            month_end(year, 3 * q),
            f"{year}-Q{q}",
            f"{year}年第{_QUARTER_NAMES[q - 1]}季度",
        )
        for q in range(1, 5)
    ]


def _half(year: int, which: int, kind: str) -> Period:
    first_month = 1 if which == 1 else 7
    name = "上" if which == 1 else "下"
    return Period(
        kind,
        date(year, first_month, 1),
        month_end(year, first_month + 5),
        f"{year}-H{which}",
        f"{year}年{name}半年",
    )


def _semesters(year: int) -> list[Period]:
    """Spring: February–July; autumn: September–January of the next year (the school calendar)."""
    spring = Period(
        "semester", date(year, 2, 1), date(year, 7, 31), f"{year}-S1", f"{year}年春季学期（2—7月）"
    )
    autumn_label = f"{year}年秋季学期（{year}年9月—{year + 1}年1月）"
    autumn = Period("semester", date(year, 9, 1), date(year + 1, 1, 31), f"{year}-S2", autumn_label)
    return [spring, autumn]


def _year_steps(year: int, step: int, anchor_year: int | None) -> list[Period]:
    """每两年/每三年: windows of ``step`` years counted from ``anchor_year`` (the document's year)."""
    anchor = year if anchor_year is None else anchor_year
    if (year - anchor) % step:
        return []
    last = year + step - 1
    return [Period("years", date(year, 1, 1), date(last, 12, 31), f"{year}-{last}", f"{year}—{last}年")]


def _school_year(year: int) -> Period:
    """每学年: September to August, belonging to the year it starts in."""
    return Period(
        "school_year", date(year, 9, 1), date(year + 1, 8, 31), f"{year}-SY", f"{year}—{year + 1}学年"
    )


def window_dates(year: int, window: tuple[int, int, int, int]) -> tuple[date, date]:
    """The first and last day of a window (start month, start day, end month, end day; 0 = month end)."""
    first, first_day, last, last_day = window
    start = date(year, first, min(first_day, _gregorian.monthrange(year, first)[1]))
    end_day = _gregorian.monthrange(year, last)[1]
    return start, date(year, last, min(last_day or end_day, end_day))


def within_window(periods: list[Period], window: tuple[int, int, int, int]) -> list[Period]:
    """Periods inside a window of each year (检查时间5—9月, 每年第一季度).

    A period inside the window is kept; one that overlaps it (每年 with 第一季度, the week across 30
    April) is narrowed to the part inside, keeping its key, so it is due there. Periods outside the
    window are not owed.
    """
    kept = []
    for period in periods:
        start, end = window_dates(period.start.year, window)
        first, last = max(start, period.start), min(end, period.end)
        if (first, last) == (period.start, period.end):
            kept.append(period)
        elif first <= last:
            label = f"{period.label}（{_span(first, last, period.start.year)}）"
            kept.append(Period(period.kind, first, last, period.key, label))
    return kept


def one_off_period(
    year: int,
    on: tuple[int | None, int, int] | None,
    window: tuple[int, int, int, int] | None,
    plan_year: int | None = None,
) -> list[Period]:
    """A one-off duty (2024年9月底前, 11月份召开一次): one period in its year.

    The period runs from the window's start (else 1 January) to its date (else the window's end). A
    date in a later year (十四五末 in a 2023 plan) is owed from the plan's year to that date: one period
    that starts in the plan's year and ends on the date, so the duty is never lost from its plan. A
    date in an earlier year gives nothing. Only a caller that names ``plan_year`` gets the later date's
    period, and only in that year (none again in the years between, nor in the date's own year).
    """
    if on is not None and on[0] is not None and plan_year is not None and plan_year < on[0]:
        return _later_one_off(year, (on[0], on[1], on[2])) if year == plan_year else []
    if on is not None and on[0] is not None and on[0] != year:
        return []
    if window is not None:
        start, end = window_dates(year, window)
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
    if on is not None:
        month_days = _gregorian.monthrange(year, on[1])[1]
        end = date(year, on[1], min(on[2] or month_days, month_days))
        start = min(start, end)
    return [Period("once", start, end, f"{year}-once-{end:%m%d}", f"{_span(start, end, year)}（一次）")]


def _later_one_off(year: int, on: tuple[int, int, int]) -> list[Period]:
    """2023's plan, 2025年底前: one period from 1 January 2023 to 31 December 2025."""
    month_days = _gregorian.monthrange(on[0], on[1])[1]
    start, end = date(year, 1, 1), date(on[0], on[1], min(on[2] or month_days, month_days))
    label = f"{chinese_date(start)}—{chinese_date(end)}（一次）"
    # The key names the end's year too (2023-once-20251231): the plan's own 2023年底前 is 2023-once-1231.
    return [Period("once", start, end, f"{year}-once-{end:%Y%m%d}", label)]


def periods_in_year(
    kind: str,
    year: int,
    months: tuple[int, ...] | None = None,
    work_calendar: WorkCalendar | None = None,
    step: int | None = None,
    anchor_year: int | None = None,
) -> list[Period]:
    """The periods of ``kind`` that start in ``year``, in order.

    ``months`` selects two-month windows starting in even months; ``workday`` needs ``work_calendar``;
    the stepped kinds (``days``, ``weeks``, ``months``, ``years``) need ``step``, and ``years`` counts
    its windows from ``anchor_year`` (default: ``year`` itself). ``event`` has no periods.
    """
    n = step or 1
    builders: dict[str, Callable[[], list[Period]]] = {
        "day": lambda: _days(year),
        "workday": lambda: _workdays(year, work_calendar),
        "days": lambda: _day_steps(year, n),
        "week": lambda: _weeks(year),
        "biweek": lambda: _week_groups(year, 2, "biweek"),
        "weeks": lambda: _week_groups(year, n, "weeks"),
        "xun": lambda: _xuns(year),
        "month": lambda: _months(year),
        "bimonth": lambda: _bimonths(year, months),
        "months": lambda: _month_steps(year, n),
        "quarter": lambda: _quarters(year),
        "half": lambda: [_half(year, 1, "half"), _half(year, 2, "half")],
        "h1": lambda: [_half(year, 1, "h1")],
        "h2": lambda: [_half(year, 2, "h2")],
        "semester": lambda: _semesters(year),
        "school_year": lambda: [_school_year(year)],
        "year": lambda: [Period("year", date(year, 1, 1), date(year, 12, 31), f"{year}", f"{year}年")],
        "years": lambda: _year_steps(year, n, anchor_year),
        "event": lambda: [],
    }
    if kind not in builders:
        raise ValueError(f"unknown period kind {kind!r}")
    return builders[kind]()
