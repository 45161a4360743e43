"""What the site shows: plain frozen dataclasses, filled by the caller from the registry.

The site knows nothing of the registry: ``cgtask site`` fills a :class:`SiteData` from the same
queries as ``due``, ``overdue`` and ``list`` and hands it to :func:`build_site`. Keeping the contract
in plain dataclasses lets the site be tested with hand-built data and keeps pydantic out of it.

Names are the registry's canonical names (科室, 中队, 统称 expanded where a row is one party's).
Dates are :class:`datetime.date`; the JSON written beside the pages uses ISO strings. Board and due
rows are the queries' own (:mod:`cgtask.queries.rows`): a board row's ``unit`` is the 科室/中队 whose
cell it fills; a due row belongs to its ``unit`` (a 中队) or, when that is empty, to each of its
``responsible``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from cgtask.queries.rows import BoardRow, DueRow, record, site_record

Status = Literal["red", "yellow", "blue", "green"]
UnitKind = Literal["department", "squad"]
Role = Literal["lead", "support", "responsible"]

STATUS_ORDER: tuple[Status, ...] = ("red", "yellow", "blue", "green")


@dataclass(frozen=True)
class UnitInfo:
    """A 科室 or 中队 that gets its own page; ``slug`` names the page file (sanitised again on build)."""

    name: str
    kind: UnitKind
    slug: str


@dataclass(frozen=True)
class TaskRow:
    """One row of a task breakdown: its 工作细则 verbatim, 牵头/配合 and the targets' text."""

    id: str
    doc: str
    category: str
    title: str
    detail: str
    lead: list[str]
    support: list[str]
    targets: list[str] = field(default_factory=list)
    progress: str | None = None


@dataclass(frozen=True)
class CalendarDay:
    """One day of the year as the calendar page shows it.

    A working day or not, 调休 (``adjusted``), the holiday, 暂定, and how many occurrences fall due on it.
    """

    date: date
    workday: bool
    adjusted: bool = False
    holiday_name: str | None = None
    provisional: bool = False
    due_count: int = 0


@dataclass(frozen=True)
class UnitCompletion:
    """Times owed and done by a 科室/中队: for the year so far, or for one ``month`` of it."""

    unit: str
    owed: int
    done: int
    month: int | None = None

    @property
    def rate(self) -> float:
        """The share done; a party that owes nothing counts as complete."""
        return self.done / self.owed if self.owed else 1.0


@dataclass(frozen=True)
class SiteData:
    """Everything the site shows.

    ``monthly_due`` (month → occurrences due) defaults to the sum of ``days``' counts; ``revision`` is
    the registry's git short hash when known; ``groups`` maps a 统称 such as 各科室 to its members, so a
    unit page lists what it supports through the group.
    """

    as_of: date
    revision: str | None
    bureau: str
    year: int
    provisional_years: set[int] = field(default_factory=set)
    units: list[UnitInfo] = field(default_factory=list)
    board: list[BoardRow] = field(default_factory=list)
    board_totals: dict[str, int] = field(default_factory=dict)  # per status, counted as ``overdue`` counts
    due: list[DueRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    days: list[CalendarDay] = field(default_factory=list)
    completion: list[UnitCompletion] = field(default_factory=list)
    monthly_due: dict[int, int] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    unit_heading: str = "中队"  # what the registry calls its units in headings (县区, 区（市）)

    def due_per_month(self) -> dict[int, int]:
        """Occurrences due in each month 1–12 of the site's year."""
        if self.monthly_due:
            return {m: self.monthly_due.get(m, 0) for m in range(1, 13)}
        counts = dict.fromkeys(range(1, 13), 0)
        for day in self.days:
            if day.date.year == self.year:
                counts[day.date.month] += day.due_count
        return counts


def to_json(value: Any) -> Any:
    """A dataclass (or a list of them) as JSON-ready data: dates as ISO text, sets as sorted lists."""
    if isinstance(value, SiteData):  # not asdict: it would turn the due rows into plain dicts first
        return {f: to_json(getattr(value, f)) for f in value.__dataclass_fields__}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, set):
        return sorted(to_json(v) for v in value)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, DueRow):
        return site_record(value)
    if isinstance(value, BoardRow):
        return record(value)  # the board contract of ``overdue --format json`` (``party``, ``unit`` = 次/起)
    if hasattr(value, "__dataclass_fields__"):
        return to_json(asdict(value))
    return value


def row_owners(row: DueRow) -> list[str]:
    """Whose occurrence a due row is: its 中队, else each of its ``responsible``."""
    return [row.unit] if row.unit is not None else list(row.responsible)


__all__ = [
    "STATUS_ORDER", "BoardRow", "CalendarDay", "DueRow", "Role", "SiteData", "Status", "TaskRow",
    "UnitCompletion", "UnitInfo", "UnitKind", "row_owners", "to_json",
]  # fmt: skip
