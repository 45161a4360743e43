"""check: W601 for a requirement no target captures, E601 for a target whose text is not the task's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cgtask.api import open_registry
from cgtask.extract.targets import find_targets
from cgtask.registry.checks.targets import task_texts
from cgtask.registry.loader import check_registry
from cgtask.registry.view import iter_tasks

TASKS = """\
kind: task_breakdown
id: tasks-test
title: 测试任务分解表
year: 2022
categories:
  - number: 1
    name: 执法监督
    tasks:
      - id: '1.1'
        title: 落实城管执法建议工作制度
        detail: 落实城管执法建议工作制度。区局制发城管执法建议书至少5份；全年APP开单率≥95%。
        lead: [法制科]
        targets:
          - text: 区局制发城管执法建议书至少5份
            metric: 区局制发城管执法建议书
            op: '>='
            value: 5
            unit: 份
            scope: year
          - text: APP开单率不低于95%
            op: '>='
            value: 95
      - id: '1.2'
        title: 宣传工作
        items:
          - 1. 拓展公益宣传阵地。利用建筑工地围栏开展宣传，工地数>10。
        lead: [办公室]
"""


def _findings(make_registry: Callable[..., Path], tasks: str) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.code, f.severity, f.message) for f in check_registry(make_registry(tasks=tasks))]


def test_uncaptured_requirement_warns_at_its_text(make_registry: Callable[..., Path]) -> None:
    warnings = [f for f in _findings(make_registry, TASKS) if f[1] == "W601"]
    assert [(line, severity) for line, _, severity, _ in warnings] == [(11, "warning"), (26, "warning")]
    assert "APP开单率≥95%" in warnings[0][3]  # the target's text is not verbatim, so it covers nothing
    assert "工地数>10" in warnings[1][3]


def test_target_text_must_be_the_tasks_own_words(make_registry: Callable[..., Path]) -> None:
    errors = [f for f in _findings(make_registry, TASKS) if f[1] == "E601"]
    assert [(line, severity) for line, _, severity, _ in errors] == [(20, "error")]
    assert "APP开单率不低于95%" in errors[0][3]


def test_captured_requirements_give_no_finding(make_registry: Callable[..., Path]) -> None:
    fixed = TASKS.replace("APP开单率不低于95%", "全年APP开单率≥95%").replace(
        "        lead: [办公室]\n", "        lead: [办公室]\n        targets:\n          - text: 工地数>10\n"
    )
    assert _findings(make_registry, fixed) == []


def test_shipped_registry_captures_every_requirement() -> None:
    registry = open_registry(use_cache=False)
    assert not [w for w in registry.data["warnings"] if w["code"] == "W601"]
    tasks = registry.document("tasks-2022")
    assert tasks["kind"] == "task_breakdown"
    targets = [target for _, task in iter_tasks(tasks) for target in task["targets"]]
    assert len(targets) >= 39
    candidates = sum(len(find_targets(text)) for _, task in iter_tasks(tasks) for _, text in task_texts(task))
    assert candidates == len(targets)  # one target per requirement, none invented
