"""Periods of a year and the dated occurrences of a frequency within them.

A period belongs to the year its last day falls in (a week to the year of its Sunday), so every
period of the timeline belongs to exactly one year and "due in month M" never counts one twice.
"""

from __future__ import annotations

import calendar as _gregorian
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from cgtask.errors import FrequencyError
from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.due_rules import DEFAULT_DUE_RULE, DueRule, format_due_rule
from cgtask.schedule.frequency import EVEN_BIMONTH_STARTS, Frequency, Quota

# Rules that name a day of a month need a period that spans whole months.
_MONTHLY_OR_LONGER = frozenset({"month", "bimonth", "quarter", "half", "year", "h1", "h2"})
_QUARTER_NAMES = ("一", "二", "三", "四")
_XUN_NAMES = ("上", "中", "下")


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
            "kind": self.kind,
            "key": self.key,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of a duty: its period, due date and what it demands.

    ``provisional`` is True when the due date rests on a year without official holiday data (暂定).
    """

    period: Period
    due: date
    provisional: bool
    times: int | None = None
    coverage: bool = False
    quota: Quota | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with English keys; ``period`` is nested."""
        return {
            "period": self.period.to_dict(),
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "times": self.times,
            "coverage": self.coverage,
            "quota": None if self.quota is None else self.quota.to_dict(),
        }


# --- periods ------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, _gregorian.monthrange(year, month)[1])


def _short_date(d: date, year: int) -> str:
    """3月7日, or 2021年12月27日 when the date lies outside the period's own year."""
    prefix = "" if d.year == year else f"{d.year}年"
    return f"{prefix}{d.month}月{d.day}日"


def _days(year: int) -> list[Period]:
    first = date(year, 1, 1)
    count = (date(year + 1, 1, 1) - first).days
    return [_day_period(first + timedelta(days=i), "day") for i in range(count)]


def _day_period(d: date, kind: str) -> Period:
    return Period(kind, d, d, d.isoformat(), f"{d.year}年{d.month}月{d.day}日")


def _workdays(year: int, work_calendar: WorkCalendar | None) -> list[Period]:
    if work_calendar is None:
        raise ValueError("periods_in_year('workday', …) needs a WorkCalendar")
    return [_day_period(d, "workday") for d in work_calendar.workdays_in_year(year)]


def _sundays(year: int) -> list[date]:
    first = date(year, 1, 1)
    sunday = first + timedelta(days=(6 - first.weekday()) % 7)
    result = []
    while sunday.year == year:
        result.append(sunday)
        sunday += timedelta(days=7)
    return result


def _weeks(year: int) -> list[Period]:
    periods = []
    for sunday in _sundays(year):
        monday = sunday - timedelta(days=6)
        # ISO numbering keeps keys unique across years even though we assign weeks by their Sunday.
        iso_year, iso_week, _ = monday.isocalendar()
        span = f"{_short_date(monday, iso_year)}—{_short_date(sunday, iso_year)}"
        periods.append(
            Period(
                "week", monday, sunday, f"{iso_year}-W{iso_week:02d}", f"{iso_year}年第{iso_week}周（{span}）"
            )
        )
    return periods


def _biweeks(year: int) -> list[Period]:
    weeks = _weeks(year)
    periods = []
    # Pairs of the year's weeks; in a year with 53 weeks the last "biweek" is a single week.
    for number, index in enumerate(range(0, len(weeks), 2), start=1):
        start, end = weeks[index].start, weeks[min(index + 1, len(weeks) - 1)].end
        span = f"{_short_date(start, year)}—{_short_date(end, year)}"
        periods.append(
            Period("biweek", start, end, f"{year}-B{number:02d}", f"{year}年第{number}个双周（{span}）")
        )
    return periods


def _xuns(year: int) -> list[Period]:
    periods = []
    for month in range(1, 13):
        bounds = ((1, 10), (11, 20), (21, _month_end(year, month).day))
        for number, (first, last) in enumerate(bounds, start=1):
            periods.append(
                Period(
                    "xun",
                    date(year, month, first),
                    date(year, month, last),
                    f"{year}-{month:02d}-X{number}",
                    f"{year}年{month}月{_XUN_NAMES[number - 1]}旬",
                )
            )
    return periods


def _months(year: int) -> list[Period]:
    return [
        Period("month", date(year, m, 1), _month_end(year, m), f"{year}-{m:02d}", f"{year}年{m}月")
        for m in range(1, 13)
    ]


def _bimonth(start_year: int, start_month: int) -> Period:
    end_year, end_month = (start_year + 1, 1) if start_month == 12 else (start_year, start_month + 1)
    if end_year == start_year:
        label = f"{start_year}年{start_month}—{end_month}月"
    else:
        label = f"{start_year}年{start_month}月—{end_year}年{end_month}月"
    return Period(
        "bimonth",
        date(start_year, start_month, 1),
        _month_end(end_year, end_month),
        f"{start_year}-M{start_month:02d}-{end_month:02d}",
        label,
    )


def _bimonths(year: int, months: tuple[int, ...] | None) -> list[Period]:
    if months is None:
        return [_bimonth(year, m) for m in range(1, 13, 2)]
    if months != EVEN_BIMONTH_STARTS:
        raise ValueError(f"bimonth start months must be odd (None) or {EVEN_BIMONTH_STARTS}, got {months}")
    # Windows starting in even months: the one ending in January began the December before.
    return [_bimonth(year - 1, 12)] + [_bimonth(year, m) for m in range(2, 12, 2)]


def _quarters(year: int) -> list[Period]:
    return [
        Period(
            "quarter",
            date(year, 3 * q - 2, 1),
            _month_end(year, 3 * q),
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
        _month_end(year, first_month + 5),
        f"{year}-H{which}",
        f"{year}年{name}半年",
    )


def periods_in_year(
    kind: str,
    year: int,
    months: tuple[int, ...] | None = None,
    work_calendar: WorkCalendar | None = None,
) -> list[Period]:
    """The periods of ``kind`` that belong to ``year``, in order.

    Weeks run Monday–Sunday and belong to the year of their Sunday; biweeks pair those weeks;
    halves are Jan–Jun / Jul–Dec; ``months`` selects two-month windows starting in even months;
    ``workday`` needs ``work_calendar``. ``event`` has no periods.
    """
    builders: dict[str, Callable[[], list[Period]]] = {
        "day": lambda: _days(year),
        "workday": lambda: _workdays(year, work_calendar),
        "week": lambda: _weeks(year),
        "biweek": lambda: _biweeks(year),
        "xun": lambda: _xuns(year),
        "month": lambda: _months(year),
        "bimonth": lambda: _bimonths(year, months),
        "quarter": lambda: _quarters(year),
        "half": lambda: [_half(year, 1, "half"), _half(year, 2, "half")],
        "h1": lambda: [_half(year, 1, "h1")],
        "h2": lambda: [_half(year, 2, "h2")],
        "year": lambda: [Period("year", date(year, 1, 1), date(year, 12, 31), f"{year}", f"{year}年")],
        "event": lambda: [],
    }
    if kind not in builders:
        raise ValueError(f"unknown period kind {kind!r}")
    return builders[kind]()


# --- due dates ----------------------------------------------------------------------------------


def _day_in_month(year: int, month: int, day: int) -> date:
    """Day ``day`` of the month, or the month's last day when the month is shorter."""
    return date(year, month, min(day, _gregorian.monthrange(year, month)[1]))


def _anchor(period: Period, rule: DueRule, work_calendar: WorkCalendar) -> date:
    """The due date before any roll to a working day."""
    if rule.kind == "end":
        return period.end
    if rule.kind == "workdays_after":
        return work_calendar.add_workdays(period.end, rule.n or 1)
    if period.kind not in _MONTHLY_OR_LONGER:
        raise FrequencyError(f"期限规则“{format_due_rule(rule)}”只适用于月、双月、季度、半年或年度的事项")
    day = rule.n or 1
    if rule.kind == "day_of_month":
        return _day_in_month(period.end.year, period.end.month, day)
    following = period.end + timedelta(days=1)
    return _day_in_month(following.year, following.month, day)


def due_date(period: Period, rule: DueRule, work_calendar: WorkCalendar) -> tuple[date, bool]:
    """The due date of ``period`` under ``rule`` and whether it is provisional (暂定)."""
    anchor = _anchor(period, rule, work_calendar)
    if rule.roll == "back":
        due = work_calendar.roll_back(anchor)
    elif rule.roll == "forward":
        due = work_calendar.roll_forward(anchor)
    else:
        due = anchor
    # Every day the roll looked at lies between these dates, and they are at most a year apart.
    provisional = any(work_calendar.is_provisional(d) for d in (period.end, anchor, due))
    return due, provisional


# --- expansion ----------------------------------------------------------------------------------


def expand_occurrences(
    freq: Frequency, year: int, calendar: WorkCalendar, rule: DueRule | None = None
) -> list[Occurrence]:
    """One occurrence per period of ``year``, due by ``rule`` (default: period end, rolled back).

    Event-driven frequencies give []. Results are cached by the frequency's structure (not its
    wording), the year, the rule and the calendar, since many units share one frequency.
    """
    structure = replace(freq, text="")
    rule_structure = replace(rule or DEFAULT_DUE_RULE, text="")
    return list(_expand_cached(structure, year, rule_structure, calendar))


@lru_cache(maxsize=4096)
def _expand_cached(
    freq: Frequency, year: int, rule: DueRule, work_calendar: WorkCalendar
) -> tuple[Occurrence, ...]:
    if freq.is_event:
        return ()
    occurrences = []
    for period in periods_in_year(freq.period, year, freq.months, work_calendar):
        due, provisional = due_date(period, rule, work_calendar)
        occurrences.append(Occurrence(period, due, provisional, freq.times, freq.coverage, freq.quota))
    return tuple(occurrences)


def occurrences_due_between(
    freq: Frequency, first: date, last: date, calendar: WorkCalendar, rule: DueRule | None = None
) -> list[Occurrence]:
    """Occurrences whose due date lies in ``first``..``last`` (inclusive), sorted by due date.

    Neighbouring years are expanded too: a week ending 1 January may be due the December before,
    and a rule like 次月5日前 moves December's duty into January.
    """
    found = [
        occurrence
        for year in range(first.year - 1, last.year + 2)
        for occurrence in expand_occurrences(freq, year, calendar, rule)
        if first <= occurrence.due <= last
    ]
    return sorted(found, key=lambda o: (o.due, o.period.key))


def occurrences_due_in_month(
    freq: Frequency, year: int, month: int, calendar: WorkCalendar, rule: DueRule | None = None
) -> list[Occurrence]:
    """Occurrences due in ``month`` of ``year`` — the meaning of “due in month M”."""
    return occurrences_due_between(freq, date(year, month, 1), _month_end(year, month), calendar, rule)
