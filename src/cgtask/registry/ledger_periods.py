"""Whether a 台账 record's period could be any period at all (2022-03, 2022-W10, 2022-Q1 …).

``done`` and the forms write only periods of the item itself; a record written by hand can say 2022-13
or 2022-W54, which no item has, and would then count nowhere without a word. The shapes here are the keys
``cgtask.schedule.periods`` makes; a key of the right shape for another item is not caught here.
"""

from __future__ import annotations

import re
from datetime import date

_SHAPES = re.compile(
    r"(?P<year>\d{4})(?:"
    r"|-(?P<month>\d{2})(?:-(?P<day>\d{2})|-X[123])?"
    r"|-W(?P<week>\d{2})"
    r"|-B\d{2}|-\d+W\d{2}|-\d+D\d{3}|-\d+M\d{2}|-M\d{2}-\d{2}"
    r"|-Q[1-4]|-H[12]|-S[12]|-SY|-\d{4}|-once-(?:\d{4})?\d{4}"
    r")"
)


def period_problem(key: str) -> str | None:
    """Why ``key`` is no period cgtask could have made (a Chinese reason), or None."""
    found = _SHAPES.fullmatch(str(key))
    if found is None:
        return f"周期“{key}”不是周期的写法（如 2022-03、2022-W10、2022-Q1、2022-H1、2022）"
    year, month, day, week = (found.group(name) for name in ("year", "month", "day", "week"))
    try:
        if day is not None:
            date(int(year), int(month), int(day))
        elif month is not None and not 1 <= int(month) <= 12:
            raise ValueError(month)
        if week is not None:
            date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return f"周期“{key}”不存在（没有这一月、这一天或这一周）"
    return None
