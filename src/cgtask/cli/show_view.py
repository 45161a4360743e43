"""The terminal view of one task or supervision item."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from cgtask.cli.output import cell_text
from cgtask.support.words import assumption_marked

_TASK_FIELDS = [("category", "目录"), ("title", "简称"), ("lead", "牵头部门"), ("support", "配合部门")]
# What a plan of another bureau adds (cgtask import): shown only when the task has it.
_PLAN_FIELDS = [
    ("responsible", "责任部门"),
    ("leader", "牵头局领导"),
    ("inspector", "检查主体"),
    ("object", "检查对象"),
]
_ITEM_FIELDS = [("title", "监督内容"), ("responsible", "责任部门"), ("methods", "监督方法"), ("note", "备注")]


def _plan_rows(grid: Table, item: dict[str, Any]) -> None:
    """The rows a plan of another bureau adds: its other roles, its object and the base of its shares."""
    for key, label in _PLAN_FIELDS:
        if item.get(key):
            grid.add_row(label, cell_text(item[key]))
    base = item.get("base")
    if base:
        size = "（原表未写数目）" if base["value"] is None else f"{base['value']:g}"
        grid.add_row("抽查基数", f"{base['name']} {size}")


def print_item(item: dict[str, Any]) -> None:
    """Print one task or supervision item (``show``) as a titled grid of its fields."""
    console = Console()
    is_task = item["kind"] == "task"
    kind = "任务" if is_task else "监督事项"
    console.print(f"[bold]{kind} {item['id']}[/bold]（{item['doc']}）")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, label in _TASK_FIELDS if is_task else _ITEM_FIELDS:
        grid.add_row(label, cell_text(item.get(key)) or "—")
    if is_task:
        _plan_rows(grid, item)
    text = item.get("detail") if is_task else item.get("content")
    if text:
        grid.add_row("工作细则" if is_task else "正文说明", text)
    for number, sub in enumerate(item.get("items") or [], start=1):
        grid.add_row("分项" if number == 1 else "", sub)
    for target in item.get("targets") or []:
        grid.add_row("指标", target["text"])
    for duty in item.get("schedule") or item.get("obligations") or []:
        source = f"（{duty['source']}）" if duty.get("source") else ""
        what = duty.get("activity") or ""
        frequency = assumption_marked(duty["frequency"], duty.get("assumed"))
        grid.add_row("周期", f"{duty['level']}：{what}{frequency}{source}")
    for basis in item.get("basis") or []:
        grid.add_row("依据", basis)
    for note in item.get("review") or []:
        grid.add_row("待核对", note)
    console.print(grid)
