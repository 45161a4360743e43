"""The 督办 board as a matrix: 科室/中队 (rows) × duty (columns), worst rows first.

A cell may hold several board rows (one duty owed at two levels); it shows the worst status and
the sum of what is missing. Each cell has its status in words as well as in colour.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import cast

from cgtask.publish.site.data import STATUS_ORDER, BoardRow, Status
from cgtask.support.words import STATUS_LABELS

ColumnKey = tuple[str, str, str]  # doc, item, title


@dataclass(frozen=True)
class Column:
    """One column of the board: a plan item's duty, keyed to its rows."""

    key: ColumnKey
    item: str
    title: str
    doc: str


@dataclass(frozen=True)
class Cell:
    """One board cell: the worst status of a unit's rows for a column, and what they lack."""

    status: Status | None
    label: str  # 逾期 / 未完成 / 即将到期 / 已完成, or "" for no duty
    amount: str  # 差2次, 差3起 …, or ""
    detail: str  # the longer text of the tooltip and the unit page


@dataclass(frozen=True)
class BoardLine:
    """One board line: a unit, the link to its page, its cells and its counts per status."""

    unit: str
    href: str | None
    cells: list[Cell]
    counts: dict[str, int]


@dataclass(frozen=True)
class Board:
    """The whole board: the columns, a line per unit and the totals per status."""

    columns: list[Column]
    lines: list[BoardLine]
    totals: dict[str, int]


def natural_key(text: str) -> tuple[object, ...]:
    """Sort 2 before 10 and 1.2 before 1.10: digits compare as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def worst(statuses: list[str]) -> Status:
    """The most urgent of the statuses, by the board's order."""
    return min(cast(list[Status], statuses), key=STATUS_ORDER.index)


def amount_text(row: BoardRow) -> str:
    """What a row lacks, in the plan's unit (差4次, 差6起); for a duty met so far, what was done (✓ 6次)."""
    if row.status == "green":
        return f"✓ {row.done:g}{row.measure}" if row.done else "✓"
    if row.short:
        return row.short
    return f"差{row.missing:g}{row.measure}" if row.missing else ""


def row_detail(row: BoardRow) -> str:
    """The longer text of a row for the tooltip: owed and done, what is short, who is not covered."""
    parts = [f"{row.level}：应完成 {row.owed:g}{row.measure}，已完成 {row.done:g}{row.measure}"]
    if row.short:
        parts.append(row.short)
    if row.uncovered:
        parts.append("未覆盖：" + "、".join(row.uncovered))
    return "；".join(parts)


def make_cell(rows: list[BoardRow]) -> Cell:
    """The cell of a unit's rows under one column; an empty cell when the unit has no duty there."""
    if not rows:
        return Cell(None, "", "", "")
    status = worst([r.status for r in rows])
    behind = [r for r in rows if r.status != "green"]
    amount = amount_text(rows[0]) if len(rows) == 1 else _sum_text(behind)
    detail = "\n".join(row_detail(r) for r in rows)
    return Cell(status, STATUS_LABELS[status], amount, detail)


def _sum_text(rows: list[BoardRow]) -> str:
    """What several lines of one cell lack: one sum when they count in one unit, else each apart."""
    measures = {r.measure for r in rows}
    if len(measures) == 1:
        missing = sum(r.missing for r in rows)
        return f"差{missing:g}{measures.pop()}" if missing else ""
    return "；".join(text for text in map(amount_text, rows) if text)


def _columns(rows: list[BoardRow]) -> list[Column]:
    seen: dict[ColumnKey, Column] = {}
    for row in rows:
        key = (row.doc, row.item, row.title)
        seen.setdefault(key, Column(key, row.item, row.title, row.doc))
    return sorted(seen.values(), key=lambda c: (c.doc, natural_key(c.item), c.title))


def _severity(counts: dict[str, int]) -> tuple[int, ...]:
    return tuple(-counts.get(status, 0) for status in STATUS_ORDER[:3])


def build_board(
    rows: list[BoardRow], hrefs: dict[str, str], unit_order: list[str], totals: dict[str, int] | None = None
) -> Board:
    """The matrix of ``rows``, its lines sorted worst first.

    Worst is most red, then yellow, then blue; ties keep the organisation's order ``unit_order``. ``totals``:
    the count per status as the board's own query gave it (a line two 科室 share counts once), else the rows'.
    """
    columns = _columns(rows)
    by_unit: dict[str, dict[ColumnKey, list[BoardRow]]] = {}
    for row in rows:
        by_unit.setdefault(row.unit or "", {}).setdefault((row.doc, row.item, row.title), []).append(row)
    lines = []
    for unit, cells in by_unit.items():
        counts: Counter[str] = Counter(r.status for group in cells.values() for r in group)
        line_cells = [make_cell(cells.get(c.key, [])) for c in columns]
        lines.append(BoardLine(unit, hrefs.get(unit), line_cells, dict(counts)))
    order = {name: i for i, name in enumerate(unit_order)}
    lines.sort(key=lambda line: (_severity(line.counts), order.get(line.unit, len(order)), line.unit))
    counted = totals if totals else Counter(row.status for row in rows)
    return Board(columns, lines, {s: counted.get(s, 0) for s in STATUS_ORDER})
