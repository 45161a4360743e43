"""Checks of a work plan that pydantic cannot see: item ids, and figures that must be found in their text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from cgtask.findings import Finding
from cgtask.models.data import FigureData, WorkPlanData
from cgtask.registry import walk

PlanPath = list[str | int]
Locate = Callable[[PlanPath, str, str], Finding]


def work_plan_item_paths(data: WorkPlanData) -> Iterator[tuple[PlanPath, str]]:
    """(path, id) of every section and item of both parts, in document order."""
    return ((item.path, item.id) for item in walk.all_items(data))


def work_plan_findings(data: WorkPlanData, at: Locate) -> list[Finding]:
    """Figures that point at no item, or whose value or sentence is not in the text they cite."""
    texts = {item_id: _node_text(data, path) for path, item_id in work_plan_item_paths(data)}
    findings = []
    for f, figure in enumerate(data["figures"]):
        findings += _figure_findings(figure, texts, ["figures", f], at)
    return findings


def _node_text(data: WorkPlanData, path: PlanPath) -> str:
    node: Any = data
    for step in path:
        node = node[step]
    return str(node["text"])


def _figure_findings(figure: FigureData, texts: dict[str, str], path: PlanPath, at: Locate) -> list[Finding]:
    text = texts.get(figure["item"])
    if text is None:
        return [at([*path, "item"], "E501", f"关键数字引用的条目 {figure['item']} 不存在")]
    findings = []
    if not re.search(rf"(?<![\d.]){re.escape(figure['value'])}(?![\d.])", figure["sentence"]):
        findings.append(at([*path, "value"], "E502", f"数值 {figure['value']} 不在原句中"))
    if figure["sentence"] not in text:
        findings.append(at([*path, "sentence"], "E503", f"原句不在条目 {figure['item']} 的正文中"))
    return findings
