"""``cgtask trace``: from a work plan's items to the tasks that carry them out, and back."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import FormatOption, OutputFormat, RegistryOption
from cgtask.cli.output import cell_text, emit

if TYPE_CHECKING:
    from cgtask.api import TraceResult

TRACE_COLUMNS = [("item", "计划条目"), ("title", "标题"), ("tasks", "任务"), ("status", "情况")]


def _trace_cell(key: str, row: Mapping[str, Any]) -> str:
    """The 情况 column marks what stands out: a plan item nobody carries out, a task with no basis."""
    if key == "status":
        if row["item"] is None:
            return "！任务无依据"
        return "" if row["tasks"] else "！未分解"
    if key == "item" and row["item"] is None:
        return "—"
    return cell_text(row.get(key))


def trace_command(
    plan: Annotated[
        str | None,
        options.plan("工作计划的文件编号，如 plan-2022-city（缺省为与任务表同年度的计划）"),
    ] = None,
    tasks: Annotated[
        str | None, typer.Option("--tasks", help="任务分解表的文件编号，如 tasks-2022（只有一个时可省略）")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """从工作计划追到任务：每个计划条目由哪些任务落实（任务的 basis 字段），未分解的条目和无依据的任务单独标出。

    JSON 每行为 item、title、tasks；无依据的任务也各占一行，其 item 为 null，tasks 只含该任务编号。

    示例：cgtask trace --plan plan-2022-city --tasks tasks-2022 --format json
    """
    from cgtask import api

    result = api.trace(registry, work_plan=plan, tasks=tasks)
    title = f"{result.plan} → {result.tasks}"
    emit(result.rows, TRACE_COLUMNS, fmt, title=title, cell=_trace_cell)
    sys.stderr.write(_trace_summary(result) + "\n")


def _trace_summary(result: TraceResult) -> str:
    items, uncovered, loose = result.item_rows, result.uncovered_items, result.tasks_without_basis
    text = f"计划条目 {len(items)} 项：已分解 {len(items) - len(uncovered)} 项，未分解 {len(uncovered)} 项"
    if uncovered:
        text += f"（{_few(uncovered)}）"
    text += f"；无依据的任务 {len(loose)} 项"
    if loose:
        text += f"（{_few(loose)}）"
    return text


def _few(ids: list[str], limit: int = 8) -> str:
    shown = "、".join(ids[:limit])
    return shown + (f" 等 {len(ids)} 项" if len(ids) > limit else "")


def register(app: typer.Typer) -> None:
    """Add the ``trace`` command to ``app``."""
    app.command("trace")(boundary(trace_command))
