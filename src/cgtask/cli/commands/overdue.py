"""``cgtask overdue``: the 督办 board — past due, partly done, due soon."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cgtask.cli.boundary import boundary
from cgtask.cli.options import (
    AsOfOption,
    DeptOption,
    FormatOption,
    LevelOption,
    OutputFormat,
    RegistryOption,
    UnitOption,
    today_or,
)
from cgtask.cli.output import cell_text, emit

if TYPE_CHECKING:
    from cgtask.api import OverdueResult

STATUS_STYLES = {"red": "bold red", "yellow": "yellow", "blue": "blue"}
OVERDUE_COLUMNS = [
    ("status", "状态"),
    ("due", "期限"),
    ("item", "编号"),
    ("title", "工作"),
    ("level", "层级"),
    ("unit", "中队"),
    ("period", "周期"),
    ("times", "应做"),
    ("done", "已做"),
]


def _overdue_cell(key: str, row: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    if key == "status":
        from cgtask import api

        return api.status_label(row["status"])
    if key == "period" and row["period"]:
        return labels.get(row["period"], row["period"])
    return cell_text(row.get(key))


def _print_overdue(result: OverdueResult) -> None:
    from rich.console import Console
    from rich.table import Table

    counts = {s: sum(r["status"] == s for r in result.rows) for s in STATUS_STYLES}
    title = f"截至 {result.as_of.isoformat()}：逾期 {counts['red']} 项，未完成 {counts['yellow']} 项，即将到期 {counts['blue']} 项"
    table = Table(title=title, header_style="bold")
    for _, header in OVERDUE_COLUMNS:
        table.add_column(header, overflow="fold")
    for row in result.rows:
        cells = [_overdue_cell(key, row, result.period_labels) for key, _ in OVERDUE_COLUMNS]
        table.add_row(*cells, style=STATUS_STYLES[row["status"]])
    Console().print(table)


def overdue_command(
    as_of: AsOfOption = None,
    dept: DeptOption = None,
    unit: UnitOption = None,
    level: LevelOption = None,
    soon: Annotated[int, typer.Option("--soon", help="同时列出此后几个工作日内到期的事项（蓝）")] = 3,
    fail: Annotated[
        bool, typer.Option("--fail", help="有逾期（红）事项时以退出码 1 结束（供 CI 使用）")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """督办：截至某日应完成而台账记录不足的事项，红＝逾期未做，黄＝做了一部分，蓝＝即将到期。

    街镇中队层级的事项逐个中队判断。

    示例：cgtask overdue --as-of 2022-03-15 --dept 监督科 --soon 5
    """
    from cgtask import api

    day = today_or(as_of, "--as-of")
    result = api.overdue(registry, as_of=day, dept=dept, unit=unit, level=level, soon=soon)
    if fmt is OutputFormat.table:
        _print_overdue(result)
    else:
        emit(result.rows, OVERDUE_COLUMNS, fmt, cell=lambda k, r: _overdue_cell(k, r, result.period_labels))
    if not result.rows:
        sys.stderr.write("没有逾期或即将到期的事项\n")
    if fail and any(row["status"] == "red" for row in result.rows):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("overdue")(boundary(overdue_command))
