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
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="列名=字段",
            help="指定列的含义（可多次），如 --map 抽查内容=任务、--map 督查频率=频次；字段：序号、类别、任务、内容、"
            "牵头部门、配合部门、责任部门、牵头局领导、检查主体、检查对象、频次、比例、每次数量、基数、检查时间、完成时限",
        ),
    ] = None


@options.option_group("chosen", ImportChoices)
def import_command(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="Word（.docx）或 Excel（.xlsx）任务分解表")],
    output: Annotated[Path, options.output("要写入的 YAML 文件，如 registry/documents/tasks-2023.yaml")],
    *,
    chosen: ImportChoices,
    registry: RegistryOption = None,
) -> None:
    """把 Word/Excel 表格（任务分解表、双随机抽查计划、工作要点/思路）导入为登记册文件。

    按表头识别各列（抽查事项/工作任务、责任科室/牵头责任部门、检查时间、抽查比例及频次 …），
    频次、比例、时间窗口和完成时限读成履职要求；读不懂的单元格、新登记的部门和从正文读出的期限
    记为“待核对”，cgtask check 逐条提示（W405）。像笔误的部门名称会提示最接近的名称并原样保留。

    示例：cgtask import 任务分解表.docx -o registry/documents/tasks-2023.yaml --year 2023
    """
    from cgtask import api

    settings = api.ImportOptions(
        doc_id=chosen.doc_id,
        year=chosen.year,
        title=chosen.title,
        force=chosen.force,
        mapping=tuple(chosen.mapping or ()),
    )
    result = api.import_table(registry, source, output, settings)
    warn(result.warnings)
    duties = sum(len(task.schedule) for category in result.categories for task in category.tasks)
    drafts = f"；{len(result.drafts)} 个新部门已作为草稿登记在 organization.yaml" if result.drafts else ""
    placed = Path(result.output).parent.name == "documents"  # already in a registry's documents/
    step = "运行 cgtask check 核对" if placed else "请放入登记册的 documents/ 后运行 cgtask check"
    sys.stderr.write(
        f"已写入 {result.output}：{len(result.categories)} 个目录，{result.task_count} 项任务，"
        f"{duties} 条履职要求{drafts}；{step}\n"
    )


def register(app: typer.Typer) -> None:
    """Add the ``import`` command to ``app``."""
    app.command("import")(boundary(import_command))
