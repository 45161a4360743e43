"""``cgtask progress``: completion rates as of a day, and whether each target is met."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import AsOfOption, DeptOption, FormatOption, OutputFormat, RegistryOption, today_or
from cgtask.cli.output import cell_text, emit, unit_headings

if TYPE_CHECKING:
    from cgtask.api import ProgressResult

TALLY_COLUMNS = [
    ("name", "科室/中队"),
    ("occurrences", "应完成期数"),
    ("complete", "已完成"),
    ("rate", "完成率"),
    ("overdue", "逾期"),
]
ITEM_COLUMNS = [
    ("item", "编号"),
    ("name", "工作"),
    ("level", "层级"),
    ("requirement", "每期要求"),
    ("required", "应完成"),
    ("done", "已完成"),
    ("occurrences", "期数"),
    ("complete", "达标期数"),
    ("uncovered", "本期未覆盖"),
    ("exceeded", "超上限期数"),
]
TARGET_COLUMNS = [
    ("item", "编号"),
    ("title", "任务"),
    ("text", "指标"),
    ("value", "实际值"),
    ("date", "日期"),
    ("state", "状态"),
]


def _progress_cell(key: str, row: Mapping[str, Any]) -> str:
    if key == "rate":
        return f"{row['rate'] * 100:.1f}%"
    if key == "state":
        from cgtask import api

        return api.TARGET_LABELS[row["state"]]
    if key == "uncovered":
        return f"{len(row['uncovered'])}个中队" if row["uncovered"] else ""
    if key == "exceeded":
        return str(row["exceeded"]) if row.get("exceeded") else ""
    if key == "name" and row.get("role"):  # asked for a 科室/中队: how it takes part, as ``due`` says
        from cgtask import api

        return f"{row['name']}（{api.role_label(row['role'])}）"
    if key == "occurrences" and row.get("windows"):  # a coverage window is owed too, but is not a 次
        return f"{row['occurrences']}（含全覆盖{row['windows']}）"
    if key in ("required", "done"):  # in the plan's unit: 6次, 16起, 22天
        return f"{row[key]:g}{row['unit']}"
    if key == "value" and row["value"] is not None:
        return f"{row['value']:g}"
    return cell_text(row.get(key))


def _print_progress(result: ProgressResult, fmt: OutputFormat) -> None:
    sections: Sequence[tuple[str, Sequence[Mapping[str, Any]], list[tuple[str, str]]]] = (
        (
            f"各科室、{result.unit_heading}完成情况",
            result.parties,
            unit_headings(TALLY_COLUMNS, result.unit_heading),
        ),
        ("各事项完成情况", result.items, ITEM_COLUMNS),
        ("量化指标", result.targets, TARGET_COLUMNS),
    )
    for title, rows, columns in sections:
        if rows:
            shown = _columns_with_text(rows, columns) if fmt is OutputFormat.table else columns
            emit(rows, shown, fmt, title=f"{title}（截至 {result.as_of.isoformat()}）", cell=_progress_cell)


def _columns_with_text(
    rows: Sequence[Mapping[str, Any]], columns: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The columns some row fills: on a terminal an empty 未覆盖 or 超上限 column only costs width."""
    return [(key, title) for key, title in columns if any(_progress_cell(key, row) for row in rows)]


def progress_command(
    as_of: AsOfOption = None,
    dept: DeptOption = None,
    year: Annotated[int | None, options.year("年度（缺省为截至日期所在的年度）")] = None,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """进度：截至某日到期事项的完成率（按科室、中队和事项），以及各量化指标是否达标。

    JSON 输出为一个对象：as_of、parties、items、targets。

    示例：cgtask progress --as-of 2022-03-31 --dept 监督科
    """
    from cgtask import api

    result = api.progress(registry, api.StandingQuery(today_or(as_of, "--as-of"), dept=dept, year=year))
    if fmt is OutputFormat.json:
        import json

        payload = {
            "as_of": result.as_of.isoformat(),
            "parties": result.parties,
            "items": result.items,
            "targets": result.targets,
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    _print_progress(result, fmt)
    if not (result.parties or result.targets):
        sys.stderr.write("截至该日没有到期事项\n")


def register(app: typer.Typer) -> None:
    """Add the ``progress`` command to ``app``."""
    app.command("progress")(boundary(progress_command))
