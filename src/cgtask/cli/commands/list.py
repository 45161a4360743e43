"""``cgtask list``: who leads and supports what."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import OutputFormat
from cgtask.cli.output import cell_text, emit

LIST_COLUMNS = [
    ("id", "编号"),
    ("doc", "文件"),
    ("category", "目录"),
    ("title", "工作"),
    ("lead", "牵头部门"),
    ("support", "配合部门"),
    ("role", "角色"),
]


class RoleChoice(StrEnum):
    """How a 科室 takes part in a task: leading it (牵头) or supporting it (配合)."""

    lead = "lead"
    support = "support"


def role_text(row: Mapping[str, Any]) -> str:
    """牵头 / 配合 / 配合（各科室）: how the asked 科室 takes part."""
    role = row.get("role")
    if role is None:
        return ""
    from cgtask.api import role_label

    name = role_label(role, listing=True)
    return f"{name}（{row['via']}）" if row.get("via") else name


def _list_cell(key: str, row: Mapping[str, Any]) -> str:
    return role_text(row) if key == "role" else cell_text(row.get(key))


@dataclass(frozen=True)
class ListOptions(options.Listing):
    """Which tasks and items to list: by 科室 and its role, category, document and text."""

    dept: Annotated[str | None, options.dept("科室或中队：列出它牵头、配合的工作")] = None
    role: Annotated[
        RoleChoice | None, typer.Option("--role", help="与 --dept 同用：lead 只看牵头，support 只看配合")
    ] = None
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="目录名称或序号，例如 执法监督 或 4")
    ] = None
    doc: Annotated[str | None, options.doc("只看一个文件，例如 tasks-2022")] = None
    search: Annotated[str | None, options.search("在简称和工作细则中查找文字")] = None
    year: Annotated[int | None, options.year("年度（登记册有几个年度时缺省为最新的年度）")] = None


@options.option_group("wanted", ListOptions)
def list_command(*, wanted: ListOptions) -> None:
    """列出任务和监督事项，可按科室、角色、目录、文件和文字筛选。

    示例：cgtask list --dept 监督科 --role lead
    """
    from cgtask import api

    dept, role = wanted.dept, wanted.role
    lead_or_support: Literal["lead", "support"] | None = None
    if role is not None:
        lead_or_support = "lead" if role is RoleChoice.lead else "support"
    rows = api.list_tasks(
        wanted.registry,
        api.ListFilter(dept, lead_or_support, wanted.category, wanted.doc, wanted.search, wanted.year),
    )
    columns = [c for c in LIST_COLUMNS if c[0] != "role" or dept]
    if len({row["doc"] for row in rows}) <= 1 and wanted.fmt is OutputFormat.table:
        columns = [c for c in columns if c[0] != "doc"]  # one document: the column would only repeat it
    what = {"lead": "牵头（负责）", "support": "配合"}.get(lead_or_support or "", "牵头、配合")
    title = f"{dept} {what}的工作（{len(rows)} 项）" if dept else f"共 {len(rows)} 项"
    emit(rows, columns, wanted.fmt, title=title, cell=_list_cell)
    if not rows:
        sys.stderr.write("没有符合条件的工作\n")


def register(app: typer.Typer) -> None:
    """Add the ``list`` command to ``app``."""
    app.command("list")(boundary(list_command))
