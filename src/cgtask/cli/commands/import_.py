"""``cgtask import``: an existing Word/Excel task table into the registry (``import`` is a Python keyword)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary, warn
from cgtask.cli.options import RegistryOption


@dataclass(frozen=True)
class ImportChoices:
    """What the command line sets for the new document: id, year and title, and whether to overwrite."""

    doc_id: Annotated[str | None, options.new_id("文件编号（缺省为 tasks-年度）")] = None
    year: Annotated[int | None, options.year("年度（缺省从标题或文件名中识别）", short=False)] = None
    title: Annotated[str | None, typer.Option("--title", help="标题（缺省取表格上方的标题或文件名）")] = None
    force: Annotated[bool, options.force("输出文件已存在时覆盖")] = False


@options.option_group("chosen", ImportChoices)
def import_command(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="Word（.docx）或 Excel（.xlsx）任务分解表")],
    output: Annotated[Path, options.output("要写入的 YAML 文件，如 registry/documents/tasks-2023.yaml")],
    *,
    chosen: ImportChoices,
    registry: RegistryOption = None,
) -> None:
    """把现有的 Word/Excel 任务分解表导入为登记册文件；不认识的部门名称会提示最接近的名称并原样保留。

    示例：cgtask import 任务分解表.docx -o registry/documents/tasks-2023.yaml --year 2023
    """
    from cgtask import api

    settings = api.ImportOptions(
        doc_id=chosen.doc_id, year=chosen.year, title=chosen.title, force=chosen.force
    )
    result = api.import_table(registry, source, output, settings)
    warn(result.warnings)
    sys.stderr.write(
        f"已写入 {result.output}：{len(result.categories)} 个目录，{result.task_count} 项任务；"
        "请放入登记册的 documents/ 后运行 cgtask check\n"
    )


def register(app: typer.Typer) -> None:
    """Add the ``import`` command to ``app``."""
    app.command("import")(boundary(import_command))
