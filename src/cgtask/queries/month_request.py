"""Whose month: the one request the month's 台账 forms and the month's notices both answer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MonthRequest:
    """A month for one 科室 (``dept``), one 中队 (``unit``) or ``every`` one; ``year`` other than the documents' own."""

    month: int
    dept: str | None = None
    unit: str | None = None
    year: int | None = None
    every: bool = False
