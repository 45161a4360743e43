"""``cgtask diff``: what changed from one year's plans to the next, as a table, JSON or a .docx for the 局务会."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import FormatOption, OutputFormat, RegistryOption
from cgtask.cli.output import emit

if TYPE_CHECKING:
    from cgtask.api import YearDiff

CHANGE_LABELS = {"added": "新增", "removed": "删去", "changed": "调整"}
DIFF_COLUMNS = [
    ("doc", "文件"),
    ("change", "变化"),
    ("item", "编号"),
    ("title", "事项"),
    ("summary", "调整内容"),
]


def _rows(diff: YearDiff) -> list[dict[str, Any]]:
    return [
        {
            "doc": document.new or document.old,
            "change": CHANGE_LABELS[item.change],
            "item": item.item,
            "title": item.title,
            "summary": item.summary,
        }
        for document in diff.documents
        for item in document.items
    ]


def diff_command(
    old: Annotated[str, typer.Argument(help="原年度（如 2022），或原文件编号", show_default=False)],
    new: Annotated[str, typer.Argument(help="新年度（如 2023），或新文件编号", show_default=False)],
    output: Annotated[
        Path | None, options.output("另写一份局务会用的说明（.docx 或 .pdf），如 调整情况说明.docx")
    ] = None,
    force: Annotated[bool, options.force("输出文件已存在时覆盖")] = False,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """两个年度的任务分解表、执法监督方案对照：新增、删去和调整的事项（工作细则、频次、牵头/配合、责任部门、量化指标），不变的只计数。

    新年度的文件与它沿用的上年文件（follows，cgtask rollover 写入）对照，事项按编号、其次按名称配对；文中只是年份
    改变（2022年→2023年）不算调整。加 -o 另写一份 GB/T 9704 格式的调整情况说明，供局务会审议。

    示例：cgtask diff 2022 2023；cgtask diff 2022 2023 --format json；cgtask diff 2022 2023 -o 调整情况说明.docx
    """
    from cgtask import api

    diff = api.year_diff(registry, old, new)
    counts = diff.counts()
    if fmt is OutputFormat.json:
        import json

        sys.stdout.write(json.dumps(diff.records(), ensure_ascii=False, indent=2) + "\n")
    else:
        title = (
            f"{new} 较 {old}：新增 {counts['added']} 项，删去 {counts['removed']} 项，"
            f"调整 {counts['changed']} 项，不变 {counts['unchanged']} 项"
        )
        emit(_rows(diff), DIFF_COLUMNS, fmt, title=title)
    if output is not None:
        from cgtask.cli.commands.render import report_written

        target = api.YearsTarget(old, new, date.today())
        report_written(api.render(registry, "diff", target, api.Issuing(output=output, force=force)))


def register(app: typer.Typer) -> None:
    """Add the ``diff`` command to ``app``."""
    app.command("diff")(boundary(diff_command))
