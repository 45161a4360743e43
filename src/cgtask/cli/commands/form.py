"""``cgtask form``: the monthly 台账 form (.xlsx) for a 科室 or 中队, or one for each."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import RegistryOption, YearOption
from cgtask.errors import UsageError


@dataclass(frozen=True)
class FormChoice:
    """Whose forms, and of which year: one 中队 or 科室, or every one with ``--all``."""

    unit: Annotated[str | None, options.unit("中队名称")] = None
    dept: Annotated[str | None, options.dept("科室名称")] = None
    every: Annotated[bool, typer.Option("--all", help="每个科室、中队各一张，写入 -o 指定的目录")] = False
    year: YearOption = None


@options.option_group("whose", FormChoice)
def form_command(
    month: Annotated[int, options.month("月份 1—12", min=1, max=12)],
    output: Annotated[Path, options.output("输出文件（.xlsx）；--all 时为目录")],
    *,
    whose: FormChoice,
    force: Annotated[bool, options.force("输出文件已存在时覆盖")] = False,
    registry: RegistryOption = None,
) -> None:
    """月度台账表：列出该月应完成的每项工作（周期、截止日期、要求、来源），留出完成日期、次数、数量、基数、覆盖中队（没有一行要填覆盖时隐藏）、备注供填写；其余单元格锁定，打印为 A4 横向一页宽。填好后用 cgtask ledger import 导入。

    示例：cgtask form --month 3 --unit 吴淞街道中队 -o 吴淞街道中队-3月台账.xlsx
    """
    from cgtask import api

    if sum(x is not None for x in (whose.dept, whose.unit)) + whose.every != 1:
        raise UsageError("请在 --unit、--dept、--all 中指定且只指定一个")
    if whose.every:
        options.refuse_file_for_all(output)
    request = api.FormRequest(month, every=whose.every, dept=whose.dept, unit=whose.unit, year=whose.year)
    outcome = api.write_forms(registry, request, output, force=force)
    for path, rows in outcome.written:
        sys.stderr.write(f"已写入 {path}（{rows} 项工作）\n")
    if outcome.nothing_due:
        names = "、".join(outcome.nothing_due)
        sys.stderr.write(f"{names} {outcome.month_label}没有到期的工作，不生成台账表\n")
    if whose.every:
        sys.stderr.write(f"共 {len(outcome.written)} 张台账表，写入 {output}\n")


def register(app: typer.Typer) -> None:
    """Add the ``form`` command to ``app``."""
    app.command("form")(boundary(form_command))
