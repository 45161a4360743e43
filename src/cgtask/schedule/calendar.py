"""The official Chinese working calendar, 调休 included, with a fallback for years not yet published.

chinese_calendar ships the State Council's holiday notices for a fixed range of years. Outside that
range we fall back to Monday–Friday plus the registry's own calendar file (extra holidays and
adjusted workdays), and every date there is 暂定 (provisional) unless the registry confirms the year.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from chinese_calendar import constants as _official

from cgtask.errors import FrequencyError, UsageError
from cgtask.support.dates import FIRST_YEAR, LAST_YEAR

# Read the tables once: calling chinese_calendar.is_workday validates every date, which is too slow
# for expanding thousands of duties, and it raises for years it does not know.
_OFFICIAL_HOLIDAYS: frozenset[date] = frozenset(_official.holidays)
_OFFICIAL_WORKDAYS: frozenset[date] = frozenset(_official.workdays)
OFFICIAL_FIRST_YEAR: int = min(d.year for d in _OFFICIAL_HOLIDAYS)
OFFICIAL_LAST_YEAR: int = max(d.year for d in _OFFICIAL_HOLIDAYS)

# A search for a working day gives up after this many consecutive years without one; only a
# calendar file that declares whole years holidays could get there.
_MAX_EMPTY_YEARS = 3


@dataclass(frozen=True)
class _YearDays:
    """The working days of one year as sorted ordinals, for bisection and index arithmetic."""

    ordinals: tuple[int, ...]
    lookup: frozenset[int]


class WorkCalendar:
    """Working days by the official calendar, with registry additions and a Monday–Friday fallback.

    ``extra_holidays`` and ``extra_workdays`` come from the registry's calendar file; they win over
    the official tables too, so a local correction is possible. ``confirmed_years`` lists years whose
    notice the registry has fully entered, so their dates are no longer 暂定.
    """

    def __init__(
        self,
        extra_holidays: Iterable[date] = (),
        extra_workdays: Iterable[date] = (),
        confirmed_years: Iterable[int] = (),
    ) -> None:
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_workdays = frozenset(extra_workdays)
        self._confirmed_years = frozenset(confirmed_years)
        clash = sorted(self._extra_holidays & self._extra_workdays)
        if clash:
            days = "、".join(d.isoformat() for d in clash)
            raise FrequencyError(f"日历文件中 {days} 同时列为节假日和调休工作日，请保留其一")
        self._years: dict[int, _YearDays] = {}

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(extra_holidays={len(self._extra_holidays)}, "
            f"extra_workdays={len(self._extra_workdays)}, confirmed_years={sorted(self._confirmed_years)})"
        )

    # --- what is known -------------------------------------------------------------------------

    def knows_year(self, year: int) -> bool:
        """True when official holiday data covers ``year`` (chinese_calendar or a confirmed year)."""
        return OFFICIAL_FIRST_YEAR <= year <= OFFICIAL_LAST_YEAR or year in self._confirmed_years

    def is_provisional(self, d: date) -> bool:
        """True when ``d`` lies in a year without official data, so dates computed there are 暂定."""
        return not self.knows_year(d.year)

    def is_workday(self, d: date) -> bool:
        """True when ``d`` is a working day (调休 weekends count, statutory holidays do not)."""
        return d.toordinal() in self._year(d.year).lookup

    def workdays_in_year(self, year: int) -> tuple[date, ...]:
        """Every working day of ``year``, in order."""
        return tuple(date.fromordinal(o) for o in self._year(year).ordinals)

    # --- moving between working days ------------------------------------------------------------

    def roll_back(self, d: date) -> date:
        """The last working day on or before ``d``."""
        year = d.year
        days = self._year(year).ordinals
        index = bisect_right(days, d.toordinal()) - 1
        for _ in range(_MAX_EMPTY_YEARS):
            if index >= 0:
                return date.fromordinal(days[index])
            year -= 1
            days = self._year(year).ordinals
            index = len(days) - 1
        raise FrequencyError(f"{d.isoformat()} 之前 {_MAX_EMPTY_YEARS} 年内没有工作日，请检查日历文件")

    def roll_forward(self, d: date) -> date:
        """The first working day on or after ``d``."""
        year = d.year
        days = self._year(year).ordinals
        index = bisect_left(days, d.toordinal())
        for _ in range(_MAX_EMPTY_YEARS):
            if index < len(days):
                return date.fromordinal(days[index])
            year += 1
            days = self._year(year).ordinals
            index = 0
        raise FrequencyError(f"{d.isoformat()} 之后 {_MAX_EMPTY_YEARS} 年内没有工作日，请检查日历文件")

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (n > 0), or before it (n < 0); ``d`` itself for n == 0.

        ``d`` need not be a working day: one working day after a Saturday is the next Monday
        (or the 调休 Sunday, if there is one).
        """
        if n == 0:
            return d
        year = d.year
        days = self._year(year).ordinals
        if n > 0:
            index = bisect_right(days, d.toordinal()) + n - 1
            while index >= len(days):
                index -= len(days)
                year += 1
                days = self._year(year).ordinals
        else:
            index = bisect_left(days, d.toordinal()) + n
            while index < 0:
                year -= 1
                days = self._year(year).ordinals
                index += len(days)
        return date.fromordinal(days[index])

    # --- per-year cache -------------------------------------------------------------------------

    def _year(self, year: int) -> _YearDays:
        cached = self._years.get(year)
        if cached is None and not FIRST_YEAR - 1 <= year <= LAST_YEAR + 1:
            # a count of working days from 10^9 ahead, or a date typed as 9999: no such calendar year
            # (a year either side stays, for a period of 2099 whose due day rolls into 2100)
            raise UsageError(f"日期超出可处理的年份（{FIRST_YEAR}—{LAST_YEAR} 年），请核对所给的日期或天数")
        if cached is None:
            cached = self._compute_year(year)
            self._years[year] = cached
        return cached

    def _compute_year(self, year: int) -> _YearDays:
        first = date(year, 1, 1)
        count = (date(year + 1, 1, 1) - first).days if year < 9999 else 365
        ordinals = tuple(
            day.toordinal()
            for day in (first + timedelta(days=i) for i in range(count))
            if self._is_workday_uncached(day)
        )
        return _YearDays(ordinals, frozenset(ordinals))

    def _is_workday_uncached(self, d: date) -> bool:
        if d in self._extra_workdays:
            return True
        if d in self._extra_holidays:
            return False
        if d in _OFFICIAL_WORKDAYS:
            return True
        # Outside the official range this is the plain Monday–Friday fallback.
        return d.weekday() < 5 and d not in _OFFICIAL_HOLIDAYS
