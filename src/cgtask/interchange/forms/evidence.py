"""A filled form is evidence, not authority: what its hidden sheet says is checked against the registry.

The identity sheet is not protected by any password an office suite would enforce, so whatever it
holds (the 中队, the document and item, the level, the period and its dates, which visible row a
line points to, which cells are open) could have been typed by anyone. Each line is compared with
the form the registry issues today for the same unit and month: it must name a row of that form,
at that row's place, with its period and its fill-in cells, and the visible row must be the one
the registry would print. Anything else is refused at the cell that says it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from cgtask.interchange.forms.layout import FIRST_ROW, META_SHEET, fingerprint
from cgtask.interchange.forms.model import DutyPeriod, FormRow, FormSpec
from cgtask.support.limits import MAX_SHEET_ROWS

# (unit, year, month) → the form the registry issues for them; ValueError (a Chinese reason) when
# the registry has no such unit.
ExpectedForm = Callable[[str, int, int], FormSpec]

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True, kw_only=True)
class MetaRow(DutyPeriod):
    """One form row as the identity sheet lists it, with the line of that sheet it is on."""

    line: int
    row: int
    start: date
    end: date
    needs: frozenset[str]
    fingerprint: str


def valid_row_number(number: int) -> bool:
    """A visible row a form can have: below the header, within the rows a sheet may hold."""
    return FIRST_ROW <= number <= MAX_SHEET_ROWS


@dataclass(frozen=True)
class Refusal:
    """A line of the identity sheet that the registry does not vouch for."""

    sheet: str
    cell: str
    message: str


def check_rows(rows: Sequence[MetaRow], spec: FormSpec) -> list[Refusal]:
    """Every identity line that is not the registry's own row of ``spec``, at its place; no row twice."""
    from cgtask.interchange.forms.writer import fixed_cells, row_needs

    expected = {row.key: (number, row) for number, row in enumerate(spec.rows, start=1)}
    refusals: list[Refusal] = []
    keys: dict[str, int] = {}
    places: dict[int, int] = {}
    for meta in rows:
        cell = f"A{meta.line}"
        if meta.key in keys or meta.row in places:
            other = keys.get(meta.key) or places.get(meta.row)
            refusals.append(
                Refusal(META_SHEET, cell, f"隐藏工作表第{meta.line}行与第{other}行指向同一行，表被改动过")
            )
            continue
        keys[meta.key], places[meta.row] = meta.line, meta.line
        found = expected.get(meta.key)
        if found is None:
            refusals.append(Refusal(META_SHEET, cell, _unknown(meta, spec)))
            continue
        number, row = found
        opened = frozenset(row_needs(row))
        if (
            meta.row != FIRST_ROW + number - 1
            or (meta.start, meta.end) != (row.period_start, row.period_end)
            or meta.needs != opened
            or meta.fingerprint != fingerprint(fixed_cells(number, row))
        ):
            refusals.append(Refusal(META_SHEET, cell, _altered(meta, row, spec)))
    return refusals


def _unknown(meta: MetaRow, spec: FormSpec) -> str:
    what = f"{meta.doc} 第 {meta.item} 项（{meta.level}{'，' + meta.unit if meta.unit else ''}，周期 {meta.period}）"
    return (
        f"隐藏工作表第{meta.line}行的 {what} 不在本登记册发给{spec.unit}的 {spec.month_label} 台账表中："
        "表被改动过，或登记册在发表后已更改；请用 cgtask form 重新生成后填写"
    )


def _altered(meta: MetaRow, row: FormRow, spec: FormSpec) -> str:
    return (
        f"隐藏工作表第{meta.line}行（第 {row.item} 项，周期 {row.period}）与本登记册发给{spec.unit}的"
        f" {spec.month_label} 台账表不符（行号、周期起止、填写栏或固定单元格不同）；请用原表或重新生成的表填写"
    )
