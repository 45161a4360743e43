"""``cgtask done``, ``overdue``, ``progress`` and ``render report``: the 台账 and where things stand."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cgtask.cli.common import FormatOption, OutputFormat, RegistryOption, boundary, parse_day
from cgtask.cli.due_cmds import DeptOption, LevelOption, UnitOption
from cgtask.cli.output import cell_text, emit
from cgtask.errors import UsageError

if TYPE_CHECKING:
    from cgtask.queries.standing import OverdueResult, ProgressResult

AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="截至日期（含当日），如 2022-03-15；缺省为今天")
]
STATUS_STYLES = {"red": "bold red", "yellow": "yellow", "blue": "blue"}
BOARD_COLUMNS = [
    ("status", "状态"),
    ("who", "科室/中队"),
    ("item", "编号"),
    ("title", "工作"),
    ("owed", "应完成"),
    ("done", "已完成"),
    ("missing", "缺"),
    ("gap", "差额/未覆盖"),
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
TALLY_COLUMNS = [
    ("name", "科室/中队"),
    ("occurrences", "到期"),
    ("complete", "已完成"),
    ("required", "应做次数"),
    ("done", "已做次数"),
    ("rate", "完成率"),
    ("overdue", "逾期未做"),
]
ITEM_COLUMNS = [("doc", "文件"), ("item", "编号"), ("level", "层级"), *TALLY_COLUMNS]
TARGET_COLUMNS = [
    ("item", "编号"),
    ("title", "任务"),
    ("text", "指标"),
    ("value", "实际值"),
    ("date", "日期"),
    ("state", "状态"),
]


def _as_of(text: str | None) -> date:
    """The as-of day: given, or today (read here, at the edge, never in the core)."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of 的值“{text}”不是日期，应写成 2022-03-15") from None


# --- done -----------------------------------------------------------------------------------------


def done_command(
    item: Annotated[
        str | None,
        typer.Argument(help="事项编号：任务如 7.4，监督事项如 1（--undo 时不用）", show_default=False),
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="文件编号（编号在多个文件中都有时）")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="中队：街镇中队层级的事项必填")] = None,
    level: LevelOption = None,
    activity: Annotated[
        str | None, typer.Option("--activity", "-a", help="工作内容：同一周期有多项工作时指明，如 队列训练")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="周期，如 2022-W10、2022-03、2022-Q1（缺省为日期所在周期）"),
    ] = None,
    when: Annotated[str | None, typer.Option("--date", help="完成日期，如 2022-03-08（缺省为今天）")] = None,
    count: Annotated[
        int, typer.Option("--count", "-n", help="完成次数；按数量计的工作（如整改问题16起）为该单位的数量")
    ] = 1,
    quantity: Annotated[
        int | None, typer.Option("--quantity", "-q", help="每次的数量（如 每次评查案卷不少于30件 时的件数）")
    ] = None,
    of: Annotated[int | None, typer.Option("--of", help="比例要求的基数，如 当季案件数 370")] = None,
    covers: Annotated[
        list[str] | None, typer.Option("--covers", help="本次检查覆盖的中队，可用顿号分隔，可重复")
    ] = None,
    undo: Annotated[
        str | None,
        typer.Option("--undo", help="撤销一条记录（写记录编号，如 r-3f9a1c2b）；原记录保留在台账中"),
    ] = None,
    value: Annotated[float | None, typer.Option("--value", help="量化指标的实际值，如 96.5")] = None,
    metric: Annotated[str | None, typer.Option("--metric", help="指标名（任务有多项指标时）")] = None,
    note: Annotated[str | None, typer.Option("--note", help="说明")] = None,
    registry: RegistryOption = None,
) -> None:
    """登记台账：在登记册的 ledger.yaml 末尾追加一条完成记录，原有注释和排版不变。

    周期缺省为完成日期所在的周期；按数量计的工作用 --count 写数量（整改问题 17 起：--count 17），
    比例要求另用 --of 写基数，全覆盖要求用 --covers 写覆盖的中队。输入有误时不写入任何内容。
    登错了用 --undo 记录编号 撤销（台账保留原记录和撤销记录）。

    示例：cgtask done 1 --unit 吴淞街道中队 --activity 街面实效督察 --date 2022-03-08 --count 2 --note 街面督察
    """
    from datetime import datetime

    from cgtask import api
    from cgtask.actions.record import DoneRequest, record_done, withdraw_record

    now = datetime.now().astimezone().replace(microsecond=0)
    reg = api.open_registry(registry)
    if undo is not None:
        entry = withdraw_record(reg, undo, date.today(), now, note)
        sys.stderr.write(f"已撤销记录 {undo}（撤销记录 {entry['id']}）\n")
        return
    if item is None:
        raise UsageError("请写明事项编号，如 cgtask done 1 …；撤销记录用 --undo 记录编号")
    request = DoneRequest(
        item, doc, unit, level, activity, period, parse_day(when, "--date"), count, value, metric, note,
        quantity, of, tuple(covers or ()),
    )  # fmt: skip
    entry = record_done(reg, request, date.today(), now)
    sys.stderr.write(_recorded_message(entry) + "\n")


def _recorded_message(entry: Mapping[str, Any]) -> str:
    who = entry.get("unit") or entry["level"]
    amount = f"{entry['count']} 次"
    if entry.get("quantity") is not None:
        amount += f"，数量 {entry['quantity']}" + (f"（基数 {entry['of']}）" if entry.get("of") else "")
    if entry.get("covers"):
        amount += f"，覆盖 {len(entry['covers'])} 个中队"
    return (
        f"已登记 {entry['id']}：{entry['doc']} 第 {entry['item']} 项，{who}，周期 {entry['period']}，{amount}"
    )


# --- overdue --------------------------------------------------------------------------------------


def _overdue_cell(key: str, row: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    if key == "status":
        from cgtask.queries.standing import STATUS_LABELS

        return STATUS_LABELS[row["status"]]
    if key == "period" and row.get("period"):
        return labels.get(row["period"], row["period"])
    if key == "who":
        return row["unit"] or "、".join(row["responsible"][:2]) + (
            "等" if len(row["responsible"]) > 2 else ""
        )
    if key == "gap":
        uncovered = row["uncovered"]
        parts = [row["short"]] if row["short"] else []
        if uncovered:
            parts.append(f"未覆盖{len(uncovered)}个中队")
        return "；".join(parts)
    return cell_text(row.get(key))


def _print_overdue(result: OverdueResult, detail: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    rows: Sequence[Mapping[str, Any]] = result.details if detail else result.rows
    columns = DETAIL_COLUMNS if detail else BOARD_COLUMNS
    counts = {s: sum(r["status"] == s for r in rows) for s in STATUS_STYLES}
    noun = "期" if detail else "项"
    title = (
        f"督办 截至 {result.as_of.isoformat()}：逾期 {counts['red']} {noun}，"
        f"未完成 {counts['yellow']} {noun}，即将到期 {counts['blue']} {noun}"
    )
    table = Table(title=title, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        cells = [_overdue_cell(key, row, result.period_labels) for key, _ in columns]
        table.add_row(*cells, style=STATUS_STYLES[row["status"]])
    Console().print(table)


def overdue_command(
    as_of: AsOfOption = None,
    dept: DeptOption = None,
    unit: UnitOption = None,
    level: LevelOption = None,
    soon: Annotated[int, typer.Option("--soon", help="同时列出此后几个工作日内到期的事项（蓝）")] = 3,
    detail: Annotated[
        bool, typer.Option("--detail", help="逐期列出（缺省每个科室/中队每项工作一行）")
    ] = False,
    fail: Annotated[
        bool, typer.Option("--fail", help="有逾期（红）事项时以退出码 1 结束（供 CI 使用）")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """督办：截至某日应完成而台账记录不足的工作，每个科室/中队每项工作一行，按红、黄、蓝排列。

    红＝逾期未做，黄＝做了一部分（次数、数量或覆盖不足），蓝＝当天或此后几个工作日内到期。
    加 --detail 逐期列出。

    示例：cgtask overdue --as-of 2022-03-15 --dept 监督科 --soon 5
    """
    from cgtask import api
    from cgtask.queries.standing import StandingQuery, overdue_items

    query = StandingQuery(_as_of(as_of), dept, unit, level, soon)
    result = overdue_items(api.open_registry(registry), query, detail=detail)
    rows: Sequence[Mapping[str, Any]] = result.details if detail else result.rows
    columns = DETAIL_COLUMNS if detail else BOARD_COLUMNS
    if fmt is OutputFormat.table:
        _print_overdue(result, detail)
    else:
        emit(rows, columns, fmt, cell=lambda k, r: _overdue_cell(k, r, result.period_labels))
    if not rows:
        sys.stderr.write("没有逾期或即将到期的事项\n")
    if fail and any(row["status"] == "red" for row in rows):
        raise typer.Exit(1)


# --- progress -------------------------------------------------------------------------------------


def _progress_cell(key: str, row: Mapping[str, Any]) -> str:
    if key == "rate":
        return f"{row['rate'] * 100:.1f}%"
    if key == "state":
        from cgtask.queries.standing import TARGET_LABELS

        return TARGET_LABELS[row["state"]]
    if key == "value" and row["value"] is not None:
        return f"{row['value']:g}"
    return cell_text(row.get(key))


def _print_progress(result: ProgressResult, fmt: OutputFormat) -> None:
    sections: Sequence[tuple[str, Sequence[Mapping[str, Any]], list[tuple[str, str]]]] = (
        ("各科室、中队完成情况", result.parties, TALLY_COLUMNS),
        ("各事项完成情况", result.items, ITEM_COLUMNS),
        ("量化指标", result.targets, TARGET_COLUMNS),
    )
    for title, rows, columns in sections:
        if rows:
            emit(rows, columns, fmt, title=f"{title}（截至 {result.as_of.isoformat()}）", cell=_progress_cell)


def progress_command(
    as_of: AsOfOption = None,
    dept: DeptOption = None,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """进度：截至某日到期事项的完成率（按科室、中队和事项），以及各量化指标是否达标。

    JSON 输出为一个对象：as_of、parties、items、targets。

    示例：cgtask progress --as-of 2022-03-31 --dept 监督科
    """
    from cgtask import api
    from cgtask.queries.standing import StandingQuery, progress_report

    result = progress_report(api.open_registry(registry), StandingQuery(_as_of(as_of), dept))
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


# --- render report --------------------------------------------------------------------------------


def report_command(
    as_of: Annotated[str, typer.Option("--as-of", help="截至日期，如 2022-03-31", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件（.docx 或 .pdf）")] = Path(
        "通报.docx"
    ),
    pdf: Annotated[bool, typer.Option("--pdf", help="另外生成同名 PDF（需要 LibreOffice）")] = False,
    number: Annotated[str | None, typer.Option("--number", help="发文字号，如 宝城执〔2022〕9号")] = None,
    when: Annotated[str | None, typer.Option("--date", help="成文日期（缺省为截至日期）")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="模板目录")] = None,
    registry: RegistryOption = None,
) -> None:
    """工作进度通报：截至某日的总体完成情况、各科室完成情况表、逾期事项点名。

    示例：cgtask render report --as-of 2022-03-31 -o 3月通报.docx
    """
    from cgtask import api
    from cgtask.cli.render_cmds import issuing_options, save_document
    from cgtask.official.report import report_document

    options = issuing_options(number, when or _as_of(as_of).isoformat(), None, None, templates)
    save_document(report_document(api.open_registry(registry), _as_of(as_of), options), output, pdf)


def register(app: typer.Typer) -> None:
    """done/overdue/progress on the main app; report under ``render``."""
    from cgtask.cli.render_cmds import render_app

    app.command("done")(boundary(done_command))
    app.command("overdue")(boundary(overdue_command))
    app.command("progress")(boundary(progress_command))
    render_app.command("report")(boundary(report_command))
