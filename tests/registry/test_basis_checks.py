"""check: E701 for a task's basis id that no work plan holds; the shipped links all resolve."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cgtask.api import open_registry
from cgtask.registry.checks.work_plan import work_plan_item_paths
from cgtask.registry.loader import check_registry
from cgtask.registry.view import iter_tasks
from tests.conftest import MINIMAL_TASKS

WORK_PLAN = """\
kind: work_plan
id: plan-2022-test
title: 测试区2021年工作总结和2022年工作计划
year: 2022
summary:
  year: 2021
  title: 2021年工作总结
  items:
    - id: s2021-1
      numbering: （一）
      heading: 总结
plan:
  year: 2022
  title: 2022年工作计划
  sections:
    - id: p2022-1
      numbering: 一、
      heading: 强化执法监督
      items:
        - id: p2022-1.1
          numbering: （一）
          heading: 健全监督体系
          text: 完善监督制度。
"""

BROKEN = MINIMAL_TASKS.replace(
    "        support: [法制科, 机动执法中队]\n",
    "        support: [法制科, 机动执法中队]\n        basis:\n          - p2022-1.1\n          - p2022-1.11\n",
)


def test_unknown_basis_is_reported_at_its_line(make_registry: Callable[..., Path]) -> None:
    root = make_registry(tasks=BROKEN, files={"documents/plan.yaml": WORK_PLAN})
    errors = [f for f in check_registry(root) if f.code == "E701"]
    assert [(f.line, f.severity) for f in errors] == [(16, "error")]
    assert "p2022-1.11" in errors[0].message
    assert "p2022-1.1”？" in errors[0].message  # the nearest known id is suggested


def test_basis_without_any_work_plan_is_reported(make_registry: Callable[..., Path]) -> None:
    errors = [f for f in check_registry(make_registry(tasks=BROKEN)) if f.code == "E701"]
    assert len(errors) == 2
    assert "没有工作计划" in errors[0].message


def test_known_basis_gives_no_finding(make_registry: Callable[..., Path]) -> None:
    root = make_registry(
        tasks=BROKEN.replace("p2022-1.11", "p2022-1"), files={"documents/plan.yaml": WORK_PLAN}
    )
    assert [f for f in check_registry(root) if f.code == "E701"] == []


def test_every_shipped_basis_names_a_city_plan_item() -> None:
    registry = open_registry(use_cache=False)
    plan = registry.document("plan-2022-city")
    assert plan["kind"] == "work_plan"
    plan_items = {
        item_id for path, item_id in work_plan_item_paths(plan) if path[0] == "plan" and "items" in path
    }
    tasks = registry.document("tasks-2022")
    assert tasks["kind"] == "task_breakdown"
    links = [item_id for _, task in iter_tasks(tasks) for item_id in task["basis"]]
    assert len(links) >= 60
    assert set(links) <= plan_items
    assert set(links) == plan_items  # every item of the city's 2022 plan is carried out by some task
