"""A task's ``basis`` must name plan items that exist (E701), so ``trace`` never loses a link.

Ids are looked up across every work-plan document of the registry (the loader's ``_basis_findings``):
a task table may carry out the city's plan, and a district's own plan may join the registry later.
This module words the finding.
"""

from __future__ import annotations

import difflib


def _unknown_message(task_id: str, item_id: str, known: set[str]) -> str:
    nearest = difflib.get_close_matches(item_id, sorted(known), n=1, cutoff=0.6)
    if nearest:
        hint = f"，是不是“{nearest[0]}”？"
    elif known:
        hint = "（请核对工作计划中的条目编号）"
    else:
        hint = "（注册表中没有工作计划文件）"
    return f"第 {task_id} 项的依据“{item_id}”不是任何工作计划中的条目{hint}"
