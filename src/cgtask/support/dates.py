"""Dates as people type them, read one way on the command line and in the 台账 forms.

2022-03-08, 2022-3-8, 2022/3/8, 2022.3.8, 2022年3月8日, 20220308 and full-width digits.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_FULL_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


# The years the working calendar and every query can reason about; a date outside them is a typo
# (0001-01-01, 9999-12-31), and the periods around it would not even exist.
FIRST_YEAR, LAST_YEAR = 1901, 2099


class NotADate(ValueError):
    """Text that is no date; ``exists`` is False when it has a date's shape but no such day (2022-02-30).

    ``beyond`` is set (a Chinese reason) when the day exists but lies outside the years cgtask handles.
    """

    def __init__(self, text: str, *, exists: bool, beyond: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.exists = exists
        self.beyond = beyond


def normal_text(value: str) -> str:
    """Full-width digits and punctuation (２０２２／３／１５) become half-width."""
    return unicodedata.normalize("NFKC", value).strip()


def date_from_text(text: str, *, year: int | None = None) -> date:
    """The day ``text`` names; without a year (3月15日) it is taken in ``year`` when one is given.

    Raises :class:`NotADate` when the text is no date.
    """
    text = normal_text(text)
    shapes = [(_FULL_DATE, True), (_COMPACT_DATE, True)] + ([(_MONTH_DAY, False)] if year else [])
    for pattern, with_year in shapes:
        found = pattern.match(text)
        if found is None:
            continue
        parts = [int(part) for part in found.groups()]
        try:
            day = date(*parts) if with_year else date(year or 1, *parts)
        except ValueError:
            raise NotADate(text, exists=False) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise NotADate(text, exists=True, beyond=f"超出可处理的年份（{FIRST_YEAR}—{LAST_YEAR} 年）")
        return day
    raise NotADate(text, exists=True)
