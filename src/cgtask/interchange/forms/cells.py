"""Reading what people and office suites put in the fill-in cells.

Excel keeps a typed date a date; LibreOffice and WPS may hand it back as a datetime, a float serial
or text (2022/3/15, 2022-03-15, 3月15日); numbers may come back as 17.0 or as text "17" or "17起".
Each parser returns the value or raises ``ValueError`` with a Chinese reason.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from cgtask.support.dates import NotADate, date_from_text, normal_text

# The largest serial Excel accepts (9999-12-31).
_MAX_SERIAL = 2958465
_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*[^\d\s.+-]{0,4}$")
_NAME_SEPARATORS = re.compile(r"[、，,;；/\s]+")


def is_blank(value: Any) -> bool:
    """Whether a cell holds nothing: None, or text that is only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: Any, *, year: int, epoch: datetime | None = None) -> date:
    """A completion date from a cell; text without a year (3月15日) is taken in the form's ``year``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(float(value), epoch)
    if isinstance(value, str):
        return _date_from_text(normal_text(value), year)
    raise ValueError("不是日期")


def _from_serial(serial: float, epoch: datetime | None) -> date:
    from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

    if not 1 <= serial <= _MAX_SERIAL:
        raise ValueError(f"{serial:g} 不是日期")
    converted = from_excel(serial, epoch or CALENDAR_WINDOWS_1900)
    return converted.date() if isinstance(converted, datetime) else converted


def _date_from_text(text: str, year: int) -> date:
    try:
        return date_from_text(text, year=year)
    except NotADate as error:
        if error.beyond:
            raise ValueError(f"“{text}”{error.beyond}") from None
        if not error.exists:
            raise ValueError(f"“{text}”不是存在的日期") from None
        raise ValueError(f"“{text}”不是日期，请写成 {year}-03-15 这样的格式") from None


def parse_whole(value: Any, bound: int | None = None) -> int:
    """A whole number ≥ 0 from a cell: 17, 17.0, "17", "１７", "17起"; at most ``bound`` when given."""
    if isinstance(value, bool):
        raise ValueError("不是数字")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        found = _NUMBER.match(normal_text(value))
        if found is None:
            raise ValueError(f"“{value.strip()}”不是数字")
        number = float(found.group(1))
    else:
        raise ValueError("不是数字")
    if not number.is_integer():
        raise ValueError(f"{number:g} 不是整数")
    if number < 0:
        raise ValueError(f"{number:g} 是负数")
    if bound is not None and number > bound:
        raise ValueError(f"{number:g} 过大")
    return int(number)


def split_names(value: Any) -> list[str]:
    """The names typed in one cell, split at 、，, ; / or spaces."""
    if is_blank(value):
        return []
    return [name for name in _NAME_SEPARATORS.split(normal_text(str(value))) if name]


def resolve_unit(name: str, units: Sequence[str]) -> str | None:
    """The 中队 a typed name means: exact, with 中队 added, or the one name it starts (吴淞 → 吴淞街道中队)."""
    if name in units:
        return name
    if f"{name}中队" in units:
        return f"{name}中队"
    starting = [unit for unit in units if unit.startswith(name)]
    return starting[0] if len(starting) == 1 else None


def nearest(name: str, choices: Iterable[str]) -> str | None:
    """The closest known name, for a “是不是…？” hint."""
    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.4)
    return found[0] if found else None
