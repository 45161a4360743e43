"""Whose month: the one request the month's 台账 forms and the month's notices both answer."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from cgtask.queries.scope import Scope


@dataclass(frozen=True)
class MonthRequest(Scope):
    """A month for the scope's 科室 or 中队, or for ``every`` one of them."""

    month: int
    _: KW_ONLY  # a second positional value was the scope's dept once: named now, it cannot land on every
    every: bool = False
