"""``cgtask overdue``: the 督办 board — past due, partly done, due soon."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import (
    AsOfOption,
    DeptOption,
    LevelOption,
    OutputFormat,
    UnitOption,
    today_or,
)
from cgtask.cli.output import cell_text, emit, should_stream, stream_table, unit_headings, with_district

if TYPE_CHECKING:
    from cgtask.api import BoardRow, DetailRow, OverdueResult

STATUS_STYLES = {"red": "bold red", "yellow": "yellow", "blue": "blue"}
BOARD_COLUMNS = [
    ("status", "状态"),
    ("who", "科室/中队"),
    ("item", "编号"),
    ("title", "工作"),
    ("owed", "应完成"),
    ("done", "已完成"),
    ("missing", "缺"),
    ("gap", "说明/未覆盖"),
]
DETAIL_COLUMNS = [
    ("status", "状态"),
    ("due", "期限"),
    ("item", "编号"),
    ("title", "工作"),
    ("unit", "中队"),
    ("period", "周期"),
    ("requirement", "要求"),
    ("done", "已做"),
]


def _overdue_cell(key: str, row: BoardRow | DetailRow, labels: Mapping[str, str]) -> str:
    if key == "status":
        from cgtask import api

        return api.STATUS_LABELS[row.status]
    period = getattr(row, "period", None)
    if key == "period" and period:
        return labels.get(period, period)
    if key == "who":
        return row.unit or "、".join(row.responsible[:2]) + ("等" if len(row.responsible) > 2 else "")
    if key in ("owed", "done", "missing"):
        return _amount_cell(key, row)
    if key == "title" and row.role:  # asked for a 科室/中队: how it takes part, as ``due`` says
        from cgtask import api

        return f"{row.title}（{api.role_label(row.role)}）"
    if key == "gap":
        short = getattr(row, "short", None)
        parts = []
        periods = getattr(row, "periods", None)
        if periods and periods["owed"] > 1 and row.done and row.measure != "天":  # several periods, some work
            parts.append(f"{periods['met']}/{periods['owed']}期达标")
        if short and periods is not None:  # a board line: 差1次 is what the 缺 column says already
            short = short.removeprefix(f"差{getattr(row, 'missing', '')}{row.measure}").lstrip("；")
        parts += [short] if short else []
        if row.uncovered:
            parts.append(f"未覆盖{len(row.uncovered)}个中队")
        return "；".join(parts)
    return cell_text(getattr(row, key, None))


def _amount_cell(key: str, row: BoardRow | DetailRow) -> str:
    """A number in the plan's unit: 6次, 10起, 22天 (a detail row's quantity when it counts one)."""
    value = getattr(row, key)
    quantity = getattr(row, "quantity", None)
    quota = getattr(row, "quota", None)
    if quantity is not None and quota is not None and quota.per != "occurrence":
        return f"{quantity:g}{quota.unit}"
    return f"{value:g}{row.measure}"


def _print_overdue(result: OverdueResult, detail: bool) -> None:
    """The board as one table, or one table per year when it holds several (the closing year first)."""
    rows: Sequence[BoardRow | DetailRow] = result.details if detail else result.rows
    years = sorted({result.doc_years.get(row.doc, result.as_of.year) for row in rows})
    if len(years) < 2:
        _print_table(result, rows, detail, "")
        return
    for year in years:
        own = [row for row in rows if result.doc_years.get(row.doc, result.as_of.year) == year]
        label = f"{year} 年度（年终未完成）" if year < result.as_of.year else f"{year} 年度"
        _print_table(result, own, detail, label)


def _print_table(
    result: OverdueResult, rows: Sequence[BoardRow | DetailRow], detail: bool, label: str
) -> None:
    from rich.console import Console
    from rich.table import Table

    columns = with_district(
        rows, unit_headings(DETAIL_COLUMNS if detail else BOARD_COLUMNS, result.unit_heading)
    )
    counts = {s: sum(r.status == s for r in rows) for s in STATUS_STYLES}
    noun = "期" if detail else "项"
    title = (
        f"督办 {label}截至 {result.as_of.isoformat()}：逾期 {counts['red']} {noun}，"
        f"未完成 {counts['yellow']} {noun}，即将到期 {counts['blue']} {noun}"
    )
    if should_stream(len(rows)):
        stream_table(rows, columns, lambda key, row: _overdue_cell(key, row, result.period_labels), title)
        return
    table = Table(title=title, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        cells = [_overdue_cell(key, row, result.period_labels) for key, _ in columns]
        table.add_row(*cells, style=STATUS_STYLES[row.status])
    Console().print(table)


@dataclass(frozen=True)
class OverdueOptions(options.Listing):
    """The board as of which day, for whom, how far ahead, in which detail, and whether red fails."""

    as_of: AsOfOption = None
    dept: DeptOption = None
    unit: UnitOption = None
    level: LevelOption = None
    year: Annotated[
        int | None, options.year("年度（缺省为截至日期所在的年度，连同上一年度结账前未完成的事项）")
    ] = None
    soon: Annotated[int, typer.Option("--soon", help="同时列出此后几个工作日内到期的事项（蓝）")] = 3
    detail: Annotated[
        bool,
        typer.Option("--detail", help="逐期列出（缺省每个科室/中队每项工作一行）"),
    ] = False
    fail: Annotated[
        bool,
        typer.Option("--fail", help="有逾期（红）事项时以退出码 1 结束（供 CI 使用）"),
    ] = False
    rank: Annotated[
        bool,
        typer.Option("--rank", help="市局登记册：只列各区排名和各项工作逾期最多的区（不列看板各行）"),
    ] = False


@options.option_group("wanted", OverdueOptions)
def overdue_command(*, wanted: OverdueOptions) -> None:
    """督办：截至某日应完成而台账记录不足的工作，每个科室/中队每项工作一行，按红、黄、蓝排列。

    红＝逾期（到期未完成，做了一部分也算），黄＝未完成（本期未到期、已做了一部分），蓝＝当天或此后几个工作日内到期。
    加 --detail 逐期列出。

    示例：cgtask overdue --as-of 2022-03-15 --dept 监督科 --soon 5
    """
    from cgtask import api

    day = today_or(wanted.as_of, "--as-of")
    query = api.StandingQuery(
        day, dept=wanted.dept, unit=wanted.unit, level=wanted.level, soon=wanted.soon, year=wanted.year
    )
    detail, fail = wanted.detail, wanted.fail
    result = api.overdue(wanted.registry, query, detail=detail)
    rows: Sequence[BoardRow | DetailRow] = result.details if detail else result.rows
    columns = unit_headings(DETAIL_COLUMNS if detail else BOARD_COLUMNS, result.unit_heading)
    if wanted.rank or (wanted.fmt is OutputFormat.table and result.ranking is not None):
        from cgtask.cli.city_view import print_ranking

        if not wanted.rank:
            _print_overdue(result, detail)
        print_ranking(result, wanted.fmt)
    elif wanted.fmt is OutputFormat.table:
        _print_overdue(result, detail)
    elif wanted.fmt is OutputFormat.json:
        emit(api.row_records(rows), columns, wanted.fmt)
    else:
        emit(rows, columns, wanted.fmt, cell=lambda k, r: _overdue_cell(k, r, result.period_labels))
    if not rows:
        sys.stderr.write("没有逾期或即将到期的事项\n")
    if fail and any(row.status == "red" for row in rows):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``overdue`` command to ``app``."""
    app.command("overdue")(boundary(overdue_command))
