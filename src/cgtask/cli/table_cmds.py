"""``cgtask export`` and ``cgtask import``: the registry out to spreadsheets, an existing table in."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli.common import RegistryOption, boundary


class ExportChoice(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


def export_command(
    fmt: Annotated[
        ExportChoice, typer.Option("--format", "-f", help="xlsx（工作簿）、csv 或 json", case_sensitive=False)
    ] = ExportChoice.xlsx,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="输出文件；csv 时可给目录，每张表一个文件；省略时 csv/json 输出到屏幕"
        ),
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="只导出一个文件，例如 tasks-2022")] = None,
    registry: RegistryOption = None,
) -> None:
    """导出任务、监督要求和台账：xlsx 每张表一个工作表（表头加粗、冻结首行、可筛选），也可导出 csv、json。

    示例：cgtask export --format xlsx -o 任务分解表.xlsx
    """
    from cgtask import api
    from cgtask.interchange.export import export_registry

    result = export_registry(api.open_registry(registry), fmt.value, output, doc)
    if result.stdout is not None:
        sys.stdout.write(result.stdout)
    counts = "，".join(f"{table.sheet} {len(table.rows)} 行" for table in result.tables)
    if result.written:
        sys.stderr.write(f"已写入 {'、'.join(str(p) for p in result.written)}（{counts}）\n")


def import_command(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="Word（.docx）或 Excel（.xlsx）任务分解表")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="要写入的 YAML 文件，如 registry/documents/tasks-2023.yaml")
    ],
    doc_id: Annotated[str | None, typer.Option("--id", help="文件编号（缺省为 tasks-年度）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度（缺省从标题或文件名中识别）")] = None,
    title: Annotated[str | None, typer.Option("--title", help="标题（缺省取表格上方的标题或文件名）")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖")] = False,
    registry: RegistryOption = None,
) -> None:
    """把现有的 Word/Excel 任务分解表导入为登记册文件；不认识的部门名称会提示最接近的名称并原样保留。

    示例：cgtask import 任务分解表.docx -o registry/documents/tasks-2023.yaml --year 2023
    """
    from cgtask import api
    from cgtask.interchange.table_import import ImportOptions, import_table

    index = api.open_registry(registry).index
    options = ImportOptions(doc_id=doc_id, year=year, title=title, force=force)
    result = import_table(source, output, index, options)
    for warning in result.warnings:
        sys.stderr.write(f"警告：{warning}\n")
    sys.stderr.write(
        f"已写入 {result.output}：{len(result.categories)} 个目录，{result.task_count} 项任务；"
        "请放入登记册的 documents/ 后运行 cgtask check\n"
    )


def register(app: typer.Typer) -> None:
    app.command("export")(boundary(export_command))
    app.command("import")(boundary(import_command))
