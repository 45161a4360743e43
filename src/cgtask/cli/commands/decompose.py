"""``cgtask decompose``: a task-breakdown draft from a work plan."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import RegistryOption


def decompose_command(
    plan: Annotated[str, options.plan("工作计划的文件编号，如 plan-2022-city")],
    output: Annotated[Path, options.output("写入的 YAML 文件，如 registry/documents/tasks-2022-city.yaml")],
    doc_id: Annotated[
        str | None, options.new_id("新任务表的文件编号（缺省由计划编号得出，如 tasks-2022-city）")
    ] = None,
    force: Annotated[bool, options.force("覆盖已存在的文件")] = False,
    registry: RegistryOption = None,
) -> None:
    """由工作计划生成任务分解表草稿：每个部分一个目录，每个条目一项任务（basis 指向该条目），牵头、配合部门留待填写。

    草稿带 draft: true，cgtask check 对未填的牵头部门只作警告；填好后删去该行。

    示例：cgtask decompose --plan plan-2022-city -o registry/documents/tasks-2022-city.yaml
    """
    from cgtask import api

    done = api.decompose(registry, work_plan=plan, output=output, doc_id=doc_id, force=force)
    sys.stderr.write(
        f"已写入 {done.path}（{done.doc_id}：{done.categories} 个目录，{done.tasks} 项任务）；"
        "请填写各项任务的 lead、support，然后运行 cgtask check\n"
    )


def register(app: typer.Typer) -> None:
    """Add the ``decompose`` command to ``app``."""
    app.command("decompose")(boundary(decompose_command))
