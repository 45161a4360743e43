"""Tasks without a lead: an error in an issued table, a warning in a draft that awaits its keeper.

The model allows ``lead: []`` so that a skeleton from ``cgtask decompose`` (``draft: true``) loads;
this check keeps the rule “every task has a 牵头部门” for every other table, located at the task.
"""

from __future__ import annotations

from collections.abc import Callable

from cgtask.findings import Finding
from cgtask.models.data import TaskBreakdownData

TaskPath = list[str | int]
Locate = Callable[[TaskPath, str, str], Finding]


def lead_findings(data: TaskBreakdownData, at: Locate) -> list[Finding]:
    """E305 for an empty lead in a table; W305 for the same blank in a draft (``draft: true``)."""
    draft = bool(data.get("draft"))
    findings = []
    for c, category in enumerate(data["categories"]):
        for t, task in enumerate(category["tasks"]):
            if task["lead"]:
                continue
            path: TaskPath = ["categories", c, "tasks", t, "lead"]
            name = f"第 {task['id']} 项“{task['title']}”"
            if draft:
                findings.append(at(path, "W305", f"{name}尚未填写牵头部门（草稿）"))
            else:
                message = f"{name}缺少牵头部门；至少填一个（尚在起草的文件可加 draft: true）"
                findings.append(at(path, "E305", message))
    return findings
