"""The dated occurrences of a frequency: one per period, with its due date and what it demands.

Due dates follow DESIGN.md §6: a period's duty is due on the last working day inside the period by
the official calendar (调休 included); a period without a working day is due on the first working day
after it; a due date never precedes its period. A daily duty (每天/每个工作日) is due on its own day.
An effective window (``effective_from``) drops the periods that end before it (§5).
"""

from __future__ import annotations

import calendar as _gregorian
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from cgtask.errors import FrequencyError
from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.due_rules import DEFAULT_DUE_RULE, DueRule, format_due_rule
from cgtask.schedule.frequency import WHOLE_MONTH_PERIODS, Frequency, Quota
from cgtask.schedule.periods import ONE_DAY, Period, month_end, one_off_period, periods_in_year, within_window

__all__ = [
    "Expansion",
    "ExpansionOptions",
    "Occurrence",
    "Period",
    "due_date",
    "expand_occurrences",
    "expand_window",
    "occurrences_due_between",
    "occurrences_due_in_month",
    "periods_in_year",
]

_DAILY = frozenset({"day", "workday"})


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


@dataclass(frozen=True)
class Expansion:
    """The occurrences owed in a year and the periods the effective window cut (not owed)."""

    occurrences: tuple[Occurrence, ...]
    cut: tuple[Period, ...]

    @property
    def was_cut(self) -> bool:
        """True when ``effective_from`` removed at least one period of the year."""
        return bool(self.cut)


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
    if rule.kind == "days_after":
        return period.end + timedelta(days=rule.n or 1)
    if rule.kind == "weekday":
        if period.kind != "week":
            raise FrequencyError(f"期限规则“{format_due_rule(rule)}”只适用于每周的事项")
        return period.start + timedelta(days=(rule.n or 1) - 1)
    if rule.kind == "month_day":
        assert rule.month is not None
        return _day_in_month(period.start.year + rule.next_year, rule.month, rule.n or 31)
    if rule.kind == "days_before_end":
        return period.end - timedelta(days=rule.n or 1)
    if period.kind not in WHOLE_MONTH_PERIODS:
        raise FrequencyError(f"期限规则“{format_due_rule(rule)}”只适用于月、双月、季度、半年或年度的事项")
    day = rule.n or 1
    if rule.kind == "day_of_month":
        return _day_in_month(period.end.year, period.end.month, day)
    following = period.end + ONE_DAY
    return _day_in_month(following.year, following.month, day)


def due_date(period: Period, rule: DueRule, work_calendar: WorkCalendar) -> tuple[date, bool]:
    """The due date of ``period`` under ``rule`` and whether it is provisional (暂定).

    A daily period under the default rule is due on its own day, working day or not: whether rest
    days owe a 每天 duty at all is decided when the periods are listed, not by moving the date.
    """
    if period.kind in _DAILY and rule == replace(DEFAULT_DUE_RULE, text=rule.text):
        return period.start, work_calendar.is_provisional(period.start)
    anchor = _anchor(period, rule, work_calendar)
    if rule.roll == "back":
        due = work_calendar.roll_back(anchor)
    elif rule.roll == "forward":
        due = work_calendar.roll_forward(anchor)
    else:
        due = anchor
    if due < period.start:
        # Rolling back left the period (it holds no working day before the anchor): never owe a
        # duty before its period begins — take the first working day from its start instead.
        due = period.start if rule.roll == "none" else work_calendar.roll_forward(period.start)
    # Every day the roll looked at lies between these dates, and they are at most a year apart.
    provisional = any(work_calendar.is_provisional(d) for d in (period.start, period.end, anchor, due))
    return due, provisional


# --- expansion ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ExpansionOptions:
    """What a duty adds to its frequency when it is expanded; hashable, so expansions cache by it.

    ``effective_from``: a period that ends before it is not owed (one that contains it is).
    ``rest_days_owed``: whether a 每天 duty is owed on weekends and holidays too (default) or only on
    working days — a per-obligation choice; 每个工作日 is always working days only. ``anchor_year``
    counts 每两年/每三年 windows from the document's year. ``plan_year`` is the year the plan is read
    for: a one-off dated in a later year (十四五末) is owed from it (see ``one_off_period``).
    """

    effective_from: date | None = None
    rest_days_owed: bool = True
    anchor_year: int | None = None
    plan_year: int | None = None


DEFAULT_EXPANSION = ExpansionOptions()


def expand_window(
    freq: Frequency,
    year: int,
    calendar: WorkCalendar,
    rule: DueRule | None = None,
    *,
    options: ExpansionOptions = DEFAULT_EXPANSION,
) -> Expansion:
    """The occurrences of the periods starting in ``year``, and the periods the window cut.

    ``options`` says from when the duty is owed, whether on rest days, and from which year multi-year
    windows count (:class:`ExpansionOptions`). Event-driven frequencies give nothing.
    """
    structure = replace(freq, text="", periods=())
    rule_structure = replace(rule or DEFAULT_DUE_RULE, text="")
    return _expand_cached(structure, year, rule_structure, calendar, options)


def expand_occurrences(
    freq: Frequency,
    year: int,
    calendar: WorkCalendar,
    rule: DueRule | None = None,
    *,
    options: ExpansionOptions = DEFAULT_EXPANSION,
) -> list[Occurrence]:
    """One occurrence per owed period starting in ``year`` (see ``expand_window``).

    Results are cached by the frequency's structure (not its wording), the year, the rule, the
    calendar and the options, since many units share one frequency.
    """
    return list(expand_window(freq, year, calendar, rule, options=options).occurrences)


def duty_periods(
    freq: Frequency, year: int, work_calendar: WorkCalendar | None, options: ExpansionOptions
) -> list[Period]:
    """Every period of a duty's frequency starting in ``year`` (within its window), owed or not.

    Their keys are the periods a 台账 record of the duty may name (``check`` holds records to them).
    """
    kind = "workday" if freq.period == "day" and not options.rest_days_owed else freq.period
    if kind == "once":
        return one_off_period(year, freq.on, freq.window, options.plan_year)
    periods = periods_in_year(kind, year, freq.months, work_calendar, freq.step, options.anchor_year)
    return within_window(periods, freq.window) if freq.window is not None else periods


@lru_cache(maxsize=4096)
def _expand_cached(
    freq: Frequency, year: int, rule: DueRule, work_calendar: WorkCalendar, options: ExpansionOptions
) -> Expansion:
    """:func:`expand_window` of a frequency and rule stripped of their wording, cached."""
    if freq.is_event:
        return Expansion((), ())
    effective_from = options.effective_from
    if rule == replace(DEFAULT_DUE_RULE, text="") and freq.due_rule is not None and freq.on is None:
        rule = replace(freq.due_rule, text="")  # the phrase's own deadline (每年3月31日前, 次月5日前)
    periods = duty_periods(freq, year, work_calendar, options)
    owed = [p for p in periods if effective_from is None or p.end >= effective_from]
    cut = tuple(p for p in periods if effective_from is not None and p.end < effective_from)
    occurrences = []
    for period in owed:
        due, provisional = due_date(period, rule, work_calendar)
        occurrences.append(Occurrence(period, due, provisional, freq.times, freq.coverage, freq.quota))
    return Expansion(tuple(occurrences), cut)


def occurrences_due_between(
    freq: Frequency,
    first: date,
    last: date,
    calendar: WorkCalendar,
    rule: DueRule | None = None,
    *,
    options: ExpansionOptions = DEFAULT_EXPANSION,
) -> list[Occurrence]:
    """Occurrences whose due date lies in ``first``..``last`` (inclusive), sorted by due date.

    Neighbouring years are expanded too: a week starting 26 December may be due in January, and a
    rule like 次月5日前 moves December's duty into January. Multi-year windows count from
    ``anchor_year`` (default: the year of ``first``).
    """
    anchored = replace(
        options, anchor_year=first.year if options.anchor_year is None else options.anchor_year
    )
    lookback = max(2, (freq.step or 1) + 1) if freq.period == "years" else 1
    found = [
        occurrence
        for year in range(first.year - lookback, last.year + 2)
        for occurrence in expand_window(freq, year, calendar, rule, options=anchored).occurrences
        if first <= occurrence.due <= last
    ]
    return sorted(found, key=lambda o: (o.due, o.period.key))


def occurrences_due_in_month(
    freq: Frequency,
    year: int,
    month: int,
    calendar: WorkCalendar,
    rule: DueRule | None = None,
    *,
    options: ExpansionOptions = DEFAULT_EXPANSION,
) -> list[Occurrence]:
    """Occurrences due in ``month`` of ``year`` — the meaning of “due in month M”."""
    return occurrences_due_between(
        freq, date(year, month, 1), month_end(year, month), calendar, rule, options=options
    )
