"""What a duty is counted in, as its plan states it: actions (次), a quantity (起, 件), a share (%), days.

The board, the detail behind it and progress count each period's demand in this unit — 每周不少于2次 over
three weeks is 6 次 owed, never "3" — so a number a clerk reads can be checked against the plan's text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from cgtask.queries.rows import DueRow

ACTIONS = "次"
DAYS = "天"
SHARE = "%"


def measure_of(row: DueRow) -> str:
    """The unit a duty's periods are counted in: its quantity's unit, 天 for a daily duty, else 次."""
    quota = row.quota
    if quota is not None and quota.per != "occurrence":
        return quota.unit
    if is_daily(row):
        return DAYS
    return ACTIONS


def is_daily(row: DueRow) -> bool:
    """Whether the duty's periods are single days (每天): counted as days, shown one month at a time."""
    return row.period_start is not None and row.period_start == row.period_end


def period_demand(row: DueRow) -> float:
    """What one period owes in :func:`measure_of`'s unit (a share's demand is its percentage)."""
    quota = row.quota
    if quota is not None and quota.per != "occurrence":
        return quota.value
    return row.times or 0


def number(value: float) -> int | float:
    """A count as the plan writes it: 6, not 6.0; a share to one decimal."""
    return int(value) if float(value).is_integer() else round(value, 1)


def amount_text(value: float, measure: str) -> str:
    """6次, 16起, 10%, 22天."""
    return f"{number(value)}{measure}"


@dataclass
class Periods:
    """How the periods owed so far stand: met, short (part done) or missed (nothing done)."""

    owed: int = 0
    met: int = 0
    short: int = 0
    missed: int = 0

    def add(self, *, complete: bool, anything: bool) -> None:
        """Count one period owed."""
        self.owed += 1
        if complete:
            self.met += 1
        elif anything:
            self.short += 1
        else:
            self.missed += 1

    def to_json(self) -> dict[str, int]:
        """``{"owed", "met", "short", "missed"}``, the board JSON's ``periods``."""
        return {"owed": self.owed, "met": self.met, "short": self.short, "missed": self.missed}


@dataclass
class Amounts:
    """What a duty's periods owed so far ask and what the ledger gives them, in the plan's unit.

    ``done`` is capped per period (a week of 3 against 2 does not make up a week of 1); a share adds up
    its numbers and bases, since a percentage of percentages means nothing.
    """

    measure: str
    owed: float = 0
    done: float = 0
    shared: float = 0  # a share's number recorded, over the periods owed
    base: float = 0  # and the bases recorded with it
    periods: Periods = field(default_factory=Periods)

    def add(self, demand: float, achieved: float) -> None:
        """Count one period's demand and what was achieved towards it (capped at the demand)."""
        self.owed += demand
        self.done += min(achieved, demand)

    def add_share(self, percent: float, quantity: float, base: float) -> None:
        """Count one period's share: the percentage asked, the number checked and the base it was taken of."""
        self.owed = percent
        self.shared += quantity
        self.base += base
        if self.base:
            self.done = min(self.shared * 100 / self.base, self.owed or 100)

    @property
    def missing(self) -> float:
        """What the periods owed still lack, in the same unit."""
        return max(self.owed - self.done, 0)


def days_requirement(days: int) -> str:
    """What a daily duty's month asks, in one wording for forms, notices and the board: 每天1次，本月25天."""
    return f"每天1次，本月{days}天"


def days_by_month(rows: Iterable[DueRow]) -> list[tuple[DueRow, bool]]:
    """The rows with each daily duty's days gathered into one row per month, marked True.

    A form, a notice or a reminder owes a 中队 one line for 行为规范督察 每天 in March, not 25: its period
    is the month, its dates the first and last day owed, ``times`` the days owed.
    """
    found: list[tuple[DueRow, bool]] = []
    months: dict[tuple[str, ...], int] = {}
    for row in rows:
        if not is_daily(row) or row.period is None:
            found.append((row, False))
            continue
        key = (row.doc, row.item, row.level, row.title, row.unit or "", row.period[:7])
        if key not in months:
            months[key] = len(found)
            found.append((replace(row, period=row.period[:7], times=0), True))
        first = found[months[key]][0]
        days = (first.times or 0) + 1
        month = replace(
            first, period_end=row.period_end, due=row.due, times=days, requirement=days_requirement(days)
        )
        found[months[key]] = (month, True)
    return found
