"""``cgtask export``: the registry out to spreadsheets (xlsx, csv) or JSON."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import ForceOption, RegistryOption


class ExportChoice(StrEnum):
    """The formats ``export`` writes: a workbook, CSV files or one JSON document."""

    xlsx = "xlsx"
    csv = "csv"
    json = "json"


def export_command(
    fmt: Annotated[
        ExportChoice, options.output_format("xlsx（工作簿）、csv 或 json", case_sensitive=False)
    ] = ExportChoice.xlsx,
    output: Annotated[
        Path | None, options.output("输出文件；csv 时可给目录，每张表一个文件；省略时 csv/json 输出到屏幕")
    ] = None,
    doc: Annotated[str | None, options.doc("只导出一个文件，例如 tasks-2022")] = None,
    table: Annotated[
        str | None,
        typer.Option("--table", help="只导出一张表：tasks（任务）、obligations（监督要求）、ledger（台账）"),
    ] = None,
    force: ForceOption = False,
    registry: RegistryOption = None,
) -> None:
    """导出任务、监督要求和台账：xlsx 每张表一个工作表（表头加粗、冻结首行、可筛选），也可导出 csv、json。

    示例：cgtask export --format xlsx -o 任务分解表.xlsx
    """
    from cgtask import api

    result = api.export(registry, fmt=fmt.value, output=output, doc=doc, table=table, force=force)
    if result.stdout is not None:
        sys.stdout.write(result.stdout)
    counts = "，".join(f"{one.sheet} {len(one.rows)} 行" for one in result.tables)
    if result.written:
        sys.stderr.write(f"已写入 {'、'.join(str(p) for p in result.written)}（{counts}）\n")


def register(app: typer.Typer) -> None:
    """Add the ``export`` command to ``app``."""
    app.command("export")(boundary(export_command))
