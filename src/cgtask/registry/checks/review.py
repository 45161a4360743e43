"""What an import could not settle: each ``review`` note of a task is a warning at that task until removed.

``cgtask import`` writes a note for a cell it could not read, a body it registered as a draft, and a
deadline it found in a task's wording; the keeper confirms or corrects it and deletes the note.
"""

from __future__ import annotations

from collections.abc import Callable

from cgtask.findings import Finding
from cgtask.models.data import TaskBreakdownData

TaskPath = list[str | int]
Locate = Callable[[TaskPath, str, str], Finding]


def review_findings(data: TaskBreakdownData, at: Locate) -> list[Finding]:
    """W405 for every review note left on a task, located at the note itself."""
    findings = []
    for c, category in enumerate(data["categories"]):
        for t, task in enumerate(category["tasks"]):
            for n, note in enumerate(task.get("review", [])):
                path: TaskPath = ["categories", c, "tasks", t, "review", n]
                findings.append(at(path, "W405", f"第 {task['id']} 项“{task['title']}”待核对：{note}"))
    return findings
