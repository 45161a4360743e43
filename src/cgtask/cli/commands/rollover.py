"""``cgtask rollover``: next year's task table and supervision plan as drafts, from this year's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import RegistryOption


def rollover_command(
    year: Annotated[int, typer.Argument(help="新的年度，如 2023", show_default=False)],
    from_year: Annotated[
        int | None, typer.Option("--from-year", help="沿用哪一年的文件（缺省为此前最近的年度）")
    ] = None,
    force: Annotated[bool, options.force("新年度的文件已存在时覆盖")] = False,
    registry: RegistryOption = None,
) -> None:
    """由上一年的任务分解表和执法监督方案生成新年度的草稿，写在原文件旁（如 tasks-2023.yaml）。

    标题和文中的年份改为新年度，文号、成文日期、印发日期和施行日期清空待印发时填写，牵头、配合、责任部门和
    各项周期性工作照旧沿用；含年度数字或日期的任务、事项标上 review 待起草人核定。草稿带 draft: true，
    cgtask check 在印发前一直提示（W308、W309）。上一年的文件和台账不作改动。

    示例：cgtask rollover 2023 --registry 我的登记册
    """
    from cgtask import api

    done = api.rollover(registry, year, since=from_year, force=force)
    for document in done.documents:
        sys.stderr.write(
            f"已写入 {_shown(document.path)}（{document.doc_id}，沿用 {document.follows}：{len(document.review)} 项待复核）\n"
        )
    sys.stderr.write(
        f"{done.to_year} 年的草稿已生成；运行 cgtask check 查看待复核的条目，cgtask diff {done.from_year} {done.to_year} 查看两年的差别\n"
    )


def _shown(path: Path) -> Path:
    """The path as the user reaches it from here (relative when it lies below the working folder)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def register(app: typer.Typer) -> None:
    """Add the ``rollover`` command to ``app``."""
    app.command("rollover")(boundary(rollover_command))
