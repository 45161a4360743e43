"""The rows every view shows, typed once, and their one serialisation.

A :class:`DueRow` is one occurrence of a duty (``cgtask due``), a :class:`DetailRow` one period behind
it (``overdue --detail``), a :class:`BoardRow` one line of the 督办 board (``overdue``). Dates are
:class:`datetime.date`; they become ISO text only here, when a row is written as JSON (``records``,
``json_lines``) — the keys and their order are the JSON contract of the commands and of the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from cgtask.queries.requirements import Quantity


@dataclass(slots=True, kw_only=True)
class DueRow:
    """One occurrence of a duty (for one 中队 when expanded per unit); ``due`` None for an event."""

    item: str
    title: str
    doc: str
    year: int | None = None  # the year the duty is counted for: its document's (or the --year projected onto)
    level: str
    unit: str | None = None
    responsible: list[str] = field(default_factory=list)
    period: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    due: date | None = None
    times: int | None = None
    quota: Quantity | None = None
    base: dict[str, Any] | None = (
        None  # a share's default base, the task's own ({name: 预估抽查对象数, value: 120})
    )
    maximum: int | None = None
    range: dict[str, int | float] | None = None  # both ends of 1—2次, 4—5个, 10%—20%: {min, max}
    coverage: int | None = None
    coverage_window: str | None = None
    duration: str | None = None
    requirement: str = ""
    frequency: str = ""
    source: list[str] = field(default_factory=list)
    disagreement: str | None = None  # the reading set aside, as people quote it
    role: str | None = None  # lead / support / responsible, when asked for a 科室/中队
    via: str | None = None
    provisional: bool = False
    district: str | None = None  # the district the row is from, on a city's answer (JSON: first key)


@dataclass(slots=True, kw_only=True)
class DetailRow(DueRow):
    """One period that needs attention: the due row plus what the ledger holds for it.

    ``done`` counts actions (次), days (天, a daily duty's month) or 中队 covered (a coverage window), as
    ``measure`` says; a quantity (起, 件) recorded is ``quantity``.
    """

    status: str
    done: int
    quantity: int
    covered: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    measure: str = "次"


@dataclass(slots=True, kw_only=True)
class BoardRow:
    """One line of the 督办 board: one 科室/中队 × duty, its tallies and its worst colour.

    ``owed``, ``done`` and ``missing`` are in the plan's own unit, ``measure`` (次, 起, 件, %, 天): what the
    periods due by the as-of day ask, capped per period. ``periods`` says how those periods stand.
    """

    doc: str
    year: int | None = None  # the year of the duty (its document's): 2022's closing lines apart from 2023's
    item: str
    title: str
    level: str
    unit: str | None  # the 中队 the line is for (None: the bureau's own duty, owed by ``responsible``)
    responsible: list[str]
    owed: int | float
    done: int | float
    missing: int | float
    measure: str = "次"
    periods: dict[str, int] = field(default_factory=dict)  # owed, met, short (part done), missed (nothing)
    short: str | None
    uncovered: list[str]
    status: str  # red, yellow, blue — green on the site's matrix (complete so far)
    role: str | None = None  # lead / support / responsible, when the board is asked for a 科室/中队
    via: str | None = None  # the group through which it takes part (各科室)
    district: str | None = None  # the district the line is from, on a city's board (JSON: first key)


# A district's rows carry no ``district`` key; a city's carry it first (:func:`record`).
ROW_KEYS: tuple[str, ...] = tuple(f.name for f in fields(DueRow) if f.name != "district")
DETAIL_KEYS: tuple[str, ...] = tuple(f.name for f in fields(DetailRow) if f.name != "district")
BOARD_KEYS: tuple[str, ...] = tuple(f.name for f in fields(BoardRow) if f.name != "district")
# The site's JSON names a due row by its owner (``party``) and says only whether the readings disagree.
SITE_DUE_KEYS: tuple[str, ...] = (
    "item", "title", "doc", "level", "unit", "responsible", "period", "period_start", "period_end", "due",
    "times", "quota", "coverage", "duration", "frequency", "requirement", "source", "disagreement", "role",
    "via", "party",
)  # fmt: skip


def due_fields(row: DueRow) -> dict[str, Any]:
    """The due row's fields as they are (dates as dates), to build a row that extends it."""
    return {key: getattr(row, key) for key in ROW_KEYS}


def _value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Quantity):
        return value.to_json()
    return value


def record(row: DueRow | BoardRow) -> dict[str, Any]:
    """A row as JSON-ready data: its keys in order, dates as ISO text, a quota as its JSON object.

    A row of a city's answer starts with its ``district``.
    """
    if type(row) is DueRow:
        found = _due_record(row)
    elif isinstance(row, BoardRow):
        found = _board_record(row)
    else:
        keys = DETAIL_KEYS if isinstance(row, DetailRow) else ROW_KEYS
        found = {key: _value(getattr(row, key)) for key in keys}
    return found if row.district is None else {"district": row.district, **found}


def _board_record(row: BoardRow) -> dict[str, Any]:
    """A board line as ``overdue --format json`` prints it.

    ``unit`` is the unit the numbers are counted in (次, 起, %); the 中队 the line is for is ``party``.
    """
    found: dict[str, Any] = {}
    for key in BOARD_KEYS:
        if key == "unit":
            found["party"] = row.unit
        elif key == "measure":
            found["unit"] = row.measure
        else:
            found[key] = getattr(row, key)
    return found


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _due_record(row: DueRow) -> dict[str, Any]:
    """:func:`record` of a due row, spelled out: a year per 中队 is over 100,000 of them."""
    quota = row.quota
    return {
        "item": row.item, "title": row.title, "doc": row.doc, "year": row.year, "level": row.level, "unit": row.unit,
        "responsible": row.responsible, "period": row.period, "period_start": _iso(row.period_start),
        "period_end": _iso(row.period_end), "due": _iso(row.due), "times": row.times,
        "quota": quota.to_json() if quota is not None else None, "base": row.base, "maximum": row.maximum,
        "range": row.range, "coverage": row.coverage, "coverage_window": row.coverage_window, "duration": row.duration,
        "requirement": row.requirement, "frequency": row.frequency, "source": row.source,
        "disagreement": row.disagreement, "role": row.role, "via": row.via, "provisional": row.provisional,
    }  # fmt: skip


def due_row(found: dict[str, Any]) -> DueRow:
    """The due row a :func:`record` was made from (a cached answer's rows, read back)."""
    quota = found["quota"]
    dated: dict[str, Any] = {key: _day(found[key]) for key in ("period_start", "period_end", "due")}
    kept = {key: found[key] for key in ROW_KEYS if key not in dated and key != "quota"}
    return DueRow(
        **kept,
        **dated,
        quota=None if quota is None else Quantity(quota["value"], quota["unit"], quota["per"], quota["of"]),
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None


def records(rows: Iterable[DueRow | BoardRow]) -> list[dict[str, Any]]:
    """The rows as JSON-ready data (see :func:`record`)."""
    return [record(row) for row in rows]


def site_record(row: DueRow) -> dict[str, Any]:
    """A due row as the site's JSON holds it (``disagreement`` a flag, ``party`` always null)."""
    found = {key: _value(getattr(row, key)) for key in SITE_DUE_KEYS[:-3]}
    found["disagreement"] = row.disagreement is not None
    found["role"], found["via"], found["party"] = row.role, row.via, None
    return found


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def json_lines(rows: Iterable[DueRow | BoardRow]) -> Iterator[str]:
    """Each row as one line of JSON (``, `` and ``: `` between members), in order."""
    for row in rows:
        yield _ENCODE(record(row))


# The names the library surface gives them (``api.row_records``: what ``--format json`` prints).
row_json_lines = json_lines
row_records = records
