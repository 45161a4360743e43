"""``cgtask list`` and ``cgtask show``: who leads and supports what."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

import typer

from cgtask.cli.common import FormatOption, OutputFormat, RegistryOption, boundary
from cgtask.cli.output import cell_text, emit

ROLE_NAMES = {"lead": "牵头", "support": "配合", "responsible": "责任"}
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
    lead = "lead"
    support = "support"


def role_text(row: Mapping[str, Any]) -> str:
    """牵头 / 配合 / 配合（各科室）: how the asked 科室 takes part."""
    role = row.get("role")
    if role is None:
        return ""
    name = ROLE_NAMES[role]
    return f"{name}（{row['via']}）" if row.get("via") else name


def _list_cell(key: str, row: Mapping[str, Any]) -> str:
    return role_text(row) if key == "role" else cell_text(row.get(key))


def list_command(
    dept: Annotated[
        str | None, typer.Option("--dept", "-d", help="科室或中队：列出它牵头、配合的工作")
    ] = None,
    role: Annotated[
        RoleChoice | None, typer.Option("--role", help="与 --dept 同用：lead 只看牵头，support 只看配合")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="目录名称或序号，例如 执法监督 或 4")
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="只看一个文件，例如 tasks-2022")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="在简称和工作细则中查找文字")] = None,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """列出任务和监督事项，可按科室、角色、目录、文件和文字筛选。

    示例：cgtask list --dept 监督科 --role lead
    """
    from cgtask import api

    reg = api.open_registry(registry)
    query = api.ListFilter(dept, role.value if role else None, category, doc, search)
    rows = api.list_items(reg, query)
    columns = [c for c in LIST_COLUMNS if c[0] != "role" or dept]
    if len({row["doc"] for row in rows}) <= 1 and fmt is OutputFormat.table:
        columns = [c for c in columns if c[0] != "doc"]  # one document: the column would only repeat it
    title = f"{dept} 牵头、配合的工作（{len(rows)} 项）" if dept else f"共 {len(rows)} 项"
    emit(rows, columns, fmt, title=title, cell=_list_cell)
    if not rows:
        sys.stderr.write("没有符合条件的工作\n")


def show_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="任务编号（如 4.3）或监督事项序号（如 7）")],
    doc: Annotated[str | None, typer.Option("--doc", help="编号在多个文件中出现时指定文件")] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="输出格式：table 或 json")
    ] = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """显示一项任务或监督事项的全部内容：工作细则、分项、牵头与配合部门、指标、周期。

    示例：cgtask show 4.3
    """
    from cgtask import api

    item = api.show_item(api.open_registry(registry), item_id, doc)
    if fmt is OutputFormat.json:
        emit([item], [], fmt)
        return
    from cgtask.cli.show_view import print_item

    print_item(item)


def register(app: typer.Typer) -> None:
    app.command("list")(boundary(list_command))
    app.command("show")(boundary(show_command))
