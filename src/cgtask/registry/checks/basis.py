"""A task's ``basis`` must name plan items that exist (E701), so ``trace`` never loses a link.

Ids are looked up across every work-plan document of the registry: a task table may carry out
the city's plan, and a district's own plan may join the registry later.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

from cgtask.findings import Finding
from cgtask.models.data import DocumentData
from cgtask.registry import walk

TaskPath = list[str | int]
Locate = Callable[[TaskPath, str, str], Finding]


def basis_findings(documents: Sequence[tuple[DocumentData, Locate]]) -> list[Finding]:
    """E701 for each basis id that no work plan holds, with the nearest known id suggested."""
    known = _work_plan_item_ids([data for data, _ in documents])
    findings: list[Finding] = []
    for data, at in documents:
        for task in walk.items(data, "task"):
            for n, item_id in enumerate(task.data["basis"]):
                if item_id not in known:
                    path: TaskPath = [*task.path, "basis", n]
                    findings.append(at(path, "E701", _unknown_message(task.id, item_id, known)))
    return findings


def _work_plan_item_ids(documents: list[DocumentData]) -> set[str]:
    return {item.id for data in documents for item in walk.all_items(data) if item.kind == "plan_item"}


def _unknown_message(task_id: str, item_id: str, known: set[str]) -> str:
    nearest = difflib.get_close_matches(item_id, sorted(known), n=1, cutoff=0.6)
    if nearest:
        hint = f"，是不是“{nearest[0]}”？"
    elif known:
        hint = "（请核对工作计划中的条目编号）"
    else:
        hint = "（注册表中没有工作计划文件）"
    return f"第 {task_id} 项的依据“{item_id}”不是任何工作计划中的条目{hint}"
