"""``cgtask trace``, ``cgtask decompose`` and ``cgtask render summary``: from work plans to tasks and back."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cgtask.cli.common import FormatOption, OutputFormat, RegistryOption, boundary
from cgtask.cli.output import cell_text, emit
from cgtask.cli.render_cmds import (
    CcOption,
    DateOption,
    NumberOption,
    OutputOption,
    PdfOption,
    TemplatesOption,
    ToOption,
    render_app,
)

if TYPE_CHECKING:
    from cgtask.queries.trace import TraceResult

TRACE_COLUMNS = [("item", "计划条目"), ("title", "标题"), ("tasks", "任务"), ("status", "情况")]

PlanOption = Annotated[
    str | None,
    typer.Option("--plan", help="工作计划的文件编号，如 plan-2022-city（缺省为与任务表同年度的计划）"),
]


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
    plan: PlanOption = None,
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
    from cgtask.queries.trace import trace_plan

    result = trace_plan(api.open_registry(registry), plan, tasks)
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


def decompose_command(
    plan: Annotated[str, typer.Option("--plan", help="工作计划的文件编号，如 plan-2022-city")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="写入的 YAML 文件，如 registry/documents/tasks-2022-city.yaml"),
    ],
    doc_id: Annotated[
        str | None, typer.Option("--id", help="新任务表的文件编号（缺省由计划编号得出，如 tasks-2022-city）")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")] = False,
    registry: RegistryOption = None,
) -> None:
    """由工作计划生成任务分解表草稿：每个部分一个目录，每个条目一项任务（basis 指向该条目），牵头、配合部门留待填写。

    草稿带 draft: true，cgtask check 对未填的牵头部门只作警告；填好后删去该行。

    示例：cgtask decompose --plan plan-2022-city -o registry/documents/tasks-2022-city.yaml
    """
    from cgtask import api
    from cgtask.actions.decompose import decompose_plan

    done = decompose_plan(api.open_registry(registry), plan, output, doc_id, force=force)
    sys.stderr.write(
        f"已写入 {done.path}（{done.doc_id}：{done.categories} 个目录，{done.tasks} 项任务）；"
        "请填写各项任务的 lead、support，然后运行 cgtask check\n"
    )


def summary_command(
    doc: Annotated[str, typer.Option("--doc", help="工作总结和工作计划的文件编号，如 plan-2022-city")],
    output: OutputOption,
    pdf: PdfOption = False,
    number: NumberOption = None,
    when: DateOption = None,
    to: ToOption = None,
    cc: CcOption = None,
    templates: TemplatesOption = None,
    registry: RegistryOption = None,
) -> None:
    """工作总结和工作计划（按发文原样）：红头与发文字号（原文有的才有）、标题、主送、印发语、总结与计划正文、落款、版记。

    登记册未记录的成文日期、主送机关用 --date、--to 补上；发文字号、抄送可用 --number、--cc 指定。

    示例：cgtask render summary --doc plan-2022-city -o 工作总结和工作计划.docx --pdf
    """
    from cgtask import api
    from cgtask.cli.render_cmds import (
        issuing_options,
        save_document,
    )  # the same option checks and writing as render's others
    from cgtask.official.work_plan import summary_document

    options = issuing_options(number, when, to, cc, templates)
    save_document(summary_document(api.open_registry(registry), doc, options), output, pdf)


def register(app: typer.Typer) -> None:
    """Add ``trace`` and ``decompose`` to the main app and ``summary`` to ``render``."""
    app.command("trace")(boundary(trace_command))
    app.command("decompose")(boundary(decompose_command))
    render_app.command("summary")(boundary(summary_command))
