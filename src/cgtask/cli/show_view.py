"""The terminal view of one task or supervision item."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from cgtask.cli.output import cell_text

_TASK_FIELDS = [("category", "目录"), ("title", "简称"), ("lead", "牵头部门"), ("support", "配合部门")]
_ITEM_FIELDS = [("title", "监督内容"), ("responsible", "责任部门"), ("methods", "监督方法"), ("note", "备注")]


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
        grid.add_row("周期", f"{duty['level']}：{what}{duty['frequency']}{source}")
    for basis in item.get("basis") or []:
        grid.add_row("依据", basis)
    console.print(grid)
