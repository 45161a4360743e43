"""Drafts: a warning until a document is issued, a lead left blank, figures left to review.

The model allows ``lead: []`` so that a skeleton from ``cgtask decompose`` (``draft: true``) loads;
this check keeps the rule “every task has a 牵头部门” for every other table, located at the task.
A document rolled over from last year (``cgtask rollover``) is a draft too, and marks with ``review``
each task or item whose yearly figures or dates its drafter has still to settle.
"""

from __future__ import annotations

from collections.abc import Callable

from cgtask.findings import Finding
from cgtask.models.data import SupervisionPlanData, TaskBreakdownData
from cgtask.registry import walk

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


def issue_findings(data: TaskBreakdownData | SupervisionPlanData, at: Locate) -> list[Finding]:
    """W308 for a draft document (until issued), W309 for each item still marked for review."""
    findings = []
    if data.get("draft"):
        message = f"文件 {data['id']} 是草稿，尚未印发；印发后填写文号、成文日期，删去 draft: true"
        findings.append(at(["draft"], "W308", message))
    for item in walk.items(data):
        review = item.data.get("review")
        if review and isinstance(review, str):  # a task's notes (a list) are review_findings' (W405)
            findings.append(at([*item.path, "review"], "W309", f"第 {item.id} 项待复核：{review}"))
    return findings
