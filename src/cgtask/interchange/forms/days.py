"""The days of a daily duty's month as a form row gives them: dates, ranges, or every day.

A 中队 reports 行为规范督察 (每天) once a month: 完成日期 lists the days (3月7日、3月9日), or spans them
(3月7日至3月31日), and 次数 may give the number of days. A number alone stands for every day of the row's
dates only — which days a smaller number means is not known, and cgtask never invents a date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from cgtask.interchange.forms.cells import is_blank, parse_date

# Between days: 、，,；; and white space; within a span: 至, 到, —, ～, ~ (a hyphen is part of 2022-03-07).
_LIST = re.compile(r"[、，,；;\s]+")
_SPAN = re.compile(r"\s*(?:至|到|—+|～|~)\s*")


def days_given(value: Any, *, year: int, epoch: datetime | None = None) -> list[date]:
    """Every day the cell names, in order, each once; raises ValueError (in Chinese) on a bad part."""
    if is_blank(value):
        return []
    if not isinstance(value, str):
        return [parse_date(value, year=year, epoch=epoch)]
    days: list[date] = []
    for part in filter(None, _LIST.split(value.strip())):
        ends = _SPAN.split(part)
        if len(ends) > 2:
            raise ValueError(f"“{part}”不是一个日期或一段日期")
        first = parse_date(ends[0], year=year)
        last = parse_date(ends[-1], year=year)
        if last < first:
            raise ValueError(f"“{part}”的结束日期早于开始日期")
        days += [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return sorted(set(days))


def every_day(start: date, end: date) -> list[date]:
    """The days from ``start`` to ``end``, both included: what a number of days equal to them stands for."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]
