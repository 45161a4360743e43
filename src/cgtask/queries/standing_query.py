"""What a standing question asks and what the board answers, as light types.

A board read back from the cache (a 市局's 16 districts) then needs neither the schedule nor the queries
that compute it.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from datetime import date

from cgtask.queries.rows import BoardRow, DetailRow
from cgtask.queries.scope import Scope


@dataclass(frozen=True)
class DistrictStanding:
    """One district on the city board: its lines by colour, and its place (red first, then yellow)."""

    rank: int
    district: str
    red: int
    yellow: int
    blue: int
    lines: int


@dataclass(frozen=True)
class DutyStanding:
    """One duty across the districts: its red and yellow lines in all, and per district."""

    doc: str
    item: str
    title: str
    red: int
    yellow: int
    districts: dict[str, dict[str, int]] = field(default_factory=dict)  # district → {"red": n, "yellow": n}

    @property
    def worst(self) -> list[str]:
        """The districts with the most red lines of this duty (then yellow), none when no district is behind."""
        counts = {
            name: (c["red"], c["yellow"]) for name, c in self.districts.items() if c["red"] or c["yellow"]
        }
        top = max(counts.values(), default=None)
        return [name for name, count in counts.items() if count == top]


@dataclass(frozen=True)
class CityRanking:
    """The districts ranked on the board, and each duty's lines per district."""

    districts: list[DistrictStanding]
    duties: list[DutyStanding]


@dataclass
class OverdueResult:
    """The board (``rows``) and, with ``detail``, the periods behind it (``details``)."""

    rows: list[BoardRow]
    details: list[DetailRow]
    period_labels: dict[str, str]
    as_of: date
    doc_years: dict[str, int] = field(default_factory=dict)  # each document's year, to show years apart
    ranking: CityRanking | None = None  # a city's board: the districts ranked (:mod:`cgtask.queries.city`)
    unit_heading: str = "中队"  # what the registry calls its units in a heading (县区, 区（市）)


@dataclass(frozen=True)
class StandingQuery(Scope):
    """``as_of`` is the day the standing is taken at (its end); ``soon`` counts working days after it.

    The scope's ``year`` is the year asked about (None: the as-of day's, see :mod:`cgtask.queries.years`).
    """

    as_of: date
    _: KW_ONLY  # a second positional value was the scope's dept once: named now, it cannot land on level
    level: str | None = None
    soon: int = 3
