"""``cgtask due``: what is due when, grouped by due date."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary, warn
from cgtask.cli.options import (
    OLD_END_NOTE,
    DeptOption,
    EndOption,
    LevelOption,
    OldEndOption,
    OutputFormat,
    PerUnitOption,
    UnitOption,
    YearOption,
    parse_day,
)
from cgtask.cli.output import cell_text, emit, should_stream, stream_table, unit_headings, with_district
from cgtask.errors import UsageError

if TYPE_CHECKING:
    from cgtask.api import DueResult, DueRow

DUE_COLUMNS = [
    ("year", "年度"),
    ("due", "期限"),
    ("item", "编号"),
    ("title", "工作"),
    ("level", "层级"),
    ("unit", "中队"),
    ("role", "分工"),
    ("responsible", "责任部门"),
    ("period", "周期"),
    ("requirement", "要求"),
    ("source", "来源"),
]
EVENT_DUE = "事件触发"


def due_cell(key: str, row: DueRow, result: DueResult | None = None) -> str:
    """Cell text of a due row: 暂定 after provisional dates, 2次 for counts, Chinese period labels."""
    if key == "due":
        if row.due is None:
            return EVENT_DUE
        return f"{row.due} 暂定" if row.provisional else str(row.due)
    if key == "times":
        return "" if row.times is None else f"{row.times}次"
    if key == "requirement":
        text = row.requirement or row.frequency
        return f"{text}（两处规定不一致）" if row.disagreement else text
    if key == "role":
        from cgtask.api import role_label

        word = role_label(row.role)
        return f"{word}（{row.via}）" if word and row.via else word
    if key == "period" and result is not None and row.period:
        return result.label_of(row)
    return cell_text(getattr(row, key))


def _print_grouped(result: DueResult) -> None:
    """A rich table grouped by due date: the date once per group, a rule between groups."""
    from rich.console import Console
    from rich.table import Table

    rows = result.rows
    # 中队 only when rows were expanded per 中队; 分工 with --dept, which makes 责任部门 redundant.
    has_role = any(row.role for row in rows)
    # A column that says the same on every row (one 中队, one level) is said by the query already.
    hidden = {key for key in ("year", "unit", "level") if len({getattr(row, key) for row in rows}) <= 1}
    hidden |= {"responsible"} if any(row.unit for row in rows) and "unit" in hidden else set()
    hidden |= {"responsible"} if has_role else {"role"}
    columns = with_district(
        rows, [c for c in unit_headings(DUE_COLUMNS, result.unit_heading) if c[0] not in hidden]
    )
    mixed = sum(1 for row in rows if row.disagreement)
    note = _years_note(rows) + (f"，其中 {mixed} 项两处规定不一致" if mixed else "")
    if should_stream(len(rows)):
        cell = lambda key, row: due_cell(key, row, result)  # noqa: E731
        stream_table(rows, columns, cell, f"到期事项 {len(rows)} 项{note}")
        return
    table = Table(title=f"到期事项 {len(rows)} 项{note}", header_style="bold")
    for key, header in columns:
        # A date or a period split over two lines is misread; the text columns wrap instead.
        table.add_column(header, overflow="fold", no_wrap=key == "due")
    for index, row in enumerate(rows):
        first = index == 0 or rows[index - 1].due != row.due
        last = index == len(rows) - 1 or rows[index + 1].due != row.due
        cells = [due_cell(key, row, result) for key, _ in columns]
        if not first:
            cells[[key for key, _ in columns].index("due")] = ""  # after 区 on a city's rows
        table.add_row(*cells, end_section=last, style="yellow" if row.provisional else None)
    Console().print(table)


def _years_note(rows: list[DueRow]) -> str:
    """（2022年 7 项，2023年 12 项） when a range reaches into two years; nothing for one year."""
    years: dict[int | None, int] = {}
    for row in rows:
        years[row.year] = years.get(row.year, 0) + 1
    if len(years) < 2:
        return ""
    return "（" + "，".join(f"{year}年 {count} 项" for year, count in sorted(years.items(), key=str)) + "）"


def _write_json(result: DueResult) -> None:
    """A JSON array with one compact row per line: readable, diffable, and fast for 100,000 rows."""
    body = ",\n".join(result.json_lines())
    sys.stdout.write(f"[\n{body}\n]\n" if body else "[]\n")


def _emit_due(result: DueResult, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.table:
        _print_grouped(result)
    elif fmt is OutputFormat.json:
        _write_json(result)
    else:
        shown = DUE_COLUMNS if len({row.year for row in result.rows}) > 1 else DUE_COLUMNS[1:]
        columns = unit_headings(shown, result.unit_heading)
        emit(result.rows, columns, fmt, cell=lambda key, row: due_cell(key, row, result))


def _check_window(
    month: int | None, week: int | None, start: str | None, end: str | None, until: str
) -> None:
    """One window at a time, and a date range with both ends (said with the flags as typed)."""
    ranged = start is not None or end is not None
    if sum(x is not None for x in (month, week)) + ranged > 1:
        raise UsageError(f"--month、--week 和 --from/{until} 只能选用一种")
    if (start is None) != (end is None):
        raise UsageError(f"--from 与 {until} 需要同时给出")


def _chosen_end(end: str | None, old_end: str | None) -> tuple[str | None, str]:
    """The end date and the option that gave it: ``--until``, or the old ``--to`` (with a note)."""
    if old_end is None:
        return end, "--until"
    sys.stderr.write(OLD_END_NOTE)
    if end is not None:
        raise UsageError("--until 与 --to 只能用一个（--to 将停用）")
    return old_end, "--to"


@dataclass(frozen=True)
class DueOptions(options.Listing):
    """Which occurrences to list: the window (month, week or dates), who, and whether events too."""

    month: Annotated[int | None, options.month("月份 1—12：期限落在该月的事项")] = None
    week: Annotated[int | None, typer.Option("--week", "-w", help="ISO 周次 1—53（周一至周日）")] = None
    start: Annotated[
        str | None, typer.Option("--from", help="起始日期，如 2022-03-01（与 --until 同用）")
    ] = None
    end: EndOption = None
    old_end: OldEndOption = None
    year: YearOption = None
    dept: DeptOption = None
    level: LevelOption = None
    unit: UnitOption = None
    per_unit: PerUnitOption = False
    events: Annotated[
        bool, typer.Option("--events", help="同时列出事件触发、无固定日期的事项（一案一督、随时、适时）")
    ] = False


@options.option_group("wanted", DueOptions)
def due_command(*, wanted: DueOptions) -> None:
    """列出到期事项：期限（周期内最后一个工作日，按放假和调休安排）、周期和每期要求，按期限分组。

    不指定月份、周次或日期范围时列出全年。

    示例：cgtask due --month 3 --dept 监督科
    """
    from cgtask import api

    end, end_option = _chosen_end(wanted.end, wanted.old_end)
    _check_window(wanted.month, wanted.week, wanted.start, end, end_option)
    query = api.DueQuery(
        month=wanted.month,
        week=wanted.week,
        start=parse_day(wanted.start, "--from"),
        end=parse_day(end, end_option),
        year=wanted.year,
        dept=wanted.dept,
        level=wanted.level,
        unit=wanted.unit,
        events=wanted.events,
        per_unit=wanted.per_unit,
    )
    result = api.due(wanted.registry, query)
    warn(result.warnings)
    _emit_due(result, wanted.fmt)
    if not result.count:
        sys.stderr.write("没有符合条件的到期事项\n")


def register(app: typer.Typer) -> None:
    """Add the ``due`` command to ``app``."""
    app.command("due")(boundary(due_command))
